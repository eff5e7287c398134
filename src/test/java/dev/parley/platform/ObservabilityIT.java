package dev.parley.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.Await;
import dev.parley.testing.DeployedParley;
import dev.parley.testing.Reply;
import dev.parley.testing.TestUser;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What an operator looks at: health, metrics in Prometheus format, and the OpenAPI document. */
class ObservabilityIT extends DeployedParley {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Test
    void readinessChecksTheDatabaseAndLivenessTheWriter() {
        JsonObject ready = http.health().get("ready").send().json();
        assertEquals("UP", ready.getString("status"), ready::toString);
        assertEquals("UP", check(ready, "database").getString("status"));
        // A single instance (--nohazelcast) says so; ClusterPostgresIT checks a cluster's members.
        assertEquals("UP", check(ready, "cluster").getString("status"));
        assertEquals("false", check(ready, "cluster").getJsonObject("data").getString("clustered"), ready::toString);

        JsonObject live = http.health().get("live").send().json();
        assertEquals("UP", live.getString("status"), live::toString);
        assertEquals("UP", check(live, "message-writer").getString("status"));
    }

    @Test
    void metricsAreServedInPrometheusFormatWithEveryParleyFamily() {
        Reply reply = http.get("metrics").header("Accept", "text/plain").send();
        assertEquals(200, reply.status());
        for (String family : List.of("parley_sessions_open", "parley_users_online", "parley_outbound_queue_frames",
                "parley_messages_stored_total", "parley_frames_delivered_total", "parley_delivery_latency_seconds",
                "parley_frames_rate_limited_total", "parley_slow_consumers_closed_total",
                "parley_handshakes_refused_total")) {
            assertTrue(reply.body().contains("# TYPE " + family.replace("_total", "")) || reply.body().contains(family),
                    family + " in " + reply.body());
        }
    }

    @Test
    void failedLoginsAndRefusedHandshakesAreCounted() {
        TestUser user = TestUser.register(http, "metrics");
        double failedBefore = http.metric("parley_logins_failed_total", "");
        http.post("api/login").json(TestUser.credentials(user.username(), "not the password")).send();
        Await.until("the failed login counted", PATIENCE,
                () -> http.metric("parley_logins_failed_total", "") >= failedBefore + 1);

        double refusedBefore = http.metric("parley_handshakes_refused_total", "reason=\"credential\"");
        CompletionException refused = assertThrows(CompletionException.class,
                () -> connect("ws?token=not-a-token", new Frames()).join());
        assertTrue(refused.getCause() instanceof java.net.http.WebSocketHandshakeException, refused::toString);
        Await.until("the refused handshake counted", PATIENCE,
                () -> http.metric("parley_handshakes_refused_total", "reason=\"credential\"") >= refusedBefore + 1);
    }

    @Test
    void storedMessagesOpenSessionsAndDeliveryLatencyMoveWithTraffic() throws Exception {
        TestUser user = TestUser.register(http, "metrics");
        double storedBefore = http.metric("parley_messages_stored_total", "");
        Frames frames = new Frames();
        WebSocket socket = connect("ws?token=" + user.token(), frames).get(30, TimeUnit.SECONDS);
        try {
            Await.until("a session counted as open", PATIENCE, () -> http.metric("parley_sessions_open", "") >= 1);
            socket.sendText("{\"type\":\"message\",\"content\":\"counted\",\"recipient\":\"\"}", true).join();
            Await.until("the message echoed to its sender", PATIENCE,
                    () -> frames.text().contains("\"content\":\"counted\""));
            Await.until("the message counted", PATIENCE,
                    () -> http.metric("parley_messages_stored_total", "") >= storedBefore + 1);
            assertTrue(http.metric("parley_delivery_latency_seconds_count", "") >= 1);
        } finally {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
        }
    }

    @Test
    void theOpenApiDocumentDescribesEveryRoute() {
        Reply reply = http.get("openapi").header("Accept", "application/json").send();
        assertEquals(200, reply.status(), reply::toString);
        JsonObject paths = reply.json().getJsonObject("paths");
        Map<String, Set<String>> expected = Map.of(
                "/api/users", Set.of("get", "post"),
                "/api/users/me", Set.of("get"),
                "/api/users/{ref}", Set.of("get"),
                "/api/login", Set.of("post"),
                "/api/token/refresh", Set.of("post"),
                "/api/logout", Set.of("post"),
                "/api/ws-ticket", Set.of("post"),
                "/api/messages", Set.of("get"));
        assertEquals(expected.keySet(), paths.keySet());
        expected.forEach((path, methods) -> {
            assertTrue(paths.getJsonObject(path).keySet().containsAll(methods), path + ": " + paths.get(path));
            methods.forEach(method -> assertTrue(paths.getJsonObject(path).getJsonObject(method).containsKey("summary"),
                    method + " " + path + " has a summary"));
        });
        JsonObject login = paths.getJsonObject("/api/login").getJsonObject("post").getJsonObject("responses");
        assertEquals(Set.of("200", "400", "401", "429"), login.keySet());
        assertTrue(reply.json().getJsonObject("components").getJsonObject("securitySchemes").containsKey("bearer"));
    }

    private static JsonObject check(JsonObject health, String name) {
        return health.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(c -> name.equals(c.getString("name")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no check " + name + " in " + health));
    }

    private CompletableFuture<WebSocket> connect(String path, Frames frames) {
        URI uri = URI.create(base.toString().replaceFirst("^http", "ws")).resolve(path);
        return HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, frames);
    }

    /** Collects every text frame received. */
    private static final class Frames implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public synchronized CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                text.append('\n');
            }
            socket.request(1);
            return null;
        }

        synchronized String text() {
            return text.toString();
        }
    }
}
