package dev.parley.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.chat.boundary.ChatClient;
import dev.parley.testing.Await;
import dev.parley.testing.DeployedParley;
import dev.parley.testing.Reply;
import dev.parley.testing.TargetServer;
import dev.parley.testing.TestUser;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** What an operator looks at: health, metrics in Prometheus format, and the OpenAPI document. */
class ObservabilityIT extends DeployedParley {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Test
    void readinessChecksTheDatabaseAndLivenessTheWriter() {
        JsonObject ready = http.health().get("ready").send().json();
        assertEquals("UP", ready.getString("status"), ready::toString);
        assertEquals("UP", check(ready, "database").getString("status"));
        if (TargetServer.current().clusters()) {
            // A single instance (--nohazelcast) says so; ClusterPostgresIT checks a cluster's members.
            assertEquals("UP", check(ready, "cluster").getString("status"));
            assertEquals("false", check(ready, "cluster").getJsonObject("data").getString("clustered"), ready::toString);
        }

        JsonObject live = http.health().get("live").send().json();
        assertEquals("UP", live.getString("status"), live::toString);
        assertEquals("UP", check(live, "message-writer").getString("status"));
    }

    @Test
    void metricsAreParleysOwnInPrometheusTextWithEveryDocumentedFamilyAndType() throws IOException {
        Reply reply = http.get("metrics").header("Accept", "text/plain").send();
        assertEquals(200, reply.status(), reply::toString);
        assertEquals("text/plain;version=0.0.4;charset=utf-8",
                reply.header("Content-Type").orElseThrow().replace(" ", "").toLowerCase(Locale.ROOT));
        Map<String, String> types = types(reply.body());

        Map<String, String> documented = documentedFamilies();
        assertTrue(documented.size() >= 14, documented::toString);
        documented.forEach((family, type) -> assertEquals(type, types.get(family), family + " in " + reply.body()));
        // The JVM's binders, and nothing of Payara's MicroProfile Metrics (it labels every series with its scope).
        assertEquals("gauge", types.get("jvm_memory_used_bytes"));
        assertEquals("summary", types.get("jvm_gc_pause_seconds"));
        assertFalse(reply.body().contains("mp_scope"), reply::body);
        // No metrics but Parley's: switched off in pre-boot-commands.asadmin, Payara's servlet, still mapped at
        // /metrics/*, refuses (403); WildFly serves none there (404).
        int others = http.get("metrics/base").send().status();
        assertTrue(others == 403 || others == 404, () -> "/metrics/base answered " + others);
        assertFalse(reply.body().contains("Exception") || reply.body().contains("\tat "), reply::body);
    }

    @Test
    void theDocumentedSampleHasTheSeriesAndNumberFormatOfTheRealOutput() throws IOException {
        String body = http.get("metrics").send().body();
        List<String> sample = documentedSample();
        assertFalse(sample.isEmpty());
        for (String line : sample) {
            assertTrue(line.matches("[a-z_]+(\\{[^}]*\\})? \\S+"), "a series and its value: " + line);
            String series = line.substring(0, line.lastIndexOf(' ') + 1);
            String real = body.lines().filter(l -> l.startsWith(series)).findFirst()
                    .orElseThrow(() -> new AssertionError(series + " in " + body));
            assertEquals(line.contains("."), real.contains("."), "number format of " + line + " and " + real);
        }
    }

    @Test
    void registrationsLoginsAndRefusedHandshakesAreCounted() {
        double registered = http.metric("parley_users_registered_total", "");
        double succeeded = http.metric("parley_logins_succeeded_total", "");
        TestUser user = TestUser.register(http, "metrics");
        awaitAtLeast("parley_users_registered_total", "", registered + 1);
        awaitAtLeast("parley_logins_succeeded_total", "", succeeded + 1);

        double failed = http.metric("parley_logins_failed_total", "");
        http.post("api/login").json(TestUser.credentials(user.username(), "not the password")).send();
        awaitAtLeast("parley_logins_failed_total", "", failed + 1);

        double badCredential = http.metric("parley_handshakes_refused_total", "reason=\"credential\"");
        CompletionException refused = assertThrows(CompletionException.class,
                () -> connect("ws?token=not-a-token", new Frames()).join());
        assertTrue(refused.getCause() instanceof java.net.http.WebSocketHandshakeException, refused::toString);
        awaitAtLeast("parley_handshakes_refused_total", "reason=\"credential\"", badCredential + 1);

        double badOrigin = http.metric("parley_handshakes_refused_total", "reason=\"origin\"");
        assertEquals(403, ChatClient.to(http.base()).bearer(user.token()).origin("http://evil.example").refused());
        awaitAtLeast("parley_handshakes_refused_total", "reason=\"origin\"", badOrigin + 1);
        assertEquals(badCredential + 1, http.metric("parley_handshakes_refused_total", "reason=\"credential\""),
                "counted by reason");
    }

