package dev.parley.chat.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The threads that write sessions' queued frames to their sockets, so that the writer thread only
 * queues them: a broadcast to thousands of sessions costs it a queue insertion per session, and the
 * writes themselves run on every core. Each session hands itself here when it has frames and none in
 * flight, and never twice at once ({@link ChatSession}), so its frames still go out in the order queued.
 * <p>
 * Long-lived threads of the container's thread factory rather than a managed executor: Payara's managed
 * executors capture the application's context for every task, which costs more than a write.
 */
@ApplicationScoped
public class Senders implements Executor {

    private static final Logger LOG = Logger.getLogger(Senders.class.getName());

    @Resource
    ManagedThreadFactory threadFactory;

    @Inject
    @ConfigProperty(name = "parley.ws.send-threads")
    int threadCount;

    private final BlockingQueue<Runnable> ready = new LinkedBlockingQueue<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    @PostConstruct
    void start() {
        running = true;
        int count = threadCount > 0 ? threadCount : Runtime.getRuntime().availableProcessors();
        for (int i = 0; i < count; i++) {
            Thread thread = threadFactory.newThread(this::run);
            thread.setName("parley-sender-" + i);
            threads.add(thread);
            thread.start();
        }
    }

    /** Runs the work on a sender thread; on the caller's once the senders have stopped. */
    @Override
    public void execute(Runnable work) {
        if (running) {
            ready.add(work);
        } else {
            work.run();
        }
    }

    private void run() {
        while (running || !ready.isEmpty()) {
            Runnable work;
            try {
                work = ready.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (work != null) {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "writing to a session failed", e);
                }
            }
        }
    }

    @PreDestroy
    void stop() {
        running = false;
        for (Thread thread : threads) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        // Whatever a session queued after the threads saw the flag goes out here.
        for (Runnable work; (work = ready.poll()) != null; ) {
            work.run();
        }
    }
}
