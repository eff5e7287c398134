package dev.parley.chat.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Tickets in this instance's memory: redeemed on the instance that issued them. */
@ApplicationScoped
public class LocalWsTickets extends WsTickets {

    private final Map<String, Held> tickets = new ConcurrentHashMap<>();

    @Override
    protected void hold(String ticket, Held held) {
        Instant now = Instant.now();
        tickets.values().removeIf(old -> old.expiresAt().isBefore(now));
        tickets.put(ticket, held);
    }

    @Override
    protected Optional<Held> take(String ticket) {
        return Optional.ofNullable(tickets.remove(ticket));
    }
}
