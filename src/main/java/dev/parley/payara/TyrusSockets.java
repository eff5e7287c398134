package dev.parley.payara;

import dev.parley.chat.control.FrameWriter;
import dev.parley.chat.control.Sockets;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.interceptor.Interceptor;
import jakarta.websocket.Session;

/** Sessions on Payara's Tyrus, as {@link TyrusInternals} tunes them; it falls back to the standard API itself. */
@ApplicationScoped
@Alternative
@Priority(Interceptor.Priority.APPLICATION)
public class TyrusSockets implements Sockets {

    @Override
    public void opened(Session socket) {
        TyrusInternals.turnOffIdleTimeout(socket);
        TyrusInternals.releaseHandshake(socket);
    }

    @Override
    public FrameWriter writerFor(Session socket) {
        return TyrusInternals.writerFor(socket);
    }
}
