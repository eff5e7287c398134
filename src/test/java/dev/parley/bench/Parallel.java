package dev.parley.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** Runs {@code count} blocking tasks on {@code concurrency} threads, all done by a deadline. */
final class Parallel {

    interface Task {
        void run(int index) throws Exception;
    }

    /** Outcome: how many tasks succeeded, how many failed, and the first failure. */
    record Outcome(int ok, int failed, Throwable firstError, long elapsedNanos) {
    }

    private Parallel() {
    }

    static Outcome run(String name, int count, int concurrency, long timeoutNanos, Task task)
            throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicReference<Throwable> first = new AtomicReference<>();
        long start = System.nanoTime();
        long deadline = start + timeoutNanos;
        int threads = Math.max(1, Math.min(concurrency, count));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "bench-" + name);
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < threads; w++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count && System.nanoTime() < deadline;
                            i = next.getAndIncrement()) {
                        try {
                            task.run(i);
                            ok.incrementAndGet();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        } catch (Exception e) {
                            failed.incrementAndGet();
                            first.compareAndSet(null, e);
                        }
                    }
                }));
            }
            for (Future<?> f : workers) {
                try {
                    f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    first.compareAndSet(null, e);
                } catch (java.util.concurrent.ExecutionException e) {
                    first.compareAndSet(null, e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        int notRun = count - ok.get() - failed.get();
        return new Outcome(ok.get(), failed.get() + Math.max(0, notRun), first.get(), System.nanoTime() - start);
    }
}
