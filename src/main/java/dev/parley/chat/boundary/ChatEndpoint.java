package dev.parley.chat.boundary;

import dev.parley.chat.control.ChatHub;
import dev.parley.chat.control.ChatSession;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.websocket.CloseReason;
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

    /** The largest frame accepted; a larger one closes the session with 1009 (Tyrus's buffer, web.xml, is larger). */
    static final int MAX_FRAME_BYTES = 65_536;

    private static final Logger LOG = Logger.getLogger(ChatEndpoint.class.getName());

    ChatHub hub;

    private ChatSession session;

    @OnOpen
    public void open(Session socket) {
        session = hub.open(socket);
    }

    @OnMessage(maxMessageSize = MAX_FRAME_BYTES)
    public void text(String frame) {
        hub.received(session, frame);
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
