package dev.parley.chat.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TyrusInternalsTest {

    /** Named like Tyrus's own: the only task the wrapper drops. */
    private static final class IdleTimeoutCommand implements Runnable {
        @Override
        public void run() {
        }
    }

    @Test
    void theIdleTimeoutTaskIsDroppedAndAnythingElsePassesThrough() {
        List<Runnable> scheduled = new ArrayList<>();
        ScheduledExecutorService original = new ScheduledThreadPoolExecutor(1) {
            @Override
            public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
                scheduled.add(command);
                return super.schedule(command, delay, unit);
            }
        };
        try {
            ScheduledExecutorService wrapped = TyrusInternals.withoutIdleTimeouts(original);

            ScheduledFuture<?> dropped = wrapped.schedule(new IdleTimeoutCommand(), 0, TimeUnit.MILLISECONDS);
            assertTrue(dropped.isDone());
            dropped.cancel(true);
            assertEquals(List.of(), scheduled);

            Runnable other = () -> { };
            wrapped.schedule(other, 1, TimeUnit.HOURS);
            assertEquals(List.of(other), scheduled);
            assertSame(wrapped, TyrusInternals.withoutIdleTimeouts(original), "one wrapper per scheduler");
            assertSame(wrapped, TyrusInternals.withoutIdleTimeouts(wrapped), "never wrapped twice");
        } finally {
            original.shutdownNow();
        }
    }
}
