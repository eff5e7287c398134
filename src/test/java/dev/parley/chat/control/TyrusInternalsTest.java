package dev.parley.chat.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.util.ArrayList;
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

        TyrusSession(String query) { // set in a constructor, as Tyrus does: a constant would be inlined
            requestURI = URI.create("ws://localhost:8080/ws?" + query);
            queryString = query;
            requestParameterMap = Map.of("token", List.of("secret"));
        }
    }

    @Test
    void theSessionForgetsTheQueryStringAndTheCredentialInIt() throws ReflectiveOperationException {
        TyrusSession session = new TyrusSession("token=secret");

        TyrusInternals.dropQuery(session);

        assertEquals(URI.create("ws://localhost:8080/ws"), session.requestURI);
        assertNull(session.queryString);
        assertEquals(Map.of(), session.requestParameterMap);
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

        TyrusInternals.dropParameters(parameters);

        assertEquals(0, parameters.parameterCount);
        assertNull(parameters.tmpNameC.buff);
        assertNull(parameters.tmpValueC.buff);
        assertNull(parameters.decodedQuery.charChunk.buff);
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
}
