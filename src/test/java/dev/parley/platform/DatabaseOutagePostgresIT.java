package dev.parley.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.chat.boundary.ChatClient;
import dev.parley.testing.Await;
import dev.parley.testing.JsonHttp;
import dev.parley.testing.PayaraProcess;
import dev.parley.testing.Reply;
import dev.parley.testing.ServerOptions;
import dev.parley.testing.TcpProxy;
import dev.parley.testing.TestUser;
import dev.parley.testing.UniqueNames;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
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
    /** The pool waits 2 s for a connection; the rest is leeway for a busy machine, far below an outage's length. */
    private static final Duration REFUSED_WITHIN = Duration.ofSeconds(8);

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
        JsonHttp http = new JsonHttp(startThroughProxy().uri());
        TestUser alice = TestUser.register(http, "outage");

        try (ChatClient chat = ChatClient.to(server.uri()).bearer(alice.token()).v1().connect()) {
            long before = chat.sendAcked(message("before the outage", "c-before"));
            String ticket = http.post("api/ws-ticket").bearer(alice.token()).send().json().getString("ticket");

            proxy.cut();
            Instant sent = Instant.now();
            chat.send(message("during the outage", "c-during"));
            JsonObject error = chat.awaitError("c-during");
            assertEquals("unavailable", error.getString("code"), error::toString);
            assertTrue(Duration.between(sent, Instant.now()).compareTo(REFUSED_WITHIN) < 0,
                    "refused within seconds, not held until the database returns");
            Await.until("readiness to say the database is away", RECOVERY,
                    () -> http.health().get("ready").send().status() == 503);
            Instant asked = Instant.now();
            Reply directory = http.get("api/users").bearer(alice.token()).send();
            assertEquals(503, directory.status(), () -> "the server's state, not a defect: " + directory);
            assertTrue(Duration.between(asked, Instant.now()).compareTo(REFUSED_WITHIN) < 0, "503 within seconds");
            assertEquals(Optional.of("5"), directory.header("Retry-After"), directory::toString);
            // A credential that cannot be checked is not a bad one: 503, not 401, on the WebSocket too.
            assertEquals(503, ChatClient.to(server.uri()).bearer(alice.token()).handshakeTimeout(RECOVERY).refused());
            assertEquals(503, ChatClient.to(server.uri()).ticket(ticket).handshakeTimeout(RECOVERY).refused());
            chat.send(Json.createObjectBuilder().add("type", "auth").add("token", alice.token()).build());
            JsonObject unchecked = chat.await("the auth frame's refusal", f -> "error".equals(f.getString("type"))
                    && !f.containsKey("clientId"));
            assertEquals("unavailable", unchecked.getString("code"), unchecked::toString);
            assertEquals("The token could not be checked: the database is not available. Try again.",
                    unchecked.getString("message"));

            proxy.restore();
            Await.until("readiness to recover by itself", RECOVERY,
                    () -> http.health().get("ready").send().status() == 200);
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

    @Test
    void aDatabaseAwayAtStartMakesParleyReadyWhenItComes() {
        proxy = TcpProxy.to(database().getHost(), database().getPort());
        proxy.cut();
        JsonHttp http = new JsonHttp(startThroughProxy().uri());
        assertEquals(503, http.health().get("ready").send().status(), "not ready without its database");

        proxy.restore();
        Await.until("readiness once the database answers and the schema is migrated", RECOVERY,
                () -> http.health().get("ready").send().status() == 200);
        TestUser alice = TestUser.register(http, "late");
        try (ChatClient chat = ChatClient.to(server.uri()).bearer(alice.token()).v1().connect()) {
            assertTrue(chat.sendAcked(message("the database came late", "c-late")) > 0);
        }
    }

    /** Parley on PostgreSQL through {@link #proxy} (made here unless the test made it already). */
    private PayaraProcess startThroughProxy() {
        URI database = database();
        if (proxy == null) {
            proxy = TcpProxy.to(database.getHost(), database.getPort());
        }
        String throughProxy = "jdbc:postgresql://" + ServerOptions.LOOPBACK + ":" + proxy.port() + database.getPath()
                + (database.getQuery() == null ? "" : "?" + database.getQuery());
        Path dataDir = ServerOptions.dataDir().resolveSibling("it-data-outage-" + UniqueNames.suffix());
        // Tickets live long enough to be tried after the slow refusals of an outage.
        server = PayaraProcess.start(dataDir, List.of("-Dparley.db.url=" + throughProxy, "-Dparley.ws.ticket-lifetime=PT5M"));
        return server;
    }

    private static URI database() {
        return URI.create(System.getProperty("it.db.url").substring("jdbc:".length()));
    }

    private static JsonObject message(String content, String clientId) {
        return Json.createObjectBuilder().add("type", "message").add("content", content).add("recipient", "")
                .add("clientId", clientId).build();
    }
}
