package dev.parley.payara;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.chat.control.Frame;
import dev.parley.chat.control.Frames;
import dev.parley.testing.Await;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.glassfish.tyrus.spi.CompletionHandler;
import org.glassfish.tyrus.spi.Writer;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /** Shaped like Grizzly's {@code MimeHeaders}: fields kept for reuse, made again where a slot is empty. */
    static class MimeHeaders {
        private Object[] headers = {new Object(), new Object(), null};
        private int count = 2;

        public void recycle() {
            count = 0;
        }
    }

    /** Shaped like Grizzly's {@code CharChunk}: {@code reset} lets go of the buffer. */
    static class CharChunk {
        private char[] buff = new char[1024];

        public void reset() {
            buff = null;
        }
    }

    /** Shaped like Grizzly's {@code DataChunk}. */
    static class DataChunk {
        final CharChunk charChunk = new CharChunk();

        public CharChunk getCharChunk() {
            return charChunk;
        }
    }

    /** Shaped like Grizzly's {@code Parameters}, which decodes the query string into these chunks. */
    static class Parameters {
        final CharChunk tmpNameC = new CharChunk();
        final CharChunk tmpValueC = new CharChunk();
        final DataChunk decodedQuery = new DataChunk();
        private final LinkedHashMap<String, List<String>> paramHashValues = new LinkedHashMap<>();
        private int parameterCount = 1;

        public void recycle() {
            parameterCount = 0;
        }
    }

    /** Shaped like Tyrus's {@code TyrusSession}: what it copied of the request line, in final fields. */
    static class TyrusSession {
        private final URI requestURI;
        private final String queryString;
        private final Map<String, List<String>> requestParameterMap;
        /** Tyrus copies the query's parameters here too. */
        private final Map<String, String> pathParameters;

        TyrusSession(String query) { // set in a constructor, as Tyrus does: a constant would be inlined
            requestURI = URI.create("ws://localhost:8080/ws?" + query);
            queryString = query;
            requestParameterMap = Map.of("token", List.of("secret"));
            pathParameters = Map.of("token", "secret");
        }
    }

    /** Shaped like Tyrus's session with its message handlers and its endpoint wrapper's component provider. */
    static class HandlingSession {
        final Object handlerManager = new Object() {
            private final Map<Class<?>, Object> registeredHandlers = new HashMap<>(Map.of(String.class, "text"));
        };
        final Object endpointWrapper = new Object() {
            final Object componentProvider = new Object() {
                private final Map<Object, Map<Class<?>, Object>> sessionToObject = new ConcurrentHashMap<>();
            };
        };

        @SuppressWarnings("unchecked")
        Map<Class<?>, Object> handlers() throws ReflectiveOperationException {
            return (Map<Class<?>, Object>) read(handlerManager, "registeredHandlers");
        }

        @SuppressWarnings("unchecked")
        Map<Object, Map<Class<?>, Object>> instances() throws ReflectiveOperationException {
            return (Map<Object, Map<Class<?>, Object>>) read(read(endpointWrapper, "componentProvider"),
                    "sessionToObject");
        }

        private static Object read(Object target, String name) throws ReflectiveOperationException {
            java.lang.reflect.Field field = target.getClass().getDeclaredField(name);
            field.setAccessible(true);
            return field.get(target);
        }
    }

    /** Shaped like Catalina's {@code ParameterMap}: locked once parsed, and then it refuses to be cleared. */
    static class ParameterMap extends LinkedHashMap<String, String[]> {
        private boolean locked;

        @Override
        public void clear() {
            if (locked) {
                throw new IllegalStateException("locked");
            }
            super.clear();
        }
    }

    /** Shaped like Grizzly's {@code DataChunk} with its kinds of content: bytes (maybe shared) or a string. */
    static class Chunk {
        enum Type { None, Bytes, Chars, Buffer, String }

        private Type type = Type.None;
        private byte[] bytes;
        private int start;
        private int end;
        private String string;

        static Chunk ofString(String value) {
            Chunk chunk = new Chunk();
            chunk.type = Type.String;
            chunk.string = value;
            return chunk;
        }

        static Chunk of(byte[] array, int start, int end) {
            Chunk chunk = new Chunk();
            chunk.type = Type.Bytes;
            chunk.bytes = array;
            chunk.start = start;
            chunk.end = end;
            return chunk;
        }

        public Type getType() {
            return type;
        }

        public void setString(String value) {
            bytes = null; // as Grizzly's reset() does for a chunk of bytes
            string = value;
            type = Type.String;
        }

        public void recycle() {
            bytes = null;
            string = null;
            type = Type.None;
        }

        @Override
        public String toString() {
            return switch (type) {
                case Bytes -> new String(bytes, start, end - start, StandardCharsets.ISO_8859_1);
                case String -> string;
                default -> null;
            };
        }
    }

    /** Shaped like Grizzly's {@code RequestURIRef}. */
    static class RequestURIRef {
        final Chunk original;
        final Chunk uri;

        RequestURIRef(Chunk original, Chunk uri) {
            this.original = original;
            this.uri = uri;
        }

        public Chunk getOriginalRequestURIBC() {
            return original;
        }

        public Chunk getRequestURIBC() {
            return uri;
        }
    }

    /** Shaped like Grizzly's request packet, parsed in place from the bytes read: every chunk points into them. */
    static class RequestPacket {
        final byte[] read = "GET /ws?token=secret HTTP/1.1\r\nUpgrade: websocket\r\n".getBytes(StandardCharsets.ISO_8859_1);
        final MimeHeaders headers = new MimeHeaders();
        final Chunk methodC = Chunk.of(read, 0, 3);
        final RequestURIRef requestURIRef = new RequestURIRef(Chunk.of(read, 4, 7), Chunk.of(read, 4, 7));
        final Chunk queryC = Chunk.of(read, 8, 20);
        final Chunk protocolC = Chunk.of(read, 21, 29);
        final Chunk upgrade = Chunk.of(read, 40, 49);
        final Chunk serverNameC = new Chunk(); // never parsed: stays empty
        private Object headerBuffer = read;

        public MimeHeaders getHeaders() {
            return headers;
        }

        public Chunk getMethodDC() {
            return methodC;
        }

        public RequestURIRef getRequestURIRef() {
            return requestURIRef;
        }

        public Chunk getQueryStringDC() {
            return queryC;
        }

        public Chunk getProtocolDC() {
            return protocolC;
        }

        public Chunk getUpgradeDC() {
            return upgrade;
        }

        protected Chunk serverNameRaw() {
            return serverNameC;
        }
    }

    /** Shaped like Grizzly's server {@code Request}. */
    static class GrizzlyRequest {
        final RequestPacket request = new RequestPacket();
        final Parameters parameters = new Parameters();
    }

    /** Shaped like Payara's servlet request. */
    static class ServletRequest {
        final GrizzlyRequest coyoteRequest = new GrizzlyRequest();
        ParameterMap parameterMap = new ParameterMap();
        final Map<String, Object> attributes = new HashMap<>(Map.of("security", "kept"));
        final Object httpUpgradeHandler = new Object();
        final WebModule context = new WebModule();
        /** What getRequestURI and getServletPath cached: copies, as parsed. */
        private String requestURI = new String("/ws".toCharArray());
        private String servletPath = new String("/ws".toCharArray());

        ServletRequest() {
            parameterMap.put("token", new String[] {"secret"});
            parameterMap.locked = true;
        }

        public Object getHttpUpgradeHandler() {
            return httpUpgradeHandler;
        }

        public WebModule getContext() {
            return context;
        }
    }

    /** Shaped like Payara's {@code InjectionManagerImpl}: what the close calls for the upgrade handler. */
    static class InjectionManager {
        final List<List<Object>> destroyed = new ArrayList<>();

        public void destroyManagedObject(Object instance, boolean validate) {
            destroyed.add(List.of(instance, validate));
        }
    }

    /** Shaped like Payara's {@code WebModule} over its {@code WebContainer}. */
    static class WebModule {
        final Object webContainer = new Object() {
            final InjectionManager injectionMgr = new InjectionManager();
        };

        InjectionManager injection() throws ReflectiveOperationException {
            return (InjectionManager) webContainer.getClass().getDeclaredField("injectionMgr").get(webContainer);
        }
    }

    /** Shaped like Grizzly's response packet. */
    static class ResponsePacket {
        final MimeHeaders headers = new MimeHeaders();
        final Chunk upgrade = Chunk.ofString(new String("websocket".toCharArray())); // a copy, as Grizzly's
        boolean committed;

        public Chunk getUpgradeDC() {
            return upgrade;
        }

        public boolean isCommitted() {
            return committed;
        }
    }

    /** Shaped like Payara's {@code WebConnectionImpl}, with the servlet response over Grizzly's response over the packet. */
    static class WebConnection {
        final ServletRequest request = new ServletRequest();
        final Object response;
        final ResponsePacket packet = new ResponsePacket();

        WebConnection() {
            Object grizzlyResponse = new Object() {
                final ResponsePacket response = packet;
            };
            response = new Object() {
                final Object coyoteResponse = grizzlyResponse;
            };
        }
    }

    @Test
    void theUpgradeRequestLetsGoOfTheBytesReadAndTheCredentialButAnswersAsBefore() throws ReflectiveOperationException {
        WebConnection connection = new WebConnection();
        connection.packet.committed = true;
        RequestPacket packet = connection.request.coyoteRequest.request;
        ParameterMap parameters = connection.request.parameterMap;

        TyrusInternals.releaseRequest(connection);

        assertEquals(Map.of(), connection.request.parameterMap, "the query's parameters");
        assertNotSame(parameters, connection.request.parameterMap, "an empty map of its class, without a table yet");
        assertFalse(connection.request.parameterMap.locked);
        assertEquals(Map.of("security", "kept"), connection.request.attributes, "the attributes stay");
        assertEquals(0, packet.headers.count);
        assertEquals(0, connection.packet.headers.count, "the 101's headers, sent");
        assertEquals(0, connection.request.coyoteRequest.parameters.parameterCount);
        assertEquals(Chunk.Type.None, packet.queryC.type, "the raw query");
        assertNull(packet.queryC.bytes);
        List<Chunk> kept = List.of(packet.methodC, packet.requestURIRef.original, packet.requestURIRef.uri,
                packet.protocolC, packet.upgrade);
        assertEquals(List.of("GET", "/ws", "/ws", "HTTP/1.1", "websocket"), kept.stream().map(Chunk::toString).toList());
        for (Chunk chunk : kept) {
            assertNull(chunk.bytes, "no chunk points into the bytes read");
        }
        assertEquals(Chunk.Type.None, packet.serverNameC.type, "an empty chunk stays empty");
        assertSame("GET", packet.methodC.toString(), "one string for every session");
        assertSame("HTTP/1.1", packet.protocolC.toString());
        assertSame("websocket", packet.upgrade.toString());
        assertSame("/ws", packet.requestURIRef.uri.toString());
        assertSame("websocket", connection.packet.upgrade.toString(), "the 101's upgrade header");
        assertSame("/ws", connection.request.requestURI);
        assertSame("/ws", connection.request.servletPath);
        assertNull(packet.headerBuffer);
    }

    @Test
    void aValueNotCommonToEverySessionIsKeptAsItIs() throws ReflectiveOperationException {
        Chunk uri = Chunk.of("GET /ws/room HTTP/1.1".getBytes(StandardCharsets.ISO_8859_1), 4, 12);
        Chunk string = Chunk.ofString(new String("/ws/room".toCharArray()));
        String before = string.toString();

        TyrusInternals.keepAsString(uri);
        TyrusInternals.keepAsString(string);

        assertEquals("/ws/room", uri.toString());
        assertNull(uri.bytes);
        assertSame(before, string.toString(), "a string left alone");
    }

    @Test
    void theContainerForgetsTheUpgradeHandlerAsItsCloseWouldHaveIt() throws ReflectiveOperationException {
        WebConnection connection = new WebConnection();

        TyrusInternals.releaseManagedHandler(connection);

        assertEquals(List.of(List.of(connection.request.httpUpgradeHandler, false)),
                connection.request.context.injection().destroyed);
    }

    @Test
    void theHeadersOfAResponseNotYetSentStay() throws ReflectiveOperationException {
        WebConnection connection = new WebConnection();

        TyrusInternals.releaseRequest(connection);

        assertEquals(2, connection.packet.headers.count);
    }

    @Test
    void headersAreEmptiedAndTheirFieldsLetGo() throws ReflectiveOperationException {
        MimeHeaders headers = new MimeHeaders();

        TyrusInternals.dropHeaders(headers);

        assertEquals(0, headers.count);
        assertArrayEquals(new Object[3], headers.headers, "the array stays, its fields go");
    }

    @Test
    void parametersAreEmptiedAndTheirBuffersLetGo() throws ReflectiveOperationException {
        Parameters parameters = new Parameters();
        Map<String, List<String>> values = parameters.paramHashValues;

        TyrusInternals.dropParameters(parameters);

        assertEquals(0, parameters.parameterCount);
        assertNull(parameters.tmpNameC.buff);
        assertNull(parameters.tmpValueC.buff);
        assertNull(parameters.decodedQuery.charChunk.buff);
        assertSame(values, parameters.paramHashValues, "a final field: emptied, never replaced");
        assertEquals(Map.of(), parameters.paramHashValues);
    }

    @Test
    void aFinalFieldIsNeverWrittenSoTheHookFallsBackInstead() {
        assertThrows(IllegalAccessException.class, () -> TyrusInternals.writable(Parameters.class, "paramHashValues"));
    }

    @Test
    void aSessionOfAnotherContainerIsLeftAsItIs() {
        RemoteEndpoint.Async remote = (RemoteEndpoint.Async) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {RemoteEndpoint.Async.class}, (proxy, method, args) -> null);
        Session socket = (Session) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Session.class},
                (proxy, method, args) -> method.getName().equals("getAsyncRemote") ? remote : null);

        assertDoesNotThrow(() -> TyrusInternals.releaseHandshake(socket));
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

    /** A Tyrus connection writer that records what reaches it; a write can be held until released. */
    private static final class RecordingWriter extends Writer {
        /** Read by Raw (Tyrus's servlet writer has one); null: no Grizzly buffer to deal with. */
        private final Object servletOutputStream = null;
        final List<byte[]> written = new CopyOnWriteArrayList<>();
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch released = new CountDownLatch(1);
        volatile boolean hold;

        @Override
        public void write(ByteBuffer buffer, CompletionHandler<ByteBuffer> completionHandler) {
            entered.countDown();
            if (hold) {
                assertDoesNotThrow(() -> assertTrue(released.await(20, TimeUnit.SECONDS)));
            }
            byte[] bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
            written.add(bytes);
            completionHandler.completed(buffer);
        }

        @Override
        public void close() {
        }
    }

    @Test
    void noFrameOrPingReachesAConnectionOnceItIsDisconnected() {
        RecordingWriter writer = new RecordingWriter();
        TyrusInternals.Raw raw = new TyrusInternals.Raw(writer);
        List<Throwable> results = new ArrayList<>();
        Frame before = Frames.system("before");

        raw.write(before, results::add);
        raw.ping();
        raw.disconnected();
        raw.write(Frames.system("after"), results::add);
        raw.ping();

        assertEquals(2, writer.written.size(), "only the frame and the ping before");
        assertArrayEquals(bytes(before.wire()), writer.written.get(0));
        assertEquals(2, results.size());
        assertNull(results.get(0));
        assertTrue(results.get(1) instanceof IllegalStateException, () -> "the write after: " + results.get(1));
    }

    @Test
    void disconnectingWaitsForAWriteInProgressSoThatNoneReachesARecycledResponse() throws InterruptedException {
        RecordingWriter writer = new RecordingWriter();
        writer.hold = true;
        TyrusInternals.Raw raw = new TyrusInternals.Raw(writer);
        Thread sender = new Thread(() -> raw.write(Frames.system("in flight"), failure -> { }));
        sender.start();
        assertTrue(writer.entered.await(20, TimeUnit.SECONDS));

        Thread closer = new Thread(raw::disconnected);
        closer.start();
        Await.until("the close to wait for the write", Duration.ofSeconds(20),
                () -> closer.getState() == Thread.State.BLOCKED || !closer.isAlive());
        assertTrue(closer.isAlive(), "disconnected() returned while a write was still reaching the connection");

        writer.released.countDown();
        closer.join(20_000);
        sender.join(20_000);
        assertFalse(closer.isAlive());
        assertEquals(1, writer.written.size());
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
