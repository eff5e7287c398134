package dev.parley.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What {@link PayaraProcess} and {@link WildFlyProcess} share: the child process, its HTTP port and log,
 * waiting until Parley answers, and stopping by SIGTERM.
 */
abstract class ChildServer implements ServerProcess {

    private final String name;
    private final Process process;
    private final int port;
    private final Path log;

    ChildServer(String name, Process process, int port, Path log) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
    }

    @Override
    public URI uri() {
        return URI.create("http://" + ServerOptions.LOOPBACK + ":" + port + "/");
    }

    public int port() {
        return port;
    }

    @Override
    public Path log() {
        return log;
    }

    @Override
    public String logText() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public int stop() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                kill();
                process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                throw new AssertionError(name + " (pid " + process.pid() + ") ignored SIGTERM for " + STOP_TIMEOUT
                        + " and was killed; see " + log);
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            kill();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping " + name, e);
        }
    }

    /** The process this object started: Payara's JVM, or WildFly's start script. */
    Process process() {
        return process;
    }

    /** Ends the server at once. */
    void kill() {
        process.destroyForcibly();
    }

    /** Throws if the server has given up on Parley while starting; nothing to check by default. */
    void checkStarting() {
    }

    /**
     * Waits until {@code probe} answers {@code status} (-1: anything but 404); for Parley itself, a protected
     * resource refusing a request without a token. Stops the server if that never happens.
     */
    void awaitAnswer(String probe, int status) {
        JsonHttp http = new JsonHttp(uri());
        try {
            Await.until(name + " on port " + port + " to answer (log: " + log + ")", START_TIMEOUT, () -> {
                if (!process.isAlive()) {
                    throw new AssertionError(name + " exited with " + process.exitValue() + " while starting; log:\n"
                            + tail());
                }
                checkStarting();
                try {
                    int answer = http.get(probe).send().status();
                    return status < 0 ? answer != 404 : answer == status;
                } catch (UncheckedIOException notListeningYet) {
                    return false;
                }
            });
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    String tail() {
        List<String> lines = logText().lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
