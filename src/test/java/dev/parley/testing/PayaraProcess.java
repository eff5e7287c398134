package dev.parley.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The real Payara Micro jar running the real WAR as a child process ({@link ServerProcess}), and what only
 * Payara does: several instances in a cluster, a server that is not expected to deploy Parley, a given port.
 * It listens on a free loopback port; its console goes to a file in {@code it.logDir}.
 */
public final class PayaraProcess extends ChildServer {

    private PayaraProcess(Process process, int port, Path log) {
        super("Payara", process, port, log);
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
            server.awaitAnswer(probe, status);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /** The JVM's process id. */
    public long pid() {
        return process().pid();
    }

    /** Payara's JVM ends on SIGTERM as on any signal: 128 + 15. */
    @Override
    public int exitCodeOfStop() {
        return 143;
    }
}
