package dev.parley.chat.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aBucketIsFullOnceWhatWasTakenHasRefilled() {
        RateLimiter.Bucket bucket = new RateLimiter.Bucket(3);
        long now = System.nanoTime();

        assertTrue(bucket.isFull(10, 3, now), "a new bucket");
        assertTrue(bucket.tryTake(10, 3, now));
        assertFalse(bucket.isFull(10, 3, now + SECOND / 20), "half a token back");
        assertTrue(bucket.isFull(10, 3, now + SECOND / 10), "the token back");
    }

    @Test
    void droppingFullBucketsKeepsTheDrainedOnesSoTheirUsersStayLimited() {
        // One token every 1,000 s: nothing refills while the test runs, however slow the machine.
        RateLimiter.Allowance allowance = new RateLimiter.Allowance(0.001, 30);
        for (int i = 0; i < 30; i++) {
            assertTrue(allowance.tryTake(1));
        }
        assertTrue(allowance.tryTake(2));

        allowance.dropFull(System.nanoTime());
        assertEquals(Set.of(1L, 2L), allowance.buckets().keySet(), "neither has refilled");
        allowance.dropFull(System.nanoTime() + 2_000 * SECOND);

        assertEquals(Set.of(1L), allowance.buckets().keySet(), "user 2's one token is back, user 1's thirty are not");
        assertFalse(allowance.tryTake(1), "user 1's allowance is as used up as before the sweep");
    }
}
