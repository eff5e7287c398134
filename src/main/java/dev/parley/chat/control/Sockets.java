package dev.parley.chat.control;

import jakarta.websocket.Session;

/**
 * What Parley asks of the WebSocket container for each session beyond the jakarta.websocket calls it
 * makes itself. {@link StandardSockets} does it through the standard API, everywhere; a container's own
 * package may offer a faster way as a CDI alternative ({@code dev.parley.payara.TyrusSockets}).
 */
public interface Sockets {

    /**
     * Once the session is open, before anyone else knows it: the container's idle timeout goes ({@link
     * SessionHealth} decides when a silent session dies), and whatever else the container can let go of.
     */
    void opened(Session socket);

    /** How this session's frames reach its client. */
    FrameWriter writerFor(Session socket);
}
