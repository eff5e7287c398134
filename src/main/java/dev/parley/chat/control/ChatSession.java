package dev.parley.chat.control;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Instant;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One open WebSocket and what Parley knows of it. Frames go out through a bounded queue, one
 * asynchronous send in flight at a time, so a client that stops reading fills only its own queue and
 * is closed (1008) when it is full: it never blocks a sender or another session.
 * <p>
 * {@link #send} only queues: the writes run on {@code sender} ({@link Senders}), where this session is
 * handed once it has frames and none in flight, and from where it is never handed twice at once, so
 * frames go out in the order they were queued. A write that completes at once is followed by the next
 * on the same thread; one that completes later (the socket was not ready) hands the session back.
 * <p>
 * Kept small on purpose: there may be tens of thousands of these. Hence the counters and flags below are
 * volatile fields updated through {@link VarHandle}s rather than atomic objects of their own (16 bytes each).
 */
public class ChatSession {

    private static final Logger LOG = Logger.getLogger(ChatSession.class.getName());

    private static final int WRITING = 1;
    private static final int WRITTEN = 2;
    private static final int AWAITING = 3;

    private static final VarHandle QUEUED;
    private static final VarHandle SENDING;
    private static final VarHandle WRITE;
    private static final VarHandle CLOSING;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            QUEUED = lookup.findVarHandle(ChatSession.class, "queued", int.class);
            SENDING = lookup.findVarHandle(ChatSession.class, "sending", boolean.class);
            WRITE = lookup.findVarHandle(ChatSession.class, "write", int.class);
            CLOSING = lookup.findVarHandle(ChatSession.class, "closing", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Session socket;
    private final FrameWriter out;
    private final long userId;
    private final String username;
    private final boolean v1;
    private final int queueLimit;
    private final Executor closer;
    private final Executor sender;
    /** Told when this session is closed for not reading: a metric, shared by all sessions. */
    private final Runnable slowConsumerClosed;

    private final Queue<Frame> outbound = new ConcurrentLinkedQueue<>();
    /** Frames queued and not yet written ({@link #QUEUED}). */
    private volatile int queued;
    /**
     * True while the session is handed to the sender or a write is in flight; true from the start, so
     * that nothing goes out before {@link #start} ({@link #SENDING}).
     */
    private volatile boolean sending = true;
    /**
     * Where the current write is: {@link #WRITING}, {@link #WRITTEN} at once, or {@link #AWAITING} completion
     * ({@link #WRITE}).
     */
    private volatile int write;
    private final Runnable drain = this::drain;
    private final Consumer<Throwable> written = this::written;
    /** Set once, by the first close ({@link #CLOSING}). */
    private volatile boolean closing;

    /** Receives routed frames once its offline replay is done (see {@link ChatHub}). */
    private volatile boolean live;
    private volatile String jti;
    private volatile Instant expiresAt;
    private volatile long lastHeardNanos = System.nanoTime();
    /** Frames refused by the rate limit and not yet forgiven, as of {@link #struckAtNanos}. */
    private double rateStrikes;
    private long struckAtNanos;

    public ChatSession(Session socket, FrameWriter out, ChatPrincipal principal, boolean v1, int queueLimit,
                       Executor closer, Executor sender, Runnable slowConsumerClosed) {
        this.socket = socket;
        this.out = out;
        this.userId = principal.userId();
        this.username = principal.username();
        this.jti = principal.jti();
        this.expiresAt = principal.expiresAt();
        this.v1 = v1;
        this.queueLimit = queueLimit;
        this.closer = closer;
        this.sender = sender;
        this.slowConsumerClosed = slowConsumerClosed;
    }

    /** Queues a frame this session may see; closes the session instead when its queue is full. */
    public void send(Frame frame) {
        if (!v1 && !frame.compat()) {
            return;
        }
        if (closing) {
            return;
        }
        if ((int) QUEUED.getAndAdd(this, 1) + 1 > queueLimit) {
            QUEUED.getAndAdd(this, -1);
            if (!closing) {
                slowConsumerClosed.run();
            }
            close(CloseReason.CloseCodes.VIOLATED_POLICY, "slow consumer: outbound queue full");
            return;
        }
        outbound.add(frame);
        if (SENDING.compareAndSet(this, false, true)) {
            sender.execute(drain);
        }
    }

    /** On the sender: writes what is queued until the queue is empty or a write has to wait. */
    private void drain() {
        while (true) {
            Frame next = outbound.poll();
            if (next == null) {
                sending = false;
                // A frame queued between the poll and the release found the session still handed over.
                if (outbound.isEmpty() || !SENDING.compareAndSet(this, false, true)) {
                    return;
                }
                continue;
            }
            if (closing) {
                return; // stays handed over: nothing more is written
            }
            write = WRITING;
            try {
                out.write(next, written);
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "send refused, closing", e);
                QUEUED.getAndAdd(this, -1);
                close(CloseReason.CloseCodes.CLOSED_ABNORMALLY, "send failed");
                return;
            }
            if (WRITE.compareAndSet(this, WRITING, AWAITING)) {
                return; // written() hands the session back once the socket took the frame
            }
        }
    }

    private void written(Throwable failure) {
        QUEUED.getAndAdd(this, -1);
        if (failure != null) {
            LOG.log(Level.FINE, "send failed, closing", failure);
            close(CloseReason.CloseCodes.CLOSED_ABNORMALLY, "send failed");
            write = WRITTEN;
            return;
        }
        if (!WRITE.compareAndSet(this, WRITING, WRITTEN)) {
            sender.execute(drain); // completed later, on whichever thread the socket chose
        }
    }

    /**
     * Starts writing what was queued since the session opened, the welcome first. Until then frames only
     * queue: a client must not see its welcome before the session is wired to receive what is stored next.
     */
    public void start() {
        sender.execute(drain);
    }

    /** Frames queued and not yet written; 0 once everything went out. */
    public int queued() {
        return queued;
    }

    /**
     * Closes the socket with this reason, once; off the caller's thread, since writing the close
     * frame to a client that stopped reading may block.
     */
    public void close(CloseReason.CloseCode code, String reason) {
        if (!CLOSING.compareAndSet(this, false, true)) {
            return;
        }
        outbound.clear();
        closer.execute(() -> {
            try {
                socket.close(new CloseReason(code, reason));
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.FINE, "close failed", e);
            }
        });
    }

    /**
     * The WebSocket closed, whoever closed it ({@code @OnClose}, before the container lets go of the
     * connection): nothing more is written to it, and what was queued is dropped.
     */
    public void disconnected() {
        closing = true;
        outbound.clear();
        out.disconnected();
    }

    /** Closes on the caller's thread: for shutdown, when executors may be gone already. */
    public void closeNow(CloseReason.CloseCode code, String reason) {
        if (!CLOSING.compareAndSet(this, false, true)) {
            return;
        }
        try {
            socket.close(new CloseReason(code, reason));
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "close failed", e);
        }
    }

    public boolean isLive() {
        return live;
    }

    public void goLive() {
        live = true;
    }

    public boolean isClosing() {
        return closing || !socket.isOpen();
    }

    public void ping() {
        try {
            out.ping();
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "ping failed", e);
        }
    }

    /** Any frame or pong from the client proves it is alive. */
    public void heard() {
        lastHeardNanos = System.nanoTime();
    }

    public long silentForNanos() {
        return System.nanoTime() - lastHeardNanos;
    }

    /**
     * Counts a frame refused by the rate limit; true once the client keeps flooding. Refused frames are
     * forgiven at {@code forgivenPerSecond}, whether or not others get through meanwhile: a client that
     * keeps sending several times its allowance is closed even though now and then a frame is accepted.
     */
    public synchronized boolean rateLimited(int strikesAllowed, double forgivenPerSecond) {
        long now = System.nanoTime();
        rateStrikes = Math.max(0, rateStrikes - (now - struckAtNanos) * forgivenPerSecond / 1e9) + 1;
        struckAtNanos = now;
        return rateStrikes > strikesAllowed;
    }

    /** An {@code auth} frame brought a fresh token. */
    public void renew(String jti, Instant expiresAt) {
        this.jti = jti;
        this.expiresAt = expiresAt;
    }

    public long userId() {
        return userId;
    }

    public String username() {
        return username;
    }

    public boolean isV1() {
        return v1;
    }

    public String jti() {
        return jti;
    }

    public Instant expiresAt() {
        return expiresAt;
    }
}
