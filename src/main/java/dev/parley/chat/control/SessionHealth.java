package dev.parley.chat.control;

import dev.parley.platform.Housekeeping;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason.CloseCodes;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Keeps sessions honest, from one periodic sweep rather than a timer per session: pings every
 * {@code parley.ws.ping-interval}, closes a session not heard from (no frame, no pong) for
 * {@code parley.ws.pong-timeout}, and closes one whose token expired without an {@code auth} frame.
 */
@ApplicationScoped
public class SessionHealth {

    @Inject
    Housekeeping housekeeping;

    @Inject
    SessionRegistry registry;

    @Inject
    @ConfigProperty(name = "parley.ws.ping-interval")
    Duration pingInterval;

    @Inject
    @ConfigProperty(name = "parley.ws.pong-timeout")
    Duration pongTimeout;

    @Inject
    @ConfigProperty(name = "parley.ws.sweep-interval")
    Duration sweepInterval;

    private ScheduledFuture<?> sweep;
    private long nextPingNanos;

    void started(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        nextPingNanos = System.nanoTime() + pingInterval.toNanos();
        sweep = housekeeping.every(sweepInterval, this::sweep);
    }

    void sweep() {
        long now = System.nanoTime();
        boolean ping = now - nextPingNanos >= 0;
        if (ping) {
            nextPingNanos = now + pingInterval.toNanos();
        }
        Instant wallClock = Instant.now();
        long timeout = pongTimeout.toNanos();
        for (ChatSession session : registry.all()) {
            if (session.isClosing()) {
                continue;
            }
            if (!session.expiresAt().isAfter(wallClock)) {
                session.close(CloseCodes.VIOLATED_POLICY, "token expired");
            } else if (session.silentForNanos() > timeout) {
                session.close(CloseCodes.GOING_AWAY, "no answer to pings");
            } else if (ping) {
                session.ping();
            }
        }
    }

    @PreDestroy
    void stop() {
        if (sweep != null) {
            sweep.cancel(false);
        }
    }
}
