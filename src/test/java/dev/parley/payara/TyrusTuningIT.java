package dev.parley.payara;

import static dev.parley.chat.boundary.FrameAssertions.roomMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.chat.boundary.ChatClient;
import dev.parley.testing.JsonHttp;
import dev.parley.testing.PayaraProcess;
import dev.parley.testing.ServerOptions;
import dev.parley.testing.TestUser;
import dev.parley.testing.UniqueNames;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Tyrus and Grizzly tuning that docs/benchmarks.md measured is active on the Payara that the build
 * uses: each hook says "out of reach" once in the log when it falls back, so an upgrade of Payara that
 * moves what a hook reaches fails here instead of quietly costing CPU and memory.
 */
class TyrusTuningIT {

    @Test
    void everyHookTakesHoldOnThisPayara() {
        Path dataDir = ServerOptions.dataDir().resolveSibling("it-data-tuning-" + UniqueNames.suffix());
        List<String> log;
        try (PayaraProcess server = PayaraProcess.start(dataDir)) {
            JsonHttp http = new JsonHttp(server.uri());
            TestUser alice = TestUser.register(http, "tuned");
            TestUser bob = TestUser.register(http, "tuned");
            try (ChatClient a = ChatClient.to(server.uri()).token(alice.token()).v1().connect();
                 ChatClient b = ChatClient.to(server.uri()).token(bob.token()).v1().connect()) {
                a.sendAcked(roomMessage("through the connection's writer", "t-1"));
                b.awaitMessage("through the connection's writer");
            }
            assertEquals(143, server.stop(), "stopped by SIGTERM, its log complete");
            log = server.logText().lines().toList();
        }

        assertEquals(List.of(), log.stream().filter(line -> line.contains("out of reach")).toList(),
                "hooks that fell back");
        assertTrue(log.stream().anyMatch(line -> line.contains("Payara: Tyrus tuned")), "the container line");
    }
}
