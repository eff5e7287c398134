package dev.parley.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real Payara Micro jar running the real WAR as a child process, for tests that Arquillian
 * cannot express: a restart on the same data directory, several instances, a server with other
 * settings. It listens on a free loopback port; its console goes to a file in {@code it.logDir}.
 * <pre>
 * try (PayaraProcess server = PayaraProcess.start(dataDir, List.of("-Dparley.jwt.lifetime=PT5S"))) {
 *     JsonHttp http = new JsonHttp(server.uri());
 *     ...
 * }
 * </pre>
 * Always stop it ({@link #stop()} or try-with-resources; in {@code @AfterAll} for a shared one).
 */
public final class PayaraProcess implements AutoCloseable {

    /** First 200 takes 8 to 11 s on a 2-core machine; much more leeway for a busy one. */
    public static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    public static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final int port;
    private final Path log;

    private PayaraProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts a server keeping its data in {@code dataDir} and waits until Parley answers. */
    public static PayaraProcess start(Path dataDir) {
        return start(dataDir, List.of());
    }

    /**
     * Starts a server keeping its data in {@code dataDir}, with extra JVM flags (such as
     * {@code -Dparley.login.free-failures=2}), and waits until Parley answers.
     */
    public static PayaraProcess start(Path dataDir, List<String> extraJvmOptions) {
        return start(dataDir, extraJvmOptions, ServerOptions.freePort());
    }

    /**
     * Starts a server on a given port: after {@link #stop()}, the same {@code dataDir} and {@link #port()}
     * make a restart that clients (a browser page, with its origin) reconnect to as to the same server.
     */
    public static PayaraProcess start(Path dataDir, List<String> extraJvmOptions, int port) {
        return start(dataDir, extraJvmOptions, port, "api/users/me", 401);
    }

    /**
     * Starts a server that is not expected to deploy Parley (its database is unreachable, say): waits
     * only until Payara has booted, which is when its health endpoint answers anything but 404.
     */
    public static PayaraProcess startWithoutParley(Path dataDir, List<String> extraJvmOptions) {
        return start(dataDir, extraJvmOptions, ServerOptions.freePort(), "health/live", -1);
    }

    /**
     * Starts a member of a cluster (Hazelcast on, {@code payara-config/hazelcast.xml}) whose data grid
     * listens on {@code gridPort} of the loopback address and joins the members at {@code gridPorts};
     * waits until Parley answers, not until the others joined.
     */
    public static PayaraProcess startClusterMember(Path dataDir, List<String> extraJvmOptions, int gridPort,
                                                   List<Integer> gridPorts) {
        List<String> jvmOptions = new ArrayList<>(ServerOptions.clusterJvmOptions(gridPort, gridPorts));
        jvmOptions.addAll(extraJvmOptions);
        int port = ServerOptions.freePort();
        return start(dataDir, jvmOptions, ServerOptions.clusterMicroOptions(port), port, "api/users/me", 401);
    }

    private static PayaraProcess start(Path dataDir, List<String> extraJvmOptions, int port, String probe,
                                       int status) {
        return start(dataDir, extraJvmOptions, ServerOptions.microOptions(port), port, probe, status);
    }

    /** Waits until {@code probe} answers {@code status} (-1: anything but 404). */
    private static PayaraProcess start(Path dataDir, List<String> extraJvmOptions, List<String> microOptions,
                                       int port, String probe, int status) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ServerOptions.jvmOptions(dataDir));
        command.addAll(extraJvmOptions);
        command.add("-jar");
        command.add(ServerOptions.microJar().toString());
        command.add("--deploy");
        command.add(ServerOptions.war().toString());
        command.addAll(microOptions);
        try {
            Files.createDirectories(dataDir);
            Path logDir = Files.createDirectories(ServerOptions.logDir());
            // One file per start: a restart on the same port, or a port an earlier run used, gets its own.
            Path log = Files.createTempFile(logDir, "payara-" + port + "-", ".log");
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            PayaraProcess server = new PayaraProcess(process, port, log);
            try {
                server.awaitAnswer(probe, status);
            } catch (RuntimeException | Error e) {
                server.stop();
                throw e;
            }
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /** The base URL: {@code http://127.0.0.1:PORT/}. */
    public URI uri() {
        return URI.create("http://" + ServerOptions.LOOPBACK + ":" + port + "/");
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    /** The server's console output. */
    public Path log() {
        return log;
    }

    /** What the server has written to its console so far. */
    public String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Stops the server as an operator would, with SIGTERM ({@link Process#destroy()}), and waits until
     * it has exited; only a server that ignores that for {@link #STOP_TIMEOUT} is killed. Returns the
     * exit code.
     */
    public int stop() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                throw new AssertionError("Payara (pid " + pid() + ") ignored SIGTERM for " + STOP_TIMEOUT
                        + " and was killed; see " + log);
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping Payara", e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            stop();
        }
    }

    /**
     * Ready when {@code probe} answers {@code status}; for Parley itself, a protected resource refusing a
     * request without a token.
     */
    private void awaitAnswer(String probe, int status) {
        JsonHttp http = new JsonHttp(uri());
        Await.until("Parley on port " + port + " to answer (log: " + log + ")", START_TIMEOUT, () -> {
            if (!process.isAlive()) {
                throw new AssertionError("Payara exited with " + process.exitValue() + " while starting; log:\n"
                        + tail());
            }
            try {
                int answer = http.get(probe).send().status();
                return status < 0 ? answer != 404 : answer == status;
            } catch (UncheckedIOException notListeningYet) {
                return false;
            }
        });
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
