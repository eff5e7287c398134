package dev.parley.platform;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Parley's periodic work (session sweeps, rate-limit clean-up, migration retries) on one thread of its own,
 * made by the container's {@link ManagedThreadFactory} so that the work runs with the application's context.
 * Not the container's managed scheduler: WildFly refuses its tasks, with an ERROR and a stack trace each, in
 * the moment between suspending the server and undeploying Parley, and Payara captures the application's
 * context anew for every run of every task.
 */
@ApplicationScoped
public class Housekeeping {

    @Resource
    ManagedThreadFactory threads;

    private ScheduledThreadPoolExecutor scheduler;

    @PostConstruct
    void start() {
        scheduler = new ScheduledThreadPoolExecutor(1, threads);
        scheduler.setRemoveOnCancelPolicy(true);
    }

    /** Runs {@code task} every {@code period}, the first time one period from now, until cancelled or shutdown. */
    public ScheduledFuture<?> every(Duration period, Runnable task) {
        return scheduler.scheduleWithFixedDelay(task, period.toNanos(), period.toNanos(), TimeUnit.NANOSECONDS);
    }

    @PreDestroy
    void stop() {
        scheduler.shutdownNow();
    }
}
