package dev.parley.chat.control;

import dev.parley.platform.Housekeeping;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What each user may send, as token buckets shared by all of the user's sessions. One user's buckets
 * never touch another's, so a flood costs others nothing but the parse of the refused frames.
 * <ul>
 * <li>Messages: {@code parley.ws.rate-burst} at once, then {@code parley.ws.rate-per-second}.
 * <li>Typing indicators have their own ({@code parley.ws.typing-*}): a client that sends one per keystroke
 * must not use up its messages, and one to the common room is a frame to every session, so it is not free.
 * <li>{@code sync} requests have their own ({@code parley.ws.sync-*}): each runs a query of up to
 * {@code parley.ws.replay-limit} messages on the writer thread, in line with every user's messages. A
 * client syncs once a connection (and again to page on), so messages sent from its other tabs must not
 * use up its syncs.
 * </ul>
 * A user's buckets outlive their sessions, so that disconnecting and connecting again does not refill
 * them. Every {@value #DROP_FULL_EVERY_SECONDS} s the buckets that have refilled are dropped: a full
 * bucket is what a new one would be, so this changes no answer and keeps only the users who sent lately.
 */
@ApplicationScoped
public class RateLimiter {

    static final long DROP_FULL_EVERY_SECONDS = 10;

    @Inject
    Housekeeping housekeeping;

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

    @Inject
    @ConfigProperty(name = "parley.ws.sync-per-second")
    double syncPerSecond;

    @Inject
    @ConfigProperty(name = "parley.ws.sync-burst")
    int syncBurst;

    private Allowance messages;
    private Allowance typing;
    private Allowance syncs;
    private ScheduledFuture<?> dropping;

    @PostConstruct
    void allowances() {
        messages = new Allowance(perSecond, burst);
        typing = new Allowance(typingPerSecond, typingBurst);
        syncs = new Allowance(syncPerSecond, syncBurst);
        dropping = housekeeping.every(Duration.ofSeconds(DROP_FULL_EVERY_SECONDS), this::dropFull);
    }

    @PreDestroy
    void stop() {
        dropping.cancel(false);
    }

    public boolean tryAcquire(long userId) {
        return messages.tryTake(userId);
    }

    /** Whether a typing indicator of this user may be relayed now. */
    public boolean tryTyping(long userId) {
        return typing.tryTake(userId);
    }

    /** Whether a {@code sync} of this user may run now. */
    public boolean trySync(long userId) {
        return syncs.tryTake(userId);
    }

    /**
     * Drops the buckets that have refilled. One taken from meanwhile (a frame read as it is dropped) gives
     * its user at most one frame more: the next frame finds a new, full bucket.
     */
    void dropFull() {
        long now = System.nanoTime();
        for (Allowance allowance : List.of(messages, typing, syncs)) {
            allowance.dropFull(now);
        }
    }

    /** One kind of frame: a bucket per user. */
    record Allowance(double perSecond, int burst, Map<Long, Bucket> buckets) {

        Allowance(double perSecond, int burst) {
            this(perSecond, burst, new ConcurrentHashMap<>());
        }

        boolean tryTake(long userId) {
            return buckets.computeIfAbsent(userId, id -> new Bucket(burst)).tryTake(perSecond, burst, System.nanoTime());
        }

        void dropFull(long now) {
            buckets.values().removeIf(bucket -> bucket.isFull(perSecond, burst, now));
        }
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

        synchronized boolean isFull(double perSecond, int burst, long now) {
            return tokens + (now - refilledAt) * perSecond / 1e9 >= burst;
        }
    }
}
