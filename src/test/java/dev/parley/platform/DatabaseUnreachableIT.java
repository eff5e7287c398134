package dev.parley.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.Await;
import dev.parley.testing.JsonHttp;
import dev.parley.testing.PayaraProcess;
import dev.parley.testing.Reply;
import dev.parley.testing.ServerOptions;
import dev.parley.testing.UniqueNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A database that does not answer at start. Payara validates the persistence unit at deployment, and
 * EclipseLink opens a connection to do so, so the deployment fails: what the operator must get is a
 * server that says it is not ready (and not alive, so an orchestrator restarts it) and a log that
 * names the cause.
 */
class DatabaseUnreachableIT {

    PayaraProcess server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void readinessAndLivenessAreDownAndTheLogNamesTheDatabase() {
        int nobodyListens = ServerOptions.freePort();
        Path dataDir = ServerOptions.dataDir().resolveSibling("it-data-nodb-" + UniqueNames.suffix());
        server = PayaraProcess.startWithoutParley(dataDir, List.of(
                "-Dparley.db.url=jdbc:postgresql://127.0.0.1:" + nobodyListens + "/parley",
                "-Dparley.db.datasource-class=org.postgresql.ds.PGSimpleDataSource",
                "-Dparley.db.user=parley", "-Dparley.db.password=unused"));
        JsonHttp http = new JsonHttp(server.uri());

        Reply ready = http.get("health/ready").send();
        assertEquals(503, ready.status(), ready::toString);
        assertTrue(ready.body().contains("\"status\":\"DOWN\""), ready::toString);
        assertEquals(503, http.get("health/live").send().status(), "not alive either: restart me");
        assertEquals(404, http.get("api/users/me").send().status(), "Parley is not deployed");

        Await.until("a log line naming the unreachable database", Duration.ofSeconds(30), () -> log().lines()
                .anyMatch(line -> line.contains("Connection to 127.0.0.1:" + nobodyListens + " refused")));
    }

    private String log() {
        try {
            return Files.readString(server.log());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
