package dev.parley.payara;

import dev.parley.chat.control.Frame;
import dev.parley.chat.control.FrameWriter;
import jakarta.websocket.Session;
import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.glassfish.tyrus.spi.CompletionHandler;
import org.glassfish.tyrus.spi.Writer;

/**
 * What Parley takes from Tyrus (Payara's WebSocket implementation) and Grizzly below the jakarta.websocket
 * API, because the profiles of docs/benchmarks.md showed the API's way costing most of the CPU, or of the
 * heap of an idle session. Each reaches private fields by reflection; where that fails (another container,
 * another Tyrus) it falls back to the standard API or leaves things as they are, correct and slower or
 * larger, and says so once in the log.
 * <ol>
 * <li><b>Idle timeouts off.</b> Tyrus restarts a session's idle timeout on every frame received or sent,
 * and the Tyrus bundled with Payara 6.2025.10 (2.1.5.payara-p2) does so even when the timeout is 0: its
 * {@code restartIdleTimeoutExecutor} returns early for 0 only from the cancel, then schedules the task
 * anyway. Each task goes to Payara's managed scheduled executor, which captures the application's
 * context for it by scanning the class path for service files: 37% of all CPU samples during a broadcast,
 * 27% with direct messages. Parley closes silent sessions itself ({@link SessionHealth}), so each session's
 * scheduler is wrapped to drop the idle-timeout task (which would do nothing with a timeout of 0) and to
 * pass anything else on. Upstream: eclipse-ee4j/tyrus#487 (fixed in Tyrus 1.x, back in this build) and #654
 * (the task of a closed session lingers).</li>
 * <li><b>Frames written as bytes.</b> {@code sendText} takes a lock, encodes the text to UTF-8 and frames it
 * for each session. A {@link Frame} is encoded and framed once ({@link Frame#wire}); its bytes go straight
 * to the connection's {@link Writer}, the same call Tyrus ends in. Only without extensions (Parley
 * negotiates none): an extension may transform frames. Such writes stop when the session closes
 * ({@link Raw#disconnected}): the writer itself would go on writing into the upgraded response, which
 * Grizzly hands to the next HTTP request once the connection is closed. Upstream: the jakarta.websocket API
 * has no way to send bytes framed once to many sessions (eclipse-ee4j/tyrus#310).</li>
 * <li><b>No 8 KiB buffer per frame.</b> Below Tyrus, Grizzly's {@code OutputBuffer} copies a write smaller
 * than its buffer size (8 KiB) into a newly allocated buffer of that size, which the flush then gives
 * away: 8 KiB allocated and zeroed per frame of a few hundred bytes (82% of all bytes allocated during a
 * broadcast, and 30% of the CPU samples). A write at least as large as the buffer size is written from
 * the caller's array instead (copied only if the socket cannot take it at once), so each connection's
 * buffer size is set to 1. The servlet API can only raise it, and only before the response is committed.
 * No upstream issue found.</li>
 * <li><b>The handshake let go.</b> Payara keeps each upgraded HTTP request and its 101 response for the life of
 * the connection (Tyrus's upgrade handler holds the {@code WebConnection}, which holds both, and its close
 * needs them), and with them every header parsed and sent, the query string decoded into parameters, and
 * Tyrus's own copy of the request: about 13 KiB of a session's 38 (docs/benchmarks.md, item 6). Once the
 * session is open none of it is read again, so the header fields and decoding buffers are released (Grizzly
 * makes them anew if the objects are ever used again) and Tyrus's copy is dropped; the request and response
 * themselves stay, as the close needs them. The container's CDI service forgets the upgrade handler
 * it made, as it would at the close. No upstream issue found.</li>
 * </ol>
 * No final field is ever written ({@link #writable}): the JDK is to refuse such writes (JEP 500), so what
 * only a final field could release stays (Tyrus's session keeps its copy of the query string and its maps).
 */
final class TyrusInternals {

    private static final Logger LOG = Logger.getLogger(TyrusInternals.class.getName());

    /** An empty ping, as a server sends it. */
    private static final byte[] PING = {(byte) 0x89, 0};

    /** Fields and methods found, by class: looked up once, used for every session. */
    private static final Map<Class<?>, Map<String, AccessibleObject>> MEMBERS = new ConcurrentHashMap<>();

    /** Values of the request line and upgrade headers that every WebSocket of Parley's carries, each kept once. */
    private static final Map<String, String> COMMON = Map.of("GET", "GET", "HTTP/1.1", "HTTP/1.1",
            "websocket", "websocket", "/ws", "/ws");

