package dev.parley.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sessions on java.net.http.WebSocket: standard, but about 20 us of CPU per received frame here (twice what
 * the node peer spends sending it), so used for cross-checks (--client jdk), not by default.
 */
final class JdkWs implements WsConnector {

    private final ExecutorService executor;
    private final HttpClient[] clients = new HttpClient[2];

    JdkWs() {
        AtomicInteger n = new AtomicInteger();
        executor = Executors.newFixedThreadPool(Math.max(4, 2 * Runtime.getRuntime().availableProcessors()), r -> {
            Thread t = new Thread(r, "bench-jdkws-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        for (int i = 0; i < clients.length; i++) {
            clients[i] = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(executor)
                    .connectTimeout(Duration.ofSeconds(20)).build();
        }
    }

    @Override
    public WsSession connect(int index, User user, Fleet fleet, URI uri, Duration timeout) {
        Session s = new Session(index, user, fleet);
        try {
            clients[index % clients.length].newWebSocketBuilder().connectTimeout(timeout).buildAsync(uri, s)
                    .whenComplete((w, e) -> {
                        if (e != null) {
                            s.welcomed.completeExceptionally(e);
                        }
                    });
        } catch (RuntimeException e) {
            s.welcomed.completeExceptionally(e);
        }
        return s;
    }

    @Override
    public void close() {
        executor.shutdownNow(); // JDK 17's HttpClient has no close(); its selector thread ends with it
    }

    private static final class Session extends WsSession implements WebSocket.Listener {
        private final ConcurrentLinkedQueue<String> outbox = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean sending = new AtomicBoolean();
        private volatile WebSocket ws;
        private StringBuilder partial; // only touched by the listener, which the JDK calls one at a time

        Session(int index, User user, Fleet fleet) {
            super(index, user, fleet);
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            this.ws = webSocket;
            webSocket.request(Long.MAX_VALUE); // unbounded demand: the listener never blocks
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            long now = System.nanoTime();
            if (!last) {
                if (partial == null) {
                    partial = new StringBuilder();
                }
                partial.append(data);
                return null;
            }
            if (partial != null) {
                CharSequence all = partial.append(data);
                partial = null;
                onText(all, now);
            } else {
                onText(data, now);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            ended(statusCode, reason, null);
            return null; // the JDK then answers with its own Close
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            ended(-1, String.valueOf(error), error);
        }

        @Override
        boolean open() {
            return ws != null && !closed.isDone();
        }

        @Override
        void send(String text) {
            outbox.add(text);
            drain();
        }

        /** At most one send pending (the JDK refuses a second); completions send the next. */
        private void drain() {
            while (sending.compareAndSet(false, true)) {
                String next = outbox.poll();
                if (next == null) {
                    sending.set(false);
                    if (outbox.isEmpty()) {
                        return;
                    }
                    continue;
                }
                WebSocket w = ws;
                if (w == null || closed.isDone()) {
                    outbox.clear();
                    sending.set(false);
                    fleet.sendFailed(new IllegalStateException("session " + index + " is closed"));
                    return;
                }
                CompletableFuture<WebSocket> cf;
                try {
                    cf = w.sendText(next, true);
                } catch (RuntimeException e) {
                    cf = CompletableFuture.failedFuture(e);
                }
                if (cf.isDone()) {
                    if (cf.isCompletedExceptionally()) {
                        cf.whenComplete((x, e) -> fleet.sendFailed(e));
                    }
                    sending.set(false);
                    continue;
                }
                cf.whenComplete((x, e) -> {
                    if (e != null) {
                        fleet.sendFailed(e);
                    }
                    sending.set(false);
                    drain();
                });
                return;
            }
        }

        @Override
        void startClose() {
            closing = true;
            WebSocket w = ws;
            if (w == null || closed.isDone()) {
                return;
            }
            try {
                w.sendClose(WebSocket.NORMAL_CLOSURE, "").whenComplete((x, e) -> {
                    if (e != null) {
                        abort();
                    }
                });
            } catch (RuntimeException e) {
                abort();
            }
        }

        @Override
        void abort() {
            closing = true;
            WebSocket w = ws;
            if (w != null) {
                w.abort();
            }
            closed.complete(-2);
        }
    }
}
