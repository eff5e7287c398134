package dev.parley.bench;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The open WebSocket sessions of the load generator against one server. Session {@code i} belongs to user
 * {@code i % users.size()}, so the first sessions are of distinct users. Frames after the welcome go to the
 * current {@link Handler} of the scenario.
 */
final class Fleet implements AutoCloseable {

    /** Sees every frame after the welcome; answers whether it was one the scenario expected. */
    interface Handler {
        boolean onFrame(WsSession session, CharSequence text, long nanos);
    }

    /** The outcome of opening sessions up to a count. */
    record OpenResult(int requested, int opened, int failed, long elapsedNanos, String firstError) {
        double perSecond() {
            return elapsedNanos <= 0 ? Double.NaN : opened * 1e9 / elapsedNanos;
        }
    }

    private static final Handler IGNORE = (s, t, n) -> false;

    final Api api;
    final List<User> users;
    private final List<WsSession> sessions = new ArrayList<>();
    private final WsConnector connector;
    private volatile Handler handler = IGNORE;
    final AtomicInteger unexpectedCloses = new AtomicInteger();
    final AtomicLong sendFailures = new AtomicLong();
    final AtomicLong otherFrames = new AtomicLong();
    private final AtomicReference<String> lastOther = new AtomicReference<>();
    private final AtomicReference<String> lastClose = new AtomicReference<>();

    /** {@code client}: "nio" (default) or "jdk", see {@link WsConnector}. */
    Fleet(Api api, List<User> users, String client) {
        this.api = api;
        this.users = users;
        this.connector = WsConnector.create(client);
    }

    void handler(Handler h) {
        handler = h == null ? IGNORE : h;
    }

    void dispatch(WsSession s, CharSequence text, long nanos) {
        if (!handler.onFrame(s, text, nanos)) {
            otherFrames.incrementAndGet();
            String t = text.toString();
            lastOther.set(t.length() > 300 ? t.substring(0, 300) : t);
        }
    }

    void unexpectedClose(WsSession s, int code, String reason) {
        unexpectedCloses.incrementAndGet();
        lastClose.set("session " + s.index + " (" + s.user.name + "): " + code + " " + reason);
    }

    void sendFailed(Throwable e) {
        sendFailures.incrementAndGet();
    }

    String lastOtherFrame() {
        return lastOther.get();
    }

    String lastUnexpectedClose() {
        return lastClose.get();
    }

    int size() {
        synchronized (sessions) {
            return sessions.size();
        }
    }

    WsSession get(int i) {
        synchronized (sessions) {
            return sessions.get(i);
        }
    }

    List<WsSession> snapshot() {
        synchronized (sessions) {
            return List.copyOf(sessions);
        }
    }

    int openCount() {
        int n = 0;
        for (WsSession s : snapshot()) {
            if (s.open()) {
                n++;
            }
        }
        return n;
    }

    /**
     * Opens sessions until there are {@code target}, at most {@code concurrency} handshakes in flight; a
     * handshake ends with the welcome frame. Stops issuing new ones after {@code maxFailures} failures.
     */
    OpenResult open(int target, int concurrency, Duration handshakeTimeout, int maxFailures)
            throws InterruptedException {
        int start = size();
        int want = target - start;
        if (want <= 0) {
            return new OpenResult(0, 0, 0, 0, null);
        }
        Semaphore permits = new Semaphore(concurrency);
        AtomicInteger failed = new AtomicInteger();
        AtomicReference<String> firstError = new AtomicReference<>();
        AtomicLong lastDone = new AtomicLong();
        WsSession[] made = new WsSession[want];
        boolean[] ok = new boolean[want];
        long t0 = System.nanoTime();
        // Generous but bounded: 20 ms per handshake even if they ran one at a time, plus a minute.
        long deadline = t0 + TimeUnit.SECONDS.toNanos(60) + want * TimeUnit.MILLISECONDS.toNanos(20)
                + handshakeTimeout.toNanos();
        int issued = 0;
        for (int k = 0; k < want; k++) {
            if (failed.get() >= maxFailures) {
                break;
            }
            if (!permits.tryAcquire(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                firstError.compareAndSet(null, "handshakes did not finish before the deadline");
                break;
            }
            int i = start + k;
            User u = users.get(i % users.size());
            WsSession s = connector.connect(i, u, this, URI.create(api.wsUrl(u.token)), handshakeTimeout);
            made[k] = s;
            issued++;
            int slot = k;
            s.welcomed.orTimeout(handshakeTimeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((v, e) -> {
                if (e == null) {
                    ok[slot] = true;
                    lastDone.accumulateAndGet(System.nanoTime(), Math::max);
                } else {
                    failed.incrementAndGet();
                    firstError.compareAndSet(null, String.valueOf(e));
                    s.abort();
                }
                permits.release();
            });
        }
        // Wait for the handshakes still in flight, then keep the good sessions in index order.
        if (!permits.tryAcquire(concurrency, Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
            firstError.compareAndSet(null, "handshakes still in flight at the deadline");
        }
        int opened = 0;
        synchronized (sessions) {
            for (int k = 0; k < issued; k++) {
                if (ok[k] && made[k].open()) {
                    sessions.add(made[k]);
                    opened++;
                } else if (!ok[k]) {
                    made[k].abort();
                }
            }
        }
        long end = lastDone.get() == 0 ? System.nanoTime() : lastDone.get();
        int notIssued = want - issued;
        return new OpenResult(want, opened, failed.get() + notIssued, end - t0, firstError.get());
    }

    /**
     * Sends one common-room message from session {@code from} and waits until every session has it (or the
     * timeout); returns how many distinct sessions received it.
     */
    int roomEcho(int from, Duration timeout) throws InterruptedException {
        List<WsSession> all = snapshot();
        long nonce = System.nanoTime() & Long.MAX_VALUE;
        java.util.Set<Integer> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(all.size());
        handler((s, text, nanos) -> {
            long[] f = new long[3];
            if (Marker.parse(text, f) == 'e' && f[1] == nonce) {
                if (seen.add(s.index)) {
                    done.countDown();
                }
                return true;
            }
            return false;
        });
        try {
            all.get(from).send(Marker.frame(Marker.content('e', 0, nonce, System.nanoTime(), 64), ""));
            done.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return seen.size();
        } finally {
            handler(IGNORE);
        }
    }

    /**
     * Closes every session: close handshakes, at most 1,000 at a time (18,000 at once overflowed a server's
     * task queue), then an abort of those that did not finish in time.
     */
    void closeAll(Duration timeout) {
        List<WsSession> all;
        synchronized (sessions) {
            all = new ArrayList<>(sessions);
            sessions.clear();
        }
        handler(IGNORE);
        long deadline = System.nanoTime() + timeout.toNanos();
        int batch = 1000;
        for (int from = 0; from < all.size(); from += batch) {
            List<WsSession> part = all.subList(from, Math.min(all.size(), from + batch));
            for (WsSession s : part) {
                s.startClose();
            }
            CompletableFuture<?>[] closes = part.stream().map(WsSession::finished).toArray(CompletableFuture[]::new);
            try {
                CompletableFuture.allOf(closes).get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                // some did not answer: aborted below
            }
        }
        int aborted = 0;
        for (WsSession s : all) {
            if (!s.finished().isDone()) {
                s.abort();
                aborted++;
            }
        }
        if (aborted > 0) {
            Reporter.warn("%d of %d sessions did not finish the close handshake in %d s; aborted", aborted,
                    all.size(), timeout.toSeconds());
        }
    }

    @Override
    public void close() {
        closeAll(Duration.ofSeconds(30));
        connector.close();
    }
}
