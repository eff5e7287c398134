package dev.parley.chat.control;

import dev.parley.chat.entity.ChatMessage;
import dev.parley.platform.Database;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The one thread that stores messages and hands them on, in order.
 * <p>
 * Messages waiting together are stored in one transaction (group commit: one commit for many
 * messages is what lets a database keep up with thousands a second), and {@link MessageStored} is
 * fired for each after the commit, in id order, on this thread. So ids increase in the order messages
 * are stored, nobody hears of a message before it is durable, and every session receives messages in
 * id order. Work that must see "everything stored so far, nothing after" (offline replay, cursors)
 * runs here too, between batches: {@link #inOrder}.
 */
@ApplicationScoped
public class MessageWriter {

    private static final Logger LOG = Logger.getLogger(MessageWriter.class.getName());

    private sealed interface Job permits Write, Task {
    }

    private record Write(ChatMessage message, ChatSession origin) implements Job {
    }

    private record Task(Runnable work) implements Job {
    }

    @Resource
    ManagedThreadFactory threads;

    @Inject
    MessageStore store;

    @Inject
    Event<MessageStored> stored;

    @Inject
    Event<MessageNotStored> notStored;

    @Inject
    @ConfigProperty(name = "parley.chat.batch-size")
    int maxBatch;

    @Inject
    @ConfigProperty(name = "parley.chat.write-queue")
    int maxWaiting;

    private final BlockingQueue<Job> jobs = new LinkedBlockingQueue<>();
    private volatile boolean running;
    private volatile long storedUpTo;
    /** False while the database could not be asked for its highest id (it was down at start). */
    private boolean knowsStoredUpTo;
    private Thread thread;

    @PostConstruct
    void start() {
        running = true;
        thread = threads.newThread(this::run);
        thread.setName("parley-message-writer");
        thread.start();
    }

    /** Queues a message; false when too many wait already (the database is not keeping up). */
    public boolean submit(ChatMessage message, ChatSession origin) {
        if (!running || jobs.size() >= maxWaiting) {
            return false;
        }
        return jobs.offer(new Write(message, origin));
    }

    /** Runs work on the writer thread after every message queued before it was stored and handed on. */
    public void inOrder(Runnable work) {
        jobs.add(new Task(work));
    }

    /** The highest id stored and handed on by this instance. Only meaningful on the writer thread. */
    public long storedUpTo() {
        return storedUpTo;
    }

    /**
     * Another member of a cluster stored and handed on messages up to {@code upTo}: replay, {@code sync}
     * and cursors on this instance include them from now on. Only on the writer thread ({@link #inOrder}),
     * in the task that hands those messages to this instance's sessions.
     */
    public void storedElsewhere(long upTo) {
        storedUpTo = Math.max(storedUpTo, upTo);
    }

    /** Whether the caller is the writer thread: only there is {@link #storedUpTo} exact. */
    public boolean isWriterThread() {
        return Thread.currentThread() == thread;
    }

    public int waiting() {
        return jobs.size();
    }

    public boolean isRunning() {
        return running && thread.isAlive();
    }

    private void run() {
        learnStoredUpTo();
        List<Write> batch = new ArrayList<>(maxBatch);
        while (running || !jobs.isEmpty()) {
            Job first;
            try {
                first = jobs.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (first instanceof Task task) {
                runTask(task);
            } else if (first instanceof Write write) {
                batch.add(write);
                while (batch.size() < maxBatch && jobs.peek() instanceof Write) {
                    batch.add((Write) jobs.poll());
                }
                write(batch);
                batch.clear();
            }
        }
    }

    private void write(List<Write> batch) {
        List<MessageStore.Outcome> outcomes;
        try {
            outcomes = store.store(batch.stream().map(Write::message).toList());
        } catch (RuntimeException e) {
            if (batch.size() > 1) {
                // One bad message must not sink the others: store them one by one.
                batch.forEach(one -> write(List.of(one)));
            } else {
                LOG.log(Level.WARNING, "a message could not be stored: {0}", Database.describe(e));
                notStored.fire(new MessageNotStored(batch.get(0).message(), batch.get(0).origin()));
            }
            return;
        }
        for (int i = 0; i < outcomes.size(); i++) {
            MessageStore.Outcome outcome = outcomes.get(i);
            storedUpTo = Math.max(storedUpTo, outcome.message().getId());
            try {
                stored.fire(new MessageStored(outcome.message(), outcome.duplicate(), batch.get(i).origin()));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "handing on a stored message failed", e);
            }
        }
    }

    private void learnStoredUpTo() {
        if (knowsStoredUpTo) {
            return;
        }
        try {
            storedUpTo = Math.max(storedUpTo, store.highestId());
            knowsStoredUpTo = true;
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "the highest message id is unknown for now", e);
        }
    }

    private void runTask(Task task) {
        learnStoredUpTo();
        try {
            task.work().run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "an ordered task failed: {0}", Database.describe(e));
        }
    }

    @PreDestroy
    void stop() {
        running = false;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
