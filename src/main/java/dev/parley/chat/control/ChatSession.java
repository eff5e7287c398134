package dev.parley.chat.control;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One open WebSocket and what Parley knows of it. Frames go out through a bounded queue, one
 * asynchronous send in flight at a time, so a client that stops reading fills only its own queue and
 * is closed (1008) when it is full: it never blocks a sender or another session.
 * <p>
 * Kept small on purpose: there may be tens of thousands of these.
 */
public class ChatSession {

    private static final Logger LOG = Logger.getLogger(ChatSession.class.getName());

    private final Session socket;
    private final long userId;
    private final String username;
    private final boolean v1;
    private final int queueLimit;
    private final Executor closer;
    /** Told when this session is closed for not reading: a metric, shared by all sessions. */
    private final Runnable slowConsumerClosed;

    private final Queue<String> outbound = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    /** True while a send is in flight; true from the start, so that nothing goes out before {@link #start}. */
    private final AtomicBoolean sending = new AtomicBoolean(true);
    private final AtomicBoolean closing = new AtomicBoolean();

    /** Receives routed frames once its offline replay is done (see {@link ChatHub}). */
    private volatile boolean live;
    private volatile String jti;
    private volatile Instant expiresAt;
    private volatile long lastHeardNanos = System.nanoTime();
    /** Frames refused by the rate limit and not yet forgiven, as of {@link #struckAtNanos}. */
    private double rateStrikes;
    private long struckAtNanos;

    public ChatSession(Session socket, ChatPrincipal principal, boolean v1, int queueLimit, Executor closer,
                       Runnable slowConsumerClosed) {
        this.socket = socket;
        this.userId = principal.userId();
        this.username = principal.username();
        this.jti = principal.jti();
        this.expiresAt = principal.expiresAt();
        this.v1 = v1;
        this.queueLimit = queueLimit;
        this.closer = closer;
        this.slowConsumerClosed = slowConsumerClosed;
    }

    /** Queues a frame this session may see; closes the session instead when its queue is full. */
    public void send(Frame frame) {
        if (!v1 && !frame.compat()) {
            return;
        }
        if (closing.get()) {
            return;
        }
        if (queued.incrementAndGet() > queueLimit) {
            queued.decrementAndGet();
            if (!closing.get()) {
                slowConsumerClosed.run();
            }
            close(CloseReason.CloseCodes.VIOLATED_POLICY, "slow consumer: outbound queue full");
            return;
        }
        outbound.add(frame.json());
        drain();
    }

    private void drain() {
        while (sending.compareAndSet(false, true)) {
            String next = outbound.poll();
            if (next == null) {
                sending.set(false);
                if (outbound.isEmpty()) {
                    return;
                }
                continue; // a frame arrived between poll and release: go round again
            }
            try {
                socket.getAsyncRemote().sendText(next, result -> {
                    queued.decrementAndGet();
                    sending.set(false);
                    if (result.isOK()) {
                        drain();
                    } else {
                        LOG.log(Level.FINE, "send failed, closing", result.getException());
                        close(CloseReason.CloseCodes.CLOSED_ABNORMALLY, "send failed");
                    }
                });
            } catch (RuntimeException e) {
                queued.decrementAndGet();
                sending.set(false);
                LOG.log(Level.FINE, "send refused, closing", e);
                close(CloseReason.CloseCodes.CLOSED_ABNORMALLY, "send failed");
            }
            return;
        }
    }

    /**
     * Starts writing what was queued since the session opened, the welcome first. Until then frames only
     * queue: a client must not see its welcome before the session is wired to receive what is stored next.
     */
    public void start() {
        sending.set(false);
        drain();
    }

    /** Frames queued and not yet written; 0 once everything went out. */
    public int queued() {
        return queued.get();
    }

    /**
     * Closes the socket with this reason, once; off the caller's thread, since writing the close
     * frame to a client that stopped reading may block.
     */
    public void close(CloseReason.CloseCode code, String reason) {
        if (!closing.compareAndSet(false, true)) {
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

    /** Closes on the caller's thread: for shutdown, when executors may be gone already. */
    public void closeNow(CloseReason.CloseCode code, String reason) {
        if (!closing.compareAndSet(false, true)) {
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
        return closing.get() || !socket.isOpen();
    }

    public void ping() {
        try {
            socket.getAsyncRemote().sendPing(ByteBuffer.allocate(0));
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
