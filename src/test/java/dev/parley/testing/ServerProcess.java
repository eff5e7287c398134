package dev.parley.testing;

import java.nio.file.Path;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * The real server running the real WAR as a child process, for tests that Arquillian cannot express: a
 * restart on the same data directory, a server with other settings. Which server is {@link TargetServer}'s
 * choice; it listens on free loopback ports and its log is a file in {@code it.logDir}.
 * <pre>
 * try (ServerProcess server = ServerProcess.start(dataDir, List.of("-Dparley.jwt.lifetime=PT5S"))) {
 *     JsonHttp http = new JsonHttp(server.uri());
 *     ...
 * }
 * </pre>
 * Always stop it ({@link #stop()} or try-with-resources; in {@code @AfterAll} for a shared one).
 */
public interface ServerProcess extends AutoCloseable {

    /** Payara Micro serves in 8 to 11 s and WildFly in about 18 s on a busy 2-core machine; much more leeway. */
    Duration START_TIMEOUT = Duration.ofSeconds(180);
    Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    /** Starts a server keeping its data in {@code dataDir} and waits until Parley answers. */
    static ServerProcess start(Path dataDir) {
        return start(dataDir, List.of());
    }

    /**
     * Starts a server keeping its data in {@code dataDir}, with extra JVM flags (such as
     * {@code -Dparley.login.free-failures=2}), and waits until Parley answers.
     */
    static ServerProcess start(Path dataDir, List<String> extraJvmOptions) {
        return TargetServer.current().start(dataDir, extraJvmOptions);
    }

    /** The base URL: {@code http://127.0.0.1:PORT/}. */
    URI uri();

    /** The server's log. */
    Path log();

    /** What the server has logged so far. */
    String logText();

    boolean isAlive();

    /**
     * Stops the server as an operator would, with SIGTERM, and waits until it has exited; only a server that
     * ignores that for {@link #STOP_TIMEOUT} is killed. Returns the exit code, {@link #exitCodeOfStop()} for a
     * clean stop.
     */
    int stop();

    /** What {@link #stop()} returns when the server stopped as it should. */
    int exitCodeOfStop();

    /** Stops the server unless it has exited already. */
    @Override
    default void close() {
        if (isAlive()) {
            stop();
        }
    }
}
