package dev.parley.bench;

import java.net.URI;
import java.time.Duration;

/** Opens WebSocket sessions for a {@link Fleet}: {@link NioWs} or {@link JdkWs}. */
interface WsConnector extends AutoCloseable {

    /** Starts the handshake; the session's {@code welcomed} completes or fails. */
    WsSession connect(int index, User user, Fleet fleet, URI uri, Duration timeout);

    @Override
    void close();

    static WsConnector create(String kind) {
        return switch (kind) {
            case "jdk" -> new JdkWs();
            case "nio" -> new NioWs(Integer.getInteger("bench.nio.threads", 2));
            default -> throw new IllegalArgumentException("unknown WebSocket client " + kind + " (nio, jdk)");
        };
    }
}
