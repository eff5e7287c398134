package dev.parley.chat.boundary;

import dev.parley.chat.control.ChatHub;
import dev.parley.chat.control.ChatSession;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The chat WebSocket at {@code /ws}. Who is speaking was settled by {@link HandshakeFilter} before
 * the upgrade; everything else is {@link ChatHub}'s. One instance per connection, holding only that
 * connection's {@link ChatSession}.
 */
@ServerEndpoint(value = "/ws", subprotocols = ChatHub.V1)
public class ChatEndpoint {

    /** The largest frame accepted; a larger one closes the session with 1009 (Tyrus's buffer, web.xml, is larger). */
    static final int MAX_FRAME_BYTES = 65_536;

    private static final Logger LOG = Logger.getLogger(ChatEndpoint.class.getName());

    @Inject
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
}
