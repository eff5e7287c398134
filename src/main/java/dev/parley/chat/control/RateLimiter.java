package dev.parley.chat.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Messages per user: a token bucket of {@code parley.ws.rate-burst} tokens refilled at
 * {@code parley.ws.rate-per-second}, shared by all of the user's sessions. One user's bucket never
 * touches another's, so a flood costs others nothing but the parse of the refused frames.
 * <p>
 * Typing indicators have a bucket of their own ({@code parley.ws.typing-burst},
 * {@code parley.ws.typing-per-second}): a client that sends one per keystroke must not use up its
 * messages, and one frame to the common room is a frame to every session, so it must not be free.
 */
@ApplicationScoped
public class RateLimiter {

    @Inject
    @ConfigProperty(name = "parley.ws.rate-per-second")
    double perSecond;

    @Inject
    @ConfigProperty(name = "parley.ws.rate-burst")
    int burst;

    @Inject
    @ConfigProperty(name = "parley.ws.typing-per-second")
    double typingPerSecond;

    @Inject
    @ConfigProperty(name = "parley.ws.typing-burst")
    int typingBurst;

    private final Map<Long, Bucket> messages = new ConcurrentHashMap<>();
    private final Map<Long, Bucket> typing = new ConcurrentHashMap<>();

    public boolean tryAcquire(long userId) {
        return take(messages, userId, perSecond, burst);
    }

    /** Whether a typing indicator of this user may be relayed now. */
    public boolean tryTyping(long userId) {
        return take(typing, userId, typingPerSecond, typingBurst);
    }

    private static boolean take(Map<Long, Bucket> buckets, long userId, double perSecond, int burst) {
        return buckets.computeIfAbsent(userId, id -> new Bucket(burst)).tryTake(perSecond, burst, System.nanoTime());
    }

    /** The user's last session closed. */
    public void forget(long userId) {
        messages.remove(userId);
        typing.remove(userId);
    }

    static final class Bucket {
        private double tokens;
        private long refilledAt;

        Bucket(int burst) {
            this.tokens = burst;
            this.refilledAt = System.nanoTime();
        }

        synchronized boolean tryTake(double perSecond, int burst, long now) {
            tokens = Math.min(burst, tokens + (now - refilledAt) * perSecond / 1e9);
            refilledAt = now;
            if (tokens < 1) {
                return false;
            }
            tokens -= 1;
            return true;
        }
    }
}
