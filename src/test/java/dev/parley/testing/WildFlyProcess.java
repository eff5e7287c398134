package dev.parley.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The build's WildFly (stock, configured by {@code wildfly-config/parley.cli}) running the real WAR, started by
 * its own {@code bin/standalone.sh} as an operator starts it: {@code standalone-microprofile.xml}, both
 * interfaces on loopback, every port moved by one free offset. Each start gets a fresh server directory in
 * {@code it.logDir} (the configuration, and the WAR in {@code deployments/}), so what carries over a restart is
 * Parley's data directory only, as with Payara Micro. Its log is that directory's {@code log/server.log}.
 */
public final class WildFlyProcess extends ChildServer {

    /** The stock ports that the offset moves; the management port serves health. */
    static final int HTTP_PORT = 8080;
    static final int MANAGEMENT_PORT = 9990;
    /** Every socket of standalone-microprofile.xml: ajp, http, https, management, management-https, transactions. */
    private static final List<Integer> STOCK_PORTS = List.of(8009, 8080, 8443, 9990, 9993, 4712, 4713);
    private static final String CONFIG = "standalone-microprofile.xml";

    private final Path serverDir;

    private WildFlyProcess(Process script, int port, Path serverDir) {
        super("WildFly", script, port, serverDir.resolve("log").resolve("server.log"));
        this.serverDir = serverDir;
    }

    /**
     * Starts a server keeping Parley's data in {@code dataDir}, with extra system properties ({@code -Dname=value}:
     * standalone.sh hands them to the server, which sets them before anything deploys), and waits until Parley
     * answers; fails as soon as WildFly reports the deployment failed.
     */
    static WildFlyProcess start(Path dataDir, List<String> extraSystemProperties) {
        extraSystemProperties.stream().filter(option -> !option.startsWith("-D")).findAny().ifPresent(option -> {
            throw new IllegalArgumentException("not a system property, which is all WildFlyProcess passes: " + option);
        });
        int offset = freePortOffset();
        Path home = ServerOptions.wildflyHome();
        List<String> command = new ArrayList<>(List.of(home.resolve("bin").resolve("standalone.sh").toString()));
        command.addAll(arguments(offset));
        try {
            Files.createDirectories(dataDir);
            Path serverDir = Files.createTempDirectory(Files.createDirectories(ServerOptions.logDir()),
                    "wildfly-" + (HTTP_PORT + offset) + "-");
            copyConfiguration(home.resolve("standalone").resolve("configuration"), serverDir.resolve("configuration"));
            Files.copy(ServerOptions.war(), Files.createDirectories(serverDir.resolve("deployments")).resolve("parley.war"));
            command.add("-Djboss.server.base.dir=" + serverDir);
            command.addAll(ServerOptions.jvmOptions(dataDir));
            command.addAll(extraSystemProperties);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(serverDir.resolve("console.log").toFile());
            builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
            // In the background the script relays SIGTERM to the JVM and waits for it, and writes the JVM's pid.
            builder.environment().put("LAUNCH_JBOSS_IN_BACKGROUND", "1");
            builder.environment().put("JBOSS_PIDFILE", serverDir.resolve("wildfly.pid").toString());
            WildFlyProcess server = new WildFlyProcess(builder.start(), HTTP_PORT + offset, serverDir);
            server.awaitAnswer("api/users/me", 401);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /** The arguments of standalone.sh (or of Arquillian's managed container) for a server on loopback at {@code offset}. */
    static List<String> arguments(int offset) {
        return List.of("-c=" + CONFIG, "-b=" + ServerOptions.LOOPBACK, "-bmanagement=" + ServerOptions.LOOPBACK,
                "-Djboss.socket.binding.port-offset=" + offset);
    }

    /** A port offset at which none of WildFly's sockets is taken on the loopback address now. */
    static int freePortOffset() {
        int highest = STOCK_PORTS.stream().mapToInt(Integer::intValue).max().orElseThrow();
        for (int attempt = 0; attempt < 100; attempt++) {
            int offset = ServerOptions.freePort() - HTTP_PORT;
            if (offset > 0 && highest + offset <= 65535
                    && STOCK_PORTS.stream().allMatch(port -> ServerOptions.isFree(port + offset))) {
                return offset;
            }
        }
        throw new IllegalStateException("no port offset with all of " + STOCK_PORTS + " free on " + ServerOptions.LOOPBACK);
    }

    /** The JVM's process id, once the script has started it. */
    public Optional<Long> pid() {
        try {
            Path file = serverDir.resolve("wildfly.pid");
            return Files.exists(file) ? Optional.of(Long.parseLong(Files.readString(file).trim())) : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** standalone.sh reports a server it stopped on SIGTERM as a clean exit. */
    @Override
    public int exitCodeOfStop() {
        return 0;
    }

    /** The JVM first: killing only the script would leave it running. */
    @Override
    void kill() {
        pid().flatMap(ProcessHandle::of).ifPresent(ProcessHandle::destroyForcibly);
        super.kill();
    }

    /** The deployment scanner marks a deployment that failed with a file saying why. */
    @Override
    void checkStarting() {
        Path failed = serverDir.resolve("deployments").resolve("parley.war.failed");
        if (Files.exists(failed)) {
            try {
                throw new AssertionError("WildFly failed to deploy Parley: " + Files.readString(failed) + "\nlog: " + log());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Without the history a running server keeps beside its configuration. */
    private static void copyConfiguration(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files.filter(file -> !file.toString().contains("_xml_history"))::iterator) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }
}
