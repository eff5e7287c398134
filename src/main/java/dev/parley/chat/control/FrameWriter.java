package dev.parley.chat.control;

import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * How one session's frames reach its client. {@link ChatSession} keeps at most one write in flight, so
 * an implementation need not queue.
 */
public interface FrameWriter {

    /** Writes a whole frame; {@code done} gets null once it is written, or what failed. It may run before this returns. */
    void write(Frame frame, Consumer<Throwable> done);

    /** Sends an empty ping; a failure is the session's health check's business, not the caller's. */
    void ping() throws IOException;

    /**
     * The WebSocket closed ({@code @OnClose}): from now on nothing reaches the connection, and a write in
     * progress has finished when this returns. The container may give the connection's HTTP response
     * to the next request once the close is done.
     */
    default void disconnected() {
    }

    /**
     * Through the standard API, where Tyrus encodes and frames the text again for every session, and
     * refuses to write once the session is closed.
     */
    static FrameWriter standard(Session socket) {
        return new FrameWriter() {
            @Override
            public void write(Frame frame, Consumer<Throwable> done) {
                socket.getAsyncRemote().sendText(frame.json(), result -> done.accept(result.isOK() ? null : result.getException()));
            }

            @Override
            public void ping() throws IOException {
                socket.getAsyncRemote().sendPing(ByteBuffer.allocate(0));
            }
        };
    }
}
