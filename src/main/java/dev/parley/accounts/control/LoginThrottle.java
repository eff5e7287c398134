package dev.parley.accounts.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Slows down password guessing against one account: after {@code parley.login.free-failures} failed
 * logins in a row, each further failure locks the account's login for twice as long as the one
 * before (1 s, 2 s, 4 s, ...) up to {@code parley.login.max-backoff}. A lock always ends, so the
 * real owner is never locked out for good, and a success clears the record.
 * <p>
 * Keyed by the identifier as typed (case-folded), whether or not such a user exists, so the answer
 * reveals nothing about which accounts exist. Kept in memory, per instance: a restart forgives.
 */
@ApplicationScoped
public class LoginThrottle {

    /** Beyond this many tracked identifiers, records without a running lock are forgotten first. */
    static final int MAX_TRACKED = 100_000;

    private record Failures(int count, Instant lockedUntil) {
    }

    private final ConcurrentHashMap<String, Failures> failures = new ConcurrentHashMap<>();

    @Inject
    @ConfigProperty(name = "parley.login.free-failures")
    int freeFailures;

    @Inject
    @ConfigProperty(name = "parley.login.max-backoff")
    Duration maxBackoff;

    Clock clock = Clock.systemUTC();

    /** How long this identifier must wait before its next attempt, if it must. */
    public Optional<Duration> retryAfter(String identifier) {
        Failures f = failures.get(identifier);
        Instant now = clock.instant();
        if (f == null || f.lockedUntil() == null || !f.lockedUntil().isAfter(now)) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, f.lockedUntil()));
    }

    public void failed(String identifier) {
        if (failures.size() >= MAX_TRACKED) {
            Instant now = clock.instant();
            failures.values().removeIf(f -> f.lockedUntil() == null || f.lockedUntil().isBefore(now));
        }
        failures.compute(identifier, (key, f) -> {
            int count = f == null ? 1 : f.count() + 1;
            return new Failures(count, count < freeFailures ? null : clock.instant().plus(backoff(count)));
        });
    }

    public void succeeded(String identifier) {
        failures.remove(identifier);
    }

    private Duration backoff(int count) {
        int doublings = Math.min(count - freeFailures, 30);
        Duration backoff = Duration.ofSeconds(1L << doublings);
        return backoff.compareTo(maxBackoff) > 0 ? maxBackoff : backoff;
    }
}
