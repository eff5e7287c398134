package dev.parley.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.testing.Await;
import dev.parley.testing.JsonHttp;
import dev.parley.testing.PayaraProcess;
import dev.parley.testing.Reply;
import dev.parley.testing.ServerOptions;
import dev.parley.testing.UniqueNames;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * A database that answers but whose schema Parley cannot migrate (here: its first migration recorded
 * with other contents than Parley's, as in another application's database, or one edited by hand). That
 * is a defect or the wrong database, not an outage, so Parley does not deploy, after one line saying
 * why, rather than serving against a schema it does not know. (An unreachable database is the other
 * case: {@code DatabaseUnreachableIT}. A schema that a newer Parley has migrated further is served, as
 * Flyway allows by default, so that a rolling upgrade can run old and new side by side.)
 */
class ForeignSchemaIT {

    /** Parley's default (microprofile-config.properties). */
    private static final String H2_URL = "jdbc:h2:file:{dir}/parley;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";

    @AutoClose
    PayaraProcess server;

    @Test
    void aSchemaParleyDidNotMakeStopsTheDeploymentWithOneLineSayingWhy() throws SQLException {
        Path dataDir = ServerOptions.dataDir().resolveSibling("it-data-newer-schema-" + UniqueNames.suffix());
        String h2Url = H2_URL.replace("{dir}", dataDir.toAbsolutePath().toString());
        migratedByAnotherHand(h2Url);

        // The embedded default, whatever database the other tests of this run use.
        server = PayaraProcess.startWithoutParley(dataDir, List.of("-Dparley.db.url=" + h2Url,
                "-Dparley.db.datasource-class=org.h2.jdbcx.JdbcDataSource", "-Dparley.db.user=parley",
                "-Dparley.db.password=parley"));

        Await.until("the log line saying why Parley cannot start", PayaraProcess.START_TIMEOUT, () -> server.logText().lines()
                .anyMatch(line -> line.contains("Parley cannot start: the database migration failed")
                        && line.contains("checksum mismatch for migration version 1")));
        Await.until("Payara giving up the application", Duration.ofSeconds(60),
                () -> server.logText().contains("Startup of context  failed due to previous errors"));
        // Payara keeps the failed application at its context root: everything under it answers 500, the
        // health endpoints too, so neither a load balancer nor an orchestrator takes it for a working server.
        JsonHttp http = new JsonHttp(server.uri());
        Reply users = http.get("api/users").send();
        assertEquals(500, users.status(), users::toString);
        Reply ready = http.health().get("ready").send();
        assertEquals(500, ready.status(), ready::toString);
    }

    /** Parley's schema, with its first migration recorded as something else. */
    private static void migratedByAnotherHand(String h2Url) throws SQLException {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(h2Url);
        h2.setUser("parley");
        h2.setPassword("parley");
        SchemaMigrations.flyway(h2).migrate();
        try (Connection connection = h2.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("UPDATE \"flyway_schema_history\" SET \"checksum\" = 42 WHERE \"version\" = '1'");
        }
    }
}
