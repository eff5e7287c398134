package dev.parley.chat.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.websocket.Session;

/** The standard API's way: correct on every container. */
@ApplicationScoped
public class StandardSockets implements Sockets {

    @Override
    public void opened(Session socket) {
        socket.setMaxIdleTimeout(0);
    }

    @Override
    public FrameWriter writerFor(Session socket) {
        return FrameWriter.standard(socket);
    }
}
