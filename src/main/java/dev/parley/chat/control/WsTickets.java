package dev.parley.chat.control;

import dev.parley.accounts.control.TokenRevocations;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Single-use WebSocket tickets: a browser cannot set an {@code Authorization} header on a WebSocket,
 * and a token in a URL ends up in logs, so it trades its token for a ticket that works once, for
 * {@code parley.ws.ticket-lifetime}, and only while the token it was traded for works: a logout of that
 * token, or of every token of the user, stops it at once. Where tickets are held is up to the subclass: in this instance's
 * memory ({@link LocalWsTickets}), or in a cluster's data grid, so that any member redeems them once.
 */
public abstract class WsTickets {

    /** A ticket's holder, the token generation of the token it was traded for, and when it stops working. */
    public record Held(ChatPrincipal principal, int tokenGeneration, Instant expiresAt) {
    }

    private final SecureRandom random = new SecureRandom();

    @Inject
    @ConfigProperty(name = "parley.ws.ticket-lifetime")
    Duration lifetime;

    @Inject
    TokenRevocations revocations;

    /** A ticket for the holder of a token that was just checked; {@code tokenGeneration} is that token's. */
    public String issue(ChatPrincipal principal, int tokenGeneration) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String ticket = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        // Never past the token it was traded for: a ticket is that token, once.
        Instant end = Instant.now().plus(lifetime);
        hold(ticket, new Held(principal, tokenGeneration, principal.expiresAt().isBefore(end) ? principal.expiresAt() : end));
        return ticket;
    }

    /** The ticket's holder, once; empty for an unknown, used or expired ticket, or one whose token was revoked. */
    public Optional<ChatPrincipal> redeem(String ticket) {
        return take(ticket)
                .filter(held -> !held.expiresAt().isBefore(Instant.now()))
                .filter(held -> revocations.holder(held.principal().userId(), held.principal().jti(),
                        held.tokenGeneration()).isPresent())
                .map(Held::principal);
    }

    public Duration lifetime() {
        return lifetime;
    }

    /** Keeps a new ticket until it expires. */
    protected abstract void hold(String ticket, Held held);

    /** Removes the ticket and answers what it held, atomically: of two takers, one gets it. */
    protected abstract Optional<Held> take(String ticket);
}
