package dev.parley.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How the tests run Parley: the Payara Micro jar or WildFly, the WAR the build produced, and the flags every
 * server started by a test gets, whether Arquillian starts it ({@link ArquillianServerOptions}) or a
 * test does ({@link ServerProcess}). Everything comes from the system properties that failsafe sets
 * (see the pom).
 */
public final class ServerOptions {

    /** Loopback only: no test server is ever reachable from outside this machine. */
    public static final String LOOPBACK = "127.0.0.1";

    /** The database settings the failsafe properties {@code it.db.*} carry to the server's {@code parley.db.*}. */
    private static final Map<String, String> DATABASE = Map.of(
            "it.db.url", "parley.db.url",
            "it.db.user", "parley.db.user",
            "it.db.password", "parley.db.password",
            "it.db.datasource-class", "parley.db.datasource-class");

    private ServerOptions() {
    }

    public static Path microJar() {
        return Path.of(required("payara.microJar"));
    }

    /** The build's WildFly, configured by {@code wildfly-config/parley.cli} (the pom's wildfly profile). */
    public static Path wildflyHome() {
        return Path.of(required("wildfly.home"));
    }

    public static Path war() {
        return Path.of(required("parley.war"));
    }

    /** Where the pre- and post-boot command files are ({@code payara-config/}). */
    public static Path configDir() {
        return Path.of(required("parley.configDir"));
    }

    /** The data directory of the server Arquillian starts: its H2 file and its signing key. */
    public static Path dataDir() {
        return Path.of(required("it.dataDir"));
    }

    /** Where servers started by tests write their console, for a look after a failure. */
    public static Path logDir() {
        return Path.of(System.getProperty("it.logDir", System.getProperty("java.io.tmpdir")));
    }

    /** The JVM flags of a server keeping its data in {@code dataDir}. */
    public static List<String> jvmOptions(Path dataDir) {
        List<String> options = new ArrayList<>();
        options.add("-Dparley.data.dir=" + dataDir.toAbsolutePath());
        options.addAll(databaseOptions());
        return options;
    }

    /**
     * The {@code parley.db.*} flags for the {@code it.db.*} properties that are set. An empty one is left
     * out rather than passed empty: Payara 6.2025.10 was measured to fall back to the default for
     * {@code -Dparley.db.url=}, but whether an empty value hides a lower-ordinal one is up to the
     * MicroProfile Config implementation, and a server that silently ran on another database would
     * make the whole suite test the wrong thing.
     */
    public static List<String> databaseOptions() {
        List<String> options = new ArrayList<>();
        DATABASE.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(setting -> {
            String value = System.getProperty(setting.getKey(), "");
            if (!value.isBlank()) {
                options.add("-D" + setting.getValue() + "=" + value);
            }
        });
        return options;
    }

    /** The Payara Micro options of a single, loopback-only server serving Parley at {@code /} on {@code port}. */
    public static List<String> microOptions(int port) {
        return microOptions(port, List.of("--nohazelcast"));
    }

    /**
     * The Payara Micro options of a cluster member serving Parley at {@code /} on {@code port}: Hazelcast on,
     * configured by {@code payara-config/hazelcast.xml} (loopback, no multicast, the members of
     * {@link #clusterJvmOptions}).
     */
    public static List<String> clusterMicroOptions(int port) {
        return microOptions(port, List.of("--hzconfigfile", configDir().resolve("hazelcast.xml").toString()));
    }

    /** The JVM flags that give a cluster member its data grid port and the list of all members. */
    public static List<String> clusterJvmOptions(int gridPort, List<Integer> gridPorts) {
        return List.of("-Dparley.cluster.port=" + gridPort,
                "-Dparley.cluster.members=" + gridPorts.stream().map(p -> LOOPBACK + ":" + p)
                        .collect(Collectors.joining(",")));
    }

    private static List<String> microOptions(int port, List<String> grid) {
        List<String> options = new ArrayList<>(grid);
        options.addAll(List.of(
                "--contextroot", "/",
                "--port", Integer.toString(port),
                "--prebootcommandfile", configDir().resolve("pre-boot-commands.asadmin").toString(),
                "--postbootcommandfile", configDir().resolve("post-boot-commands.asadmin").toString(),
                "--systemproperties", configDir().resolve("system.properties").toString()));
        return options;
    }

    /** A TCP port on the loopback address that nothing listens on now. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + LOOPBACK, e);
        }
    }

    /** Whether nothing listens on {@code port} of the loopback address now. */
    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(LOOPBACK))) {
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + property
                    + " is not set: run the integration tests through Maven (mvn verify)");
        }
        return value;
    }
}
