package dev.parley.chat.boundary;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * A chat client as a real one connects: the JDK's {@code java.net.http} WebSocket, speaking compat (no
 * subprotocol) or {@code parley.v1}. It keeps every frame it receives, in order, parsed as JSON, and how
 * the server closed it; it answers pings as any WebSocket client does. Open one with
 * {@code ChatClient.to(base).bearer(token).v1().connect()} and close it (try-with-resources or
 * {@link ChatClients}).
 */
public final class ChatClient implements AutoCloseable {

    /** How long a test waits for a frame, a close or a handshake: generous, a deadline, not a pause. */
    public static final Duration TIMEOUT = Duration.ofSeconds(20);

    /** How the server closed the session: a close frame's code and reason, or {@code -1} for none. */
    public record Closed(int code, String reason) {
    }

    private final WebSocket socket;
    private final Listener listener;

    private ChatClient(WebSocket socket, Listener listener) {
        this.socket = socket;
        this.listener = listener;
    }

    /** Starts a connection to the chat of the server at {@code base} ({@code http://host:port/}). */
    public static Connector to(URI base) {
        return new Connector(base);
    }

    /** The subprotocol the server chose: {@code parley.v1}, or empty for compat. */
    public String subprotocol() {
        return socket.getSubprotocol();
    }

    /** Sends a frame and waits until it is written. */
    public ChatClient send(JsonObject frame) {
        return sendText(frame.toString());
    }

    /** Sends a message with a {@code clientId} and waits for its exact {@code ack} (v1): the id it was stored under. */
    public long sendAcked(JsonObject message) {
        String clientId = message.getString("clientId");
        send(message);
        return FrameAssertions.assertAck(awaitAck(clientId), clientId);
    }

    /** Sends any text as one frame, JSON or not. Sends one at a time, as the JDK's client requires. */
    public synchronized ChatClient sendText(String text) {
        await(socket.sendText(text, true), "sending a frame");
        return this;
    }

    /** Every frame received so far, oldest first. */
    public List<JsonObject> frames() {
        synchronized (listener.frames) {
            return List.copyOf(listener.frames);
        }
    }

    /** The frames of one type received so far, oldest first. */
    public List<JsonObject> frames(String type) {
        return frames().stream().filter(f -> type.equals(f.getString("type", null))).toList();
    }

    /** The first frame (received already or still to come) that matches, waiting up to {@link #TIMEOUT}. */
    public JsonObject await(String what, Predicate<JsonObject> match) {
        return awaitFrames(what, frames -> frames.stream().anyMatch(match)).stream()
                .filter(match).findFirst().orElseThrow();
    }

    /** The first frame of this type. */
    public JsonObject await(String type) {
        return await("a '" + type + "' frame", f -> type.equals(f.getString("type", null)));
    }

    /** The first {@code message} frame with this content. */
    public JsonObject awaitMessage(String content) {
        return await("the message '" + abbreviate(content) + "'",
                f -> "message".equals(f.getString("type", null)) && content.equals(f.getString("content", null)));
    }

    /** The {@code ack} of the message sent with this client id. */
    public JsonObject awaitAck(String clientId) {
        return await("the ack of " + clientId,
                f -> "ack".equals(f.getString("type", null)) && clientId.equals(f.getString("clientId", null)));
    }

    /** The {@code error} frame answering the message sent with this client id. */
    public JsonObject awaitError(String clientId) {
        return await("the error for " + clientId,
                f -> "error".equals(f.getString("type", null)) && clientId.equals(f.getString("clientId", null)));
    }

    /** The frames received, once {@code done} accepts them (frames keep coming meanwhile). */
    public List<JsonObject> awaitFrames(String what, Predicate<List<JsonObject>> done) {
        return awaitFrames(what, TIMEOUT, done);
    }

    /** The frames received, once {@code done} accepts them, waiting up to {@code timeout}. */
    public List<JsonObject> awaitFrames(String what, Duration timeout, Predicate<List<JsonObject>> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (listener.frames) {
            while (!done.test(listener.frames)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("timed out after " + timeout + " waiting for " + what
                            + "; received " + listener.frames + (closed().map(c -> ", closed " + c).orElse("")));
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(listener.frames, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted while waiting for " + what, e);
                }
            }
            return List.copyOf(listener.frames);
        }
    }

