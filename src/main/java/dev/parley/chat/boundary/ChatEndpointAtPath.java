package dev.parley.chat.boundary;

import dev.parley.chat.control.ChatHub;
import jakarta.websocket.server.ServerEndpoint;

/**
 * The same endpoint at {@code /ws/{anything}}: the original clients put their user id there. The
 * segment is ignored; identity comes from the credential only.
 */
@ServerEndpoint(value = "/ws/{ignored}", subprotocols = ChatHub.V1, configurator = ChatEndpoint.Instances.class)
public class ChatEndpointAtPath extends ChatEndpoint {
}