    private static volatile boolean warnedWriter;
    private static volatile boolean warnedScheduler;
    private static volatile boolean warnedBuffer;
    private static volatile boolean warnedHandshake;
    private static volatile boolean warnedManagedHandler;
    /** The last scheduler wrapped and its wrapper: every session of a container shares one scheduler. */
    private record Wrapped(ScheduledExecutorService original, ScheduledExecutorService wrapper) {
    }

    private static volatile Wrapped lastWrapped;

    private TyrusInternals() {
    }

    /** Sets the session's idle timeout to 0 (never) without Tyrus scheduling a task per frame. */
    static void turnOffIdleTimeout(Session socket) {
        try {
            Field field = writable(socket.getClass(), "service");
            if (field.get(socket) instanceof ScheduledExecutorService scheduler) {
                field.set(socket, withoutIdleTimeouts(scheduler));
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            if (!warnedScheduler) {
                warnedScheduler = true;
                LOG.log(Level.INFO, "Tyrus's session scheduler is out of reach: every frame will schedule an idle-timeout task", e);
            }
        }
        socket.setMaxIdleTimeout(0);
    }

    /** Writes frames as bytes to the connection when it can, else through {@link FrameWriter#standard}. */
    static FrameWriter writerFor(Session socket) {
        if (socket.getNegotiatedExtensions().isEmpty()) {
            try {
                if (connectionWriter(socket) instanceof Writer writer) {
                    return new Raw(writer);
                }
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                if (!warnedWriter) {
                    warnedWriter = true;
                    LOG.log(Level.INFO, "Tyrus's connection writer is out of reach: frames are encoded per session", e);
                }
            }
        }
        return FrameWriter.standard(socket);
    }

    /**
     * Releases what the container keeps of the upgrade request and its response, best effort. Only from
     * {@code @OnOpen}, before anyone else knows the session: the container runs it inside the upgrade
     * handler's {@code init}, while the request is still this connection's (after a close, Grizzly recycles
     * the request for another connection), and Tyrus reads nothing of the connection until it returns.
     */
    static void releaseHandshake(Session socket) {
        try {
            Object handler = follow(connectionWriter(socket), "tyrusHttpUpgradeHandler");
            if (handler.getClass().getName().endsWith("Proxy")) {
                handler = follow(handler, "handler"); // what the container was given; it hands everything on
            }
            // Read once, by init(), which is running now; the session has its own copy of what it needs.
            writable(handler.getClass(), "upgradeInfo").set(handler, null);
            Object connection = follow(handler, "wc");
            releaseRequest(connection);
            try {
                releaseManagedHandler(connection);
            } catch (ReflectiveOperationException | RuntimeException e) {
                if (!warnedManagedHandler) {
                    warnedManagedHandler = true;
                    LOG.log(Level.INFO, "The container's CDI record of the upgrade handler is out of reach:"
                            + " each session keeps it until it closes", e);
                }
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            if (!warnedHandshake) {
                warnedHandshake = true;
                LOG.log(Level.INFO, "The container's upgrade request is out of reach: each session keeps its headers", e);
            }
        }
    }

    /**
     * Lets the container's CDI service forget the upgrade handler now rather than at the close. Payara makes the
     * handler as a managed object ({@code WebContainer.createHttpUpgradeHandlerInstance}) and keeps, until the
     * connection closes, an injection context for it (Weld's injection target, creational context, lists, and an
     * entry in {@code ManagedBeanManagerImpl}'s instance map: about 0.5 KiB a session). The close
     * ({@code WebConnectionImpl.close}, event "predestroy") ends in
     * {@code InjectionManager.destroyManagedObject(handler, false)}, which removes that context and cleans it up:
     * it calls the handler's {@code @PreDestroy} methods (Tyrus's handler has none, and nothing injected) and
     * releases its creational context (which holds no dependent). This is that call, made from {@code @OnOpen},
     * inside {@code init}, where the web module's invocation is current as it is at the close; the close's own
     * call then finds nothing to remove, which Payara logs at FINE and ignores (checked in the bytecode of
     * Payara 6.2025.10's {@code ManagedBeanManagerImpl.destroyManagedBean}).
     */
    static void releaseManagedHandler(Object connection) throws ReflectiveOperationException {
        Object request = follow(connection, "request");
        Object handler = call(request, "getHttpUpgradeHandler");
        Object injection = follow(call(request, "getContext"), "webContainer", "injectionMgr");
        Method destroy = (Method) member(injection.getClass(), "destroyManagedObject(Object,boolean)");
        destroy.invoke(injection, handler, false);
    }

    /**
     * Releases what the servlet container's {@code WebConnection} keeps of the upgrade request and its 101:
     * the servlet request's parameter map, the Grizzly request's headers, the bytes it was read into, its raw
     * query string and decoded parameters, and the committed 101's headers; the request line, both upgrade
     * headers and the servlet request's cached URI and servlet path are kept as strings shared by all sessions
     * ({@link #keepAsString}, {@link #shareCommon}). The objects themselves stay: the close uses them, and
     * Grizzly reuses them.
     */
    static void releaseRequest(Object connection) throws ReflectiveOperationException {
        Object servletRequest = follow(connection, "request");
        dropParameterMap(servletRequest);
        Object request = follow(servletRequest, "coyoteRequest");
        Object packet = follow(request, "request");
        dropHeaders(follow(packet, "headers"));
        // The raw query, credential and all; a chunk holding bytes lets go of its array when recycled.
        call(call(packet, "getQueryStringDC"), "recycle");
        detachRequestLine(packet);
        dropParameters(follow(request, "parameters"));
        Object response = follow(connection, "response", "coyoteResponse", "response");
        if (Boolean.TRUE.equals(call(response, "isCommitted"))) { // the 101 went out: its headers did too
            dropHeaders(follow(response, "headers"));
            keepAsString(call(response, "getUpgradeDC"));
        }
        shareCommon(servletRequest, "requestURI");
        shareCommon(servletRequest, "servletPath");
    }

    /**
     * Replaces a string the servlet request cached ({@code getRequestURI}, {@code getServletPath}) by the equal
     * one all sessions share, when it is one of {@link #COMMON}.
     */
    static void shareCommon(Object target, String name) throws ReflectiveOperationException {
        if (read(target, name) instanceof String value) {
            String common = COMMON.get(value);
            if (common != null && common != value) {
                writable(target.getClass(), name).set(target, common);
            }
        }
    }

    /**
     * Lets go of the bytes the request was read into. Grizzly parses the request line and headers in place:
     * the method, URI, protocol, upgrade and host chunks point into the array read from the socket (the
     * whole request, credential included), as does the packet's header buffer, which only its recycling
     * reads. Each chunk that points into bytes keeps its value as a string instead, so what the container may
     * still read (the method and URI when the request ends, the upgrade flag on every read) answers as before.
     */
    static void detachRequestLine(Object packet) throws ReflectiveOperationException {
        Object uri = call(packet, "getRequestURIRef");
        for (Object chunk : new Object[] {call(packet, "getMethodDC"), call(packet, "getProtocolDC"),
                call(uri, "getOriginalRequestURIBC"), call(uri, "getRequestURIBC"), call(packet, "getUpgradeDC"),
                call(packet, "serverNameRaw")}) {
            keepAsString(chunk);
        }
        writable(packet.getClass(), "headerBuffer").set(packet, null);
    }

    /**
     * Makes a Grizzly {@code DataChunk} that points into bytes or a buffer hold its value as a string; a value
     * every upgrade request of Parley's carries ({@link #COMMON}) as the one string shared by all sessions rather
     * than a copy each (about 50 bytes a string). A chunk holding a string holds an equal one after.
     */
    static void keepAsString(Object chunk) throws ReflectiveOperationException {
        String type = String.valueOf(call(chunk, "getType"));
        if (type.equals("Bytes") || type.equals("Buffer") || type.equals("String")) {
            String value = chunk.toString();
            String common = value == null ? null : COMMON.get(value);
            if (!type.equals("String") || common != null && common != value) {
                call(chunk, "setString", common != null ? common : value);
            }
        }
    }

    /**
     * Empties the servlet request's parameter map, the query's parameters (the credential among them), as the
     * request's {@code recycle} would at the close: unlocked, then cleared, then replaced by an empty map of its
     * class ({@code recycle}, which unlocks and clears whichever map the field holds, and the request's
     * {@code getParameterMap} read the field). Its attributes stay: the container may still read them after the upgrade
     * handler's {@code init} (the valves around the context's pipeline, CDI's request context).
     */
    static void dropParameterMap(Object servletRequest) throws ReflectiveOperationException {
        Map<?, ?> parameters = (Map<?, ?>) read(servletRequest, "parameterMap");
        writable(parameters.getClass(), "locked").setBoolean(parameters, false);
        parameters.clear();
        // Cleared, a hash map keeps its table (80 bytes); an empty one of the same class has none until a put.
        writable(servletRequest.getClass(), "parameterMap").set(servletRequest,
                parameters.getClass().getDeclaredConstructor().newInstance());
    }

    /**
     * Empties Grizzly's {@code MimeHeaders} and lets go of its header fields, which it otherwise keeps for
     * reuse, each with its own buffers; it creates a field again where the slot is empty.
     */
    static void dropHeaders(Object headers) throws ReflectiveOperationException {
        call(headers, "recycle");
        Object[] fields = (Object[]) read(headers, "headers");
        Arrays.fill(fields, null);
    }

    /**
     * Empties Grizzly's {@code Parameters} and lets go of the buffers it decoded the query string into
     * ({@code CharChunk.reset}: a chunk allocates again on its next use). Its emptied map of values keeps its
     * table: the field is final, and final fields are not written here (JEP 500 will refuse it).
     */
    static void dropParameters(Object parameters) throws ReflectiveOperationException {
        call(parameters, "recycle");
        call(read(parameters, "tmpNameC"), "reset");
        call(read(parameters, "tmpValueC"), "reset");
        call(call(read(parameters, "decodedQuery"), "getCharChunk"), "reset");
    }

    /** The connection's Tyrus {@link Writer}; on a servlet container, the one writing to the upgraded response. */
    private static Object connectionWriter(Session socket) throws ReflectiveOperationException {
        Object webSocket = read(socket.getAsyncRemote(), "webSocket");
        return read(read(webSocket, "protocolHandler"), "writer");
    }

    /**
     * Best effort: true once done, or once it is clear it cannot be done (frames are then written as
     * before, through a buffer). Tyrus's writer finds its output stream on its first write.
     */
    private static boolean writeWithoutBuffer(Writer writer) {
        try {
            Object stream = read(writer, "servletOutputStream");
            if (stream == null) {
                return false;
            }
            Object grizzlyBuffer = read(read(stream, "ob"), "grizzlyOutputBuffer");
            writable(grizzlyBuffer.getClass(), "bufferSize").setInt(grizzlyBuffer, 1);
        } catch (ReflectiveOperationException | RuntimeException e) {
            if (!warnedBuffer) {
                warnedBuffer = true;
                LOG.log(Level.INFO, "Grizzly's output buffer is out of reach: every frame allocates one", e);
            }
        }
        return true;
    }

    static ScheduledExecutorService withoutIdleTimeouts(ScheduledExecutorService scheduler) {
        Wrapped last = lastWrapped;
        if (last != null && (scheduler == last.original() || scheduler == last.wrapper())) {
            return last.wrapper();
        }
        ScheduledExecutorService wrapper = (ScheduledExecutorService) Proxy.newProxyInstance(
                TyrusInternals.class.getClassLoader(), new Class<?>[] {ScheduledExecutorService.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("schedule") && args[0] != null
                            && args[0].getClass().getName().endsWith("$IdleTimeoutCommand")) {
                        return Dropped.TASK;
                    }
                    try {
                        return method.invoke(scheduler, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        lastWrapped = new Wrapped(scheduler, wrapper);
        return wrapper;
    }

    /** Calls a method without arguments, declared wherever in the target's class hierarchy. */
    private static Object call(Object target, String name) throws ReflectiveOperationException {
        return ((Method) member(target.getClass(), name + "()")).invoke(target);
    }

    /** Calls a method taking one string, declared wherever in the target's class hierarchy. */
    private static void call(Object target, String name, String argument) throws ReflectiveOperationException {
        ((Method) member(target.getClass(), name + "(String)")).invoke(target, argument);
    }

    /** Reads a chain of fields, each from the object the one before it holds; none may be null. */
    private static Object follow(Object target, String... names) throws ReflectiveOperationException {
        Object at = target;
        for (String name : names) {
            Object next = read(at, name);
            if (next == null) {
                throw new NoSuchFieldException(at.getClass().getName() + "." + name + " is null");
            }
            at = next;
        }
        return at;
    }

    private static Object read(Object target, String name) throws ReflectiveOperationException {
        return field(target.getClass(), name).get(target);
    }

    private static Field field(Class<?> type, String name) throws ReflectiveOperationException {
        return (Field) member(type, name);
    }

    /** A field to write; never a final one, which the JDK is to refuse (JEP 500): such a hook falls back instead. */
    static Field writable(Class<?> type, String name) throws ReflectiveOperationException {
        Field found = field(type, name);
        if (Modifier.isFinal(found.getModifiers())) {
            throw new IllegalAccessException(type.getName() + "." + name + " is final");
        }
        return found;
    }

    /**
     * A field, or a method without arguments ({@code "name()"}), with one string ({@code "name(String)"}) or with
     * an object and a boolean ({@code "name(Object,boolean)"}), of the type or a superclass, made
     * accessible: looked up once per type, since some are used on every handshake.
     */
    private static AccessibleObject member(Class<?> type, String name) throws ReflectiveOperationException {
        Map<String, AccessibleObject> ofType = MEMBERS.computeIfAbsent(type, t -> new ConcurrentHashMap<>());
        AccessibleObject known = ofType.get(name);
        if (known == null) {
            known = find(type, name);
            ofType.put(name, known);
        }
        return known;
    }

    private static AccessibleObject find(Class<?> type, String name) throws ReflectiveOperationException {
        boolean method = name.endsWith(")");
        String bare = method ? name.substring(0, name.indexOf('(')) : name;
        Class<?>[] parameters = name.endsWith("(String)") ? new Class<?>[] {String.class}
                : name.endsWith("(Object,boolean)") ? new Class<?>[] {Object.class, boolean.class} : new Class<?>[0];
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                AccessibleObject found = method ? c.getDeclaredMethod(bare, parameters) : c.getDeclaredField(bare);
                found.setAccessible(true);
                return found;
            } catch (NoSuchFieldException | NoSuchMethodException e) {
                // look further up
            }
        }
        String where = type.getName() + "." + name;
        throw method ? new NoSuchMethodException(where) : new NoSuchFieldException(where);
    }

    /**
     * Writes each frame's shared bytes; one write in flight, so one completion handler per session.
     * <p>
     * Tyrus's servlet writer has no state of its own: it writes to the upgraded response's stream for as
     * long as it is called, and once the connection is closed Grizzly gives that response object to the
     * next HTTP request. Tyrus's own sends check that the session is open first; these writes go around
     * that check, so they stop at {@link #disconnected}. Every check and write holds the writer's monitor,
     * the one its own methods take, so that no other lock is involved.
     */
    static final class Raw extends CompletionHandler<ByteBuffer> implements FrameWriter {

        private final Writer writer;
        private volatile Consumer<Throwable> done;
        /** Whether the connection's Grizzly buffer was dealt with: on a sender thread, one write at a time. */
        private boolean unbuffered;
        /** Guarded by {@link #writer}. */
        private boolean disconnected;

        Raw(Writer writer) {
            this.writer = writer;
        }

        @Override
        public void write(Frame frame, Consumer<Throwable> done) {
            this.done = done;
            synchronized (writer) {
                if (disconnected) {
                    done.accept(new IllegalStateException("connection closed"));
                    return;
                }
                if (!unbuffered) {
                    unbuffered = writeWithoutBuffer(writer);
                }
                // Tyrus's servlet writer reads the array without moving the position, but it may keep the buffer
                // while the socket is not ready: a duplicate keeps the shared one untouched whatever it does.
                writer.write(frame.wire().duplicate(), this);
            }
        }

        @Override
        public void ping() {
            synchronized (writer) {
                if (!disconnected) {
                    writer.write(ByteBuffer.wrap(PING), new CompletionHandler<>() {
                    });
                }
            }
        }

        @Override
        public void disconnected() {
            synchronized (writer) {
                disconnected = true;
            }
        }

        @Override
        public void completed(ByteBuffer result) {
            done.accept(null);
        }

        @Override
        public void failed(Throwable throwable) {
            done.accept(throwable);
        }

        @Override
        public void cancelled() {
            done.accept(new IllegalStateException("write cancelled"));
        }
    }

    /** What a dropped idle-timeout task looks like to Tyrus, which only ever cancels it. */
    private static final class Dropped implements ScheduledFuture<Object> {

        static final Dropped TASK = new Dropped();

        @Override
        public long getDelay(TimeUnit unit) {
            return 0;
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(0, other.getDelay(TimeUnit.NANOSECONDS));
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            return false;
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public boolean isDone() {
            return true;
        }

        @Override
        public Object get() {
            return null;
        }

        @Override
        public Object get(long timeout, TimeUnit unit) {
            return null;
        }
    }
}
