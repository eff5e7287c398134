package dev.parley.bench.minimal;

import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;

/** {@code /ws}: the compat welcome first, then every text frame straight back to its sender. */
@ServerEndpoint("/ws")
public class EchoEndpoint {

    static final String WELCOME = "{\"type\":\"system\",\"content\":\"Welcome to the chat!\",\"sender\":\"System\","
            + "\"recipient\":\"\",\"time\":\"1970-01-01T00:00:00Z\"}";

    @OnOpen
    public void open(Session session) throws IOException {
        session.getBasicRemote().sendText(WELCOME);
    }

    @OnMessage
    public String echo(String frame) {
        return frame;
    }
}
