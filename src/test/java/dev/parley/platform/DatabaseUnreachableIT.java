package dev.parley.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.Await;
import dev.parley.testing.JsonHttp;
import dev.parley.testing.PayaraProcess;
import dev.parley.testing.ProblemAssertions;
import dev.parley.testing.Reply;
import dev.parley.testing.ServerOptions;
import dev.parley.testing.TestUser;
import dev.parley.testing.UniqueNames;
import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A database that does not answer at start. Parley deploys anyway (its HTTP API answers what needs no
 * database), says it is not ready while staying alive (an orchestrator keeps it out of rotation
 * rather than restarting it in a loop), and logs one line naming the cause. That it becomes ready by
 * itself when the database comes is in {@code DatabaseOutagePostgresIT}, which has a database to bring.
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
    void parleyIsAliveButNotReadyAndTheLogNamesTheDatabase() {
        int nobodyListens = ServerOptions.freePort();
        Path dataDir = ServerOptions.dataDir().resolveSibling("it-data-nodb-" + UniqueNames.suffix());
        server = PayaraProcess.start(dataDir, List.of(
                "-Dparley.db.url=jdbc:postgresql://127.0.0.1:" + nobodyListens + "/parley",
                "-Dparley.db.datasource-class=org.postgresql.ds.PGSimpleDataSource",
                "-Dparley.db.user=parley", "-Dparley.db.password=unused"));
        JsonHttp http = new JsonHttp(server.uri());

        Reply ready = http.health().get("ready").send();
        assertEquals(503, ready.status(), ready::toString);
        JsonObject database = ready.json().getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(check -> check.getString("name").equals("database")).findFirst().orElseThrow();
        assertEquals("DOWN", database.getString("status"), ready::toString);
        assertTrue(database.getJsonObject("data").getString("problem").startsWith("the database cannot be reached"),
                ready::toString);
        Reply live = http.health().get("live").send();
        assertEquals(200, live.status(), () -> "alive, waiting for its database: " + live);
        Reply register = http.post("api/users").json(TestUser.registration(UniqueNames.username("nodb"),
                UniqueNames.email(), TestUser.PASSWORD)).send();
        ProblemAssertions.assertProblem(register, 503, "The database is not available right now. Try again shortly.");
        assertEquals(Optional.of("5"), register.header("Retry-After"), register::toString);

        Await.until("a log line naming the unreachable database", Duration.ofSeconds(30), () -> server.logText().lines()
                .anyMatch(line -> line.contains("the database cannot be reached, so Parley is not ready")
                        && line.contains("Connection to 127.0.0.1:" + nobodyListens + " refused")));
    }
}