    @Test
    void storedMessagesOpenSessionsAndDeliveryLatencyInSecondsMoveWithTraffic() throws Exception {
        TestUser user = TestUser.register(http, "metrics");
        double stored = http.metric("parley_messages_stored_total", "");
        double delivered = http.metric("parley_frames_delivered_total", "");
        double count = http.metric("parley_delivery_latency_seconds_count", "");
        double sum = http.metric("parley_delivery_latency_seconds_sum", "");
        Frames frames = new Frames();
        WebSocket socket = connect("ws?token=" + user.token(), frames).get(30, TimeUnit.SECONDS);
        try {
            awaitAtLeast("parley_sessions_open", "", 1);
            awaitAtLeast("parley_users_online", "", 1);
            for (int i = 0; i < 3; i++) {
                socket.sendText("{\"type\":\"message\",\"content\":\"counted " + i + "\",\"recipient\":\"\"}", true)
                        .join();
            }
            Await.until("the messages echoed to their sender", PATIENCE,
                    () -> frames.text().contains("\"content\":\"counted 2\""));
            awaitAtLeast("parley_messages_stored_total", "", stored + 3);
            awaitAtLeast("parley_frames_delivered_total", "", delivered + 3);
        } finally {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
        }
        double deliveries = http.metric("parley_delivery_latency_seconds_count", "") - count;
        double seconds = http.metric("parley_delivery_latency_seconds_sum", "") - sum;
        assertTrue(deliveries >= 3, "deliveries timed: " + deliveries);
        // Seconds, not microseconds: a mean of a few milliseconds here, never above 5 s.
        assertTrue(seconds > 0 && seconds / deliveries < 5, "sum " + seconds + " s over " + deliveries);
        assertTrue(http.metric("parley_delivery_latency_seconds_max", "") < 5);
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
                "/api/messages", Set.of("get"),
                "/api/limits", Set.of("get"));
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

    private void awaitAtLeast(String metric, String label, double value) {
        Await.until(metric + " " + label + " at " + value, PATIENCE, () -> http.metric(metric, label) >= value);
    }

    /** Each family's type, from the {@code # TYPE} lines. */
    private static Map<String, String> types(String scrape) {
        Map<String, String> types = new HashMap<>();
        Matcher type = Pattern.compile("(?m)^# TYPE (\\S+) (\\S+)$").matcher(scrape);
        while (type.find()) {
            types.put(type.group(1), type.group(2));
        }
        return types;
    }

    /** The rows {@code | `family{labels}` | type | meaning |} of docs/operations.md's metrics table. */
    private static Map<String, String> documentedFamilies() throws IOException {
        Map<String, String> families = new HashMap<>();
        Matcher row = Pattern.compile(
                "(?m)^\\| `((?:parley|jvm|process|system)_[a-z_]+)(?:\\{[^}]*\\})?` \\| ([a-z]+) \\|")
                .matcher(operations());
        while (row.find()) {
            families.put(row.group(1), row.group(2));
        }
        return families;
    }

    /** The sample output in docs/operations.md: the lines under its {@code curl .../metrics} command. */
    private static List<String> documentedSample() throws IOException {
        List<String> lines = operations().lines().toList();
        int command = lines.indexOf(lines.stream().filter(l -> l.contains("curl -s localhost:8080/metrics")).findFirst()
                .orElseThrow());
        return lines.subList(command + 1, lines.size()).stream()
                .takeWhile(l -> l.startsWith("    ") && !l.isBlank())
                .map(String::strip)
                .filter(l -> !l.equals("..."))
                .toList();
    }

    private static String operations() throws IOException {
        return Files.readString(Path.of(System.getProperty("user.dir"), "docs", "operations.md"));
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
