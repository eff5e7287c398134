package dev.parley.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.PayaraProcess;
import dev.parley.testing.ServerOptions;
import dev.parley.testing.UniqueNames;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A server launched as the tests launch Parley (the boot command files and {@code payara-config/system.properties},
 * through {@link ServerOptions}): what the JVM ends up with, read from outside it. That the properties are set in
 * time, before the first JSON-P use, is docs/benchmarks.md's item 10 (measured, not asserted here).
 */
class LaunchIT {

    private static PayaraProcess server;

    @BeforeAll
    static void start() {
        server = PayaraProcess.start(ServerOptions.dataDir().resolveSibling("it-data-launch-" + UniqueNames.suffix()));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theJvmHasEverySystemPropertyOfTheFile() throws Exception {
        Properties file = new Properties();
        try (InputStream in = Files.newInputStream(ServerOptions.configDir().resolve("system.properties"))) {
            file.load(in);
        }
        assertEquals(Set.of("h2.bindAddress", "jakarta.json.provider"), file.stringPropertyNames());
        // The jcmd of the JDK that runs the server.
        Path java = Path.of(ProcessHandle.of(server.pid()).flatMap(p -> p.info().command()).orElseThrow());
        Process jcmd = new ProcessBuilder(java.resolveSibling("jcmd").toString(), Long.toString(server.pid()),
                "VM.system_properties").redirectErrorStream(true).start();
        String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(jcmd.waitFor(60, TimeUnit.SECONDS) && jcmd.exitValue() == 0, out);
        for (String name : file.stringPropertyNames()) {
            assertTrue(out.lines().anyMatch(l -> l.equals(name + "=" + file.getProperty(name))),
                    name + "=" + file.getProperty(name) + " in the server's JVM:\n" + out);
        }
    }

    @Test
    void everySocketTheServerListensOnIsOnLoopback() throws IOException {
        List<String> listening = listeningAddresses(server.pid());
        assertFalse(listening.isEmpty(), "the server listens at least for HTTP");
        for (String address : listening) {
            assertTrue(address.equals("0100007F") || address.equals("0000000000000000FFFF00000100007F"),
                    "a listening socket on " + address + " (hex, as /proc/net/tcp writes it), not 127.0.0.1: "
                            + listening);
        }
    }

    /** The local addresses of the process's listening TCP sockets, as /proc/net/tcp and tcp6 write them. */
    private static List<String> listeningAddresses(long pid) throws IOException {
        Set<String> inodes = new HashSet<>();
        try (var fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // the descriptor went away between the listing and the read
                }
            }
        }
        List<String> addresses = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            List<String> lines = Files.readAllLines(Path.of(table));
            for (String line : lines.subList(1, lines.size())) {
                // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
                String[] f = line.trim().split("\\s+");
                if (f[3].equals("0A") && inodes.contains(f[9])) {
                    addresses.add(f[1].substring(0, f[1].indexOf(':')));
                }
            }
        }
        return addresses;
    }
}
