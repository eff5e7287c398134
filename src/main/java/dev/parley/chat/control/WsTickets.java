package dev.parley.chat.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Single-use WebSocket tickets: a browser cannot set an {@code Authorization} header on a WebSocket,
 * and a token in a URL ends up in logs, so it trades its token for a ticket that works once, for
 * {@code parley.ws.ticket-lifetime}. Kept in memory: a ticket is redeemed on the instance that issued it.
 */
@ApplicationScoped
public class WsTickets {

    private record Held(ChatPrincipal principal, Instant expiresAt) {
    }

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Held> tickets = new ConcurrentHashMap<>();

    @Inject
    @ConfigProperty(name = "parley.ws.ticket-lifetime")
    Duration lifetime;

    public String issue(ChatPrincipal principal) {
        Instant now = Instant.now();
        tickets.values().removeIf(held -> held.expiresAt().isBefore(now));
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String ticket = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        tickets.put(ticket, new Held(principal, now.plus(lifetime)));
        return ticket;
    }

    /** The ticket's holder, once; empty for an unknown, used or expired ticket. */
    public Optional<ChatPrincipal> redeem(String ticket) {
        Held held = tickets.remove(ticket);
        if (held == null || held.expiresAt().isBefore(Instant.now())) {
            return Optional.empty();
        }
        return Optional.of(held.principal());
    }

    public Duration lifetime() {
        return lifetime;
    }
}
