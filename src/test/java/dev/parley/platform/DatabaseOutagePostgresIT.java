package dev.parley.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.chat.boundary.ChatClient;
import dev.parley.testing.Await;
import dev.parley.testing.JsonHttp;
import dev.parley.testing.PayaraProcess;
import dev.parley.testing.ServerOptions;
import dev.parley.testing.TcpProxy;
import dev.parley.testing.TestUser;
import dev.parley.testing.UniqueNames;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL goes away while people chat, and comes back. Only in the PostgreSQL suite
 * ({@code mvn verify -Ppostgres}): the database is reached through a {@link TcpProxy} that the test
 * cuts, so the real PostgreSQL stays up for everyone else. While it is away a send fails with an
 * {@code unavailable} error and no ack, readiness is down; when it is back, Parley recovers by itself.
 */
class DatabaseOutagePostgresIT {

    private static final Duration RECOVERY = Duration.ofSeconds(60);

    PayaraProcess server;
    TcpProxy proxy;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    void aSendFailsWhileTheDatabaseIsAwayAndSendingRecoversWhenItReturns() {
        URI database = URI.create(System.getProperty("it.db.url").substring("jdbc:".length()));
        proxy = TcpProxy.to(database.getHost(), database.getPort());
        String throughProxy = "jdbc:postgresql://" + ServerOptions.LOOPBACK + ":" + proxy.port() + database.getPath()
                + (database.getQuery() == null ? "" : "?" + database.getQuery());
        Path dataDir = ServerOptions.dataDir().resolveSibling("it-data-outage-" + UniqueNames.suffix());
        server = PayaraProcess.start(dataDir, List.of("-Dparley.db.url=" + throughProxy));
        JsonHttp http = new JsonHttp(server.uri());
        TestUser alice = TestUser.register(http, "outage");

        try (ChatClient chat = ChatClient.to(server.uri()).bearer(alice.token()).v1().connect()) {
            long before = chat.sendAcked(message("before the outage", "c-before"));

            proxy.cut();
            chat.send(message("during the outage", "c-during"));
            JsonObject error = chat.awaitError("c-during");
            assertEquals("unavailable", error.getString("code"), error::toString);
            Await.until("readiness to say the database is away", RECOVERY,
                    () -> http.get("health/ready").send().status() == 503);

            proxy.restore();
            Await.until("readiness to recover by itself", RECOVERY,
                    () -> http.get("health/ready").send().status() == 200);
            long after = chat.sendAcked(message("after the outage", "c-after"));

            assertTrue(after > before);
            assertTrue(chat.frames("ack").stream().noneMatch(ack -> "c-during".equals(ack.getString("clientId", null))),
                    "nothing acknowledged that was not stored");
            List<String> stored = http.get("api/messages?after=" + (before - 1)).bearer(alice.token()).send()
                    .jsonArray().getValuesAs(JsonObject.class).stream()
                    .filter(m -> m.getString("sender").equals(alice.username()))
                    .map(m -> m.getString("content"))
                    .toList();
            assertEquals(List.of("before the outage", "after the outage"), stored);
        }
    }

    private static JsonObject message(String content, String clientId) {
        return Json.createObjectBuilder().add("type", "message").add("content", content).add("recipient", "")
                .add("clientId", clientId).build();
    }
}
