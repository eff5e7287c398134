package dev.parley.accounts.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.testing.MutableClock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private static final String ACCOUNT = "user:42";

    private final MutableClock clock = new MutableClock();
    private final LoginThrottle throttle = new LoginThrottle();

    @BeforeEach
    void configure() {
        throttle.freeFailures = 5;
        throttle.maxBackoff = Duration.ofMinutes(15);
        throttle.clock = clock;
    }

    @Test
    void theFirstFourFailuresCostNothing() {
        fail(4);

        assertEquals(Optional.empty(), throttle.retryAfter(ACCOUNT));
    }

    @Test
    void theFifthFailureLocksForASecond() {
        fail(5);

        assertEquals(Optional.of(Duration.ofSeconds(1)), throttle.retryAfter(ACCOUNT));
        clock.advance(Duration.ofMillis(400));
        assertEquals(Optional.of(Duration.ofMillis(600)), throttle.retryAfter(ACCOUNT));
        clock.advance(Duration.ofMillis(600));
        assertEquals(Optional.empty(), throttle.retryAfter(ACCOUNT), "the lock always ends");
    }

    @Test
    void eachFurtherFailureDoublesTheLock() {
        fail(5);
        for (long seconds : new long[]{2, 4, 8, 16, 32}) {
            clock.advance(throttle.retryAfter(ACCOUNT).orElseThrow());
            fail(1);
            assertEquals(Optional.of(Duration.ofSeconds(seconds)), throttle.retryAfter(ACCOUNT));
        }
    }

    @Test
    void theLockNeverExceedsTheMaximum() {
        fail(5 + 40);

        assertEquals(Optional.of(Duration.ofMinutes(15)), throttle.retryAfter(ACCOUNT));
        clock.advance(Duration.ofMinutes(15));
        assertEquals(Optional.empty(), throttle.retryAfter(ACCOUNT), "not locked out for good");
    }

    @Test
    void aSuccessForgetsTheFailures() {
        fail(5);
        clock.advance(Duration.ofSeconds(1));

        throttle.succeeded(ACCOUNT);
        fail(4);

        assertEquals(Optional.empty(), throttle.retryAfter(ACCOUNT));
    }

    @Test
    void accountsAreThrottledApart() {
        fail(10);

        assertEquals(Optional.empty(), throttle.retryAfter("user:43"));
    }

    @Test
    void theFailureCountOutlivesTheLock() {
        fail(5);
        clock.advance(Duration.ofHours(1));

        fail(1);

        assertEquals(Optional.of(Duration.ofSeconds(2)), throttle.retryAfter(ACCOUNT),
                "a guesser who waits still faces a growing back-off");
    }

    @Test
    void aFloodOfIdentifiersDoesNotFreeALockedAccount() {
        fail(5);

        for (int i = 0; i <= LoginThrottle.MAX_TRACKED; i++) {
            throttle.failed("name:guess" + i);
        }

        assertEquals(Optional.of(Duration.ofSeconds(1)), throttle.retryAfter(ACCOUNT));
    }

    private void fail(int times) {
        for (int i = 0; i < times; i++) {
            throttle.failed(ACCOUNT);
        }
    }
}
