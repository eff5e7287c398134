package dev.parley.bench;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/**
 * One compat WebSocket session of the load generator. It waits for the welcome frame, then hands every
 * text frame to its {@link Fleet}. Two implementations: {@link NioWs} (the default, lean) and
 * {@link JdkWs} (java.net.http, for cross-checks).
 */
abstract class WsSession {

    static final String WELCOME = "Welcome to the chat!";

    final int index;
    final User user;
    final Fleet fleet;
    /** Completes with the welcome frame (the end of the handshake), or fails. */
    final CompletableFuture<Void> welcomed = new CompletableFuture<>();
    /** Completes with the close code (server's Close frame, or a negative code for an abort or error). */
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    volatile boolean closing;

    WsSession(int index, User user, Fleet fleet) {
        this.index = index;
        this.user = user;
        this.fleet = fleet;
    }

    /** A complete text message; {@code text} is valid only during the call. */
    final void onText(CharSequence text, long nanos) {
        if (!welcomed.isDone()) {
            if (Text.contains(text, "\"system\"") && Text.contains(text, WELCOME)) {
                welcomed.complete(null);
            } else {
                welcomed.completeExceptionally(new IOException("the first frame is not the welcome: " + text));
            }
            return;
        }
        fleet.dispatch(this, text, nanos);
    }

    final void ended(int code, String reason, Throwable error) {
        if (!welcomed.isDone()) {
            welcomed.completeExceptionally(error != null ? error
                    : new IOException("closed before the welcome: " + code + " " + reason));
        }
        if (closed.complete(code) && !closing) {
            fleet.unexpectedClose(this, code, reason);
        }
    }

    /** Done with the connection: for the close handshake, also the TCP close by the server. */
    CompletableFuture<?> finished() {
        return closed;
    }

    abstract boolean open();

    /** Queues a text frame; frames of one session leave in order. */
    abstract void send(String text);

    /** Starts a normal close (1000); {@link #closed} completes when the server has answered. */
    abstract void startClose();

    abstract void abort();
}