    /** Waits until the server closes the session, and how. */
    public Closed awaitClose() {
        try {
            return listener.closed.get(TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("the server did not close the session within " + TIMEOUT + "; received "
                    + frames(), e);
        } catch (ExecutionException e) {
            throw new AssertionError("the session failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** How the server closed the session, if it did. */
    public Optional<Closed> closed() {
        return Optional.ofNullable(listener.closed.getNow(null));
    }

    /** Closes the session from this side (1000), if it is still open. */
    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            try {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                socket.abort();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                socket.abort();
            }
        }
    }

    /** Aborts the connection without a close handshake, as a client that vanishes. */
    public void abort() {
        socket.abort();
    }

    private static <T> T await(CompletableFuture<T> future, String what) {
        try {
            return future.get(TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw new CompletionException(what + " failed", e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError(what + " took more than " + TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while " + what, e);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "…";
    }

    /** What a connection is made with: credential, path, subprotocol, origin. */
    public static final class Connector {
        private static final HttpClient HTTP = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10)).build();

        private final URI base;
        private String path = "ws";
        private final List<String> query = new ArrayList<>();
        private final List<String[]> headers = new ArrayList<>();
        private boolean v1;
        private Duration handshakeTimeout = Duration.ofSeconds(10);

        private Connector(URI base) {
            this.base = base;
        }

        public Connector bearer(String token) {
            return header("Authorization", "Bearer " + token);
        }

        public Connector ticket(String ticket) {
            return query("ticket", ticket);
        }

        /** The original clients' way: the token in the URL. */
        public Connector token(String token) {
            return query("token", token);
        }

        public Connector origin(String origin) {
            return header("Origin", origin);
        }

        /** The path under the server's root, {@code ws} unless changed (the original clients used {@code ws/<id>}). */
        public Connector path(String path) {
            this.path = path;
            return this;
        }

        /** How long the opening handshake may take before the client gives up (10 s unless changed). */
        public Connector handshakeTimeout(Duration timeout) {
            this.handshakeTimeout = timeout;
            return this;
        }

        /** Offers the subprotocol {@code parley.v1}. */
        public Connector v1() {
            this.v1 = true;
            return this;
        }

        public Connector header(String name, String value) {
            headers.add(new String[]{name, value});
            return this;
        }

        public Connector query(String name, String value) {
            query.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
            return this;
        }

        public URI uri() {
            String http = base.resolve(path).toString();
            String ws = "ws" + http.substring("http".length());
            return URI.create(query.isEmpty() ? ws : ws + "?" + String.join("&", query));
        }

        /** Opens the session; fails the test if the server refuses the upgrade. */
        public ChatClient connect() {
            Listener listener = new Listener();
            return new ChatClient(ChatClient.await(builder().buildAsync(uri(), listener), "opening " + uri()), listener);
        }

        /** Tries to open a session that the server must refuse; the HTTP status it answered instead. */
        public int refused() {
            Attempt attempt = attempt();
            if (attempt.opened() != null) {
                attempt.opened().abort();
                throw new AssertionError("the server accepted the upgrade of " + uri());
            }
            return attempt.refusedWith();
        }

        /** Opens the session, or empty if the server refused the upgrade (for a test that retries). */
        public Optional<ChatClient> openUnlessRefused() {
            Attempt attempt = attempt();
            return attempt.opened() == null ? Optional.empty()
                    : Optional.of(new ChatClient(attempt.opened(), attempt.listener()));
        }

        private record Attempt(WebSocket opened, Listener listener, int refusedWith) {
        }

        private Attempt attempt() {
            Listener listener = new Listener();
            Duration wait = TIMEOUT.compareTo(handshakeTimeout) > 0 ? TIMEOUT : handshakeTimeout.plusSeconds(5);
            try {
                return new Attempt(builder().buildAsync(uri(), listener).get(wait.toNanos(), TimeUnit.NANOSECONDS),
                        listener, 101);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof WebSocketHandshakeException refused) {
                    return new Attempt(null, listener, refused.getResponse().statusCode());
                }
                throw new AssertionError("the handshake failed otherwise than by a refusal", e.getCause());
            } catch (TimeoutException e) {
                throw new AssertionError("no answer to the upgrade within " + wait, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }

        private WebSocket.Builder builder() {
            WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(handshakeTimeout);
            headers.forEach(h -> builder.header(h[0], h[1]));
            if (v1) {
                builder.subprotocols("parley.v1");
            }
            return builder;
        }
    }

    /** Collects whole text messages as JSON objects; a non-JSON or binary frame fails the test that reads it. */
    private static final class Listener implements WebSocket.Listener {
        final List<JsonObject> frames = new ArrayList<>();
        final CompletableFuture<Closed> closed = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                add(parse(text));
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            add(Json.createObjectBuilder().add("type", "(a binary frame: Parley never sends one)").build());
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(new Closed(statusCode, reason));
            wake();
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(new Closed(-1, String.valueOf(error)));
            wake();
        }

        private void add(JsonObject frame) {
            synchronized (frames) {
                frames.add(frame);
                frames.notifyAll();
            }
        }

        private void wake() {
            synchronized (frames) {
                frames.notifyAll();
            }
        }

        private static JsonObject parse(String text) {
            try (JsonReader reader = Json.createReader(new StringReader(text))) {
                return reader.readObject();
            } catch (RuntimeException e) {
                return Json.createObjectBuilder().add("type", "(not a JSON object)").add("text", text).build();
            }
        }
    }
}
