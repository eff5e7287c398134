package dev.parley.chat.boundary;

import dev.parley.chat.control.ChatHub;
import dev.parley.chat.control.ChatSession;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.websocket.CloseReason;
import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The chat WebSocket at {@code /ws}. Who is speaking was settled by {@link HandshakeFilter} before
 * the upgrade; everything else is {@link ChatHub}'s. One instance per connection, holding only that
 * connection's {@link ChatSession}.
 * <p>
 * Made by {@link Instances}, not by CDI: Payara injects a {@code @ServerEndpoint} through two injection
 * services, and each keeps an injection target and a creational context per connection until it closes
 * (about 1.4 KiB of live heap a session, docs/benchmarks.md item 6) to inject one application-scoped proxy.
 */
@ServerEndpoint(value = "/ws", subprotocols = ChatHub.V1, configurator = ChatEndpoint.Instances.class)
public class ChatEndpoint {

    /** The largest message accepted, in UTF-8 bytes; a larger one closes the session with 1009. */
    static final int MAX_FRAME_BYTES = 65_536;

    private static final Logger LOG = Logger.getLogger(ChatEndpoint.class.getName());

    ChatHub hub;

    private ChatSession session;

    /** The parts so far of a message that arrives in several (fragments, or a large frame in pieces). */
    private StringBuilder parts;
    private int partBytes;

    @OnOpen
    public void open(Session socket) {
        session = hub.open(socket);
    }

    /**
     * A message in parts, as the container reads it: counted as it comes and refused as soon as it crosses
     * the limit, so that a huge message is never held whole. Containers do not all enforce {@code
     * maxMessageSize} (Undertow's check stops after its first read), so Parley enforces it here.
     */
    @OnMessage
    public void text(String part, boolean last) {
        if (partBytes < 0) {
            return; // the rest of a message already refused
        }
        partBytes += utf8Length(part);
        if (partBytes > MAX_FRAME_BYTES) {
            partBytes = -1;
            parts = null;
            session.close(CloseCodes.TOO_BIG, "a message may have at most " + MAX_FRAME_BYTES + " bytes");
            return;
        }
        if (last && parts == null) {
            partBytes = 0;
            hub.received(session, part);
        } else if (last) {
            String message = parts.append(part).toString();
            parts = null;
            partBytes = 0;
            hub.received(session, message);
        } else {
            (parts == null ? parts = new StringBuilder(part.length() * 2) : parts).append(part);
        }
    }

    /** The length of a text in UTF-8, without encoding it; each half of a surrogate pair counts 2, as parts may split one. */
    static int utf8Length(String text) {
        int bytes = text.length();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                bytes += c < 0x800 || Character.isSurrogate(c) ? 1 : 2;
            }
        }
        return bytes;
    }

    @OnMessage
    public void pong(PongMessage pong) {
        session.heard();
    }

    @OnClose
    public void close(CloseReason reason) {
        if (session != null) {
            hub.closed(session, reason.getCloseCode().getCode() + " " + reason.getReasonPhrase());
        }
    }

    @OnError
    public void error(Throwable error) {
        LOG.log(Level.FINE, "WebSocket error", error);
    }

    /** Makes each connection's endpoint with the application's {@link ChatHub}, which CDI looks up once. */
    public static class Instances extends ServerEndpointConfig.Configurator {

        private volatile ChatHub hub;

        @Override
        public <T> T getEndpointInstance(Class<T> type) throws InstantiationException {
            if (!ChatEndpoint.class.isAssignableFrom(type)) {
                throw new InstantiationException(type.getName() + " is not a chat endpoint");
            }
            try {
                ChatEndpoint endpoint = (ChatEndpoint) type.getDeclaredConstructor().newInstance();
                endpoint.hub = hub();
                return type.cast(endpoint);
            } catch (ReflectiveOperationException e) {
                InstantiationException failure = new InstantiationException(type.getName());
                failure.initCause(e);
                throw failure;
            }
        }

        private ChatHub hub() {
            ChatHub known = hub;
            if (known == null) {
                known = CDI.current().select(ChatHub.class).get(); // a client proxy: safe to keep
                hub = known;
            }
            return known;
        }
    }
}
