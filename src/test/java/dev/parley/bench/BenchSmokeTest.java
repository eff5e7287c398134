package dev.parley.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's smoke mode end to end, every scenario, on a few clients: the node peer launched twice
 * stands in for both Parley and the peer, a one-line node HTTP server for bare Payara, and a node echo server
 * ({@code bench/minimal-standin.js}) for the minimal WAR. Asserts that
 * results.json and results.md hold every scenario with numbers for both sides.
 */
class BenchSmokeTest {

    private static final String NODE_HTTP = "node -e \"require('http').createServer((q,s)=>s.end('ok'))"
            + ".listen(+process.env.PORT,'127.0.0.1')\"";

    @Test
    void everyScenarioRunsEndToEnd() throws Exception {
        assumeTrue(nodeAvailable(), "node is not on the PATH");
        assumeTrue(Files.isRegularFile(BenchConfig.parse("--smoke").peerSource.resolve("server.js")),
                "no shared/peers/node-ws beside the project");
        Path out = Path.of("target", "bench-smoke-test");
        Path minimalStandIn = Path.of(BenchSmokeTest.class.getResource("/bench/minimal-standin.js").toURI());
        long t0 = System.nanoTime();
        Results r = Bench.run("--smoke", "--out", out.toString(),
                "--parley-cmd", "node {peerdir}/server.js", "--peer-cmd", "node {peerdir}/server.js",
                "--bare-cmd", NODE_HTTP, "--minimal-cmd", "node " + minimalStandIn + " {peerdir}");
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertTrue(seconds < 120, "the smoke run took " + seconds + " s");
        assertTrue(r.complete(BenchConfig.ALL_SCENARIOS), "a scenario lacks numbers: " + r.notes);

        JsonObject json;
        try (JsonReader reader = Json.createReader(Files.newBufferedReader(out.resolve("results.json")))) {
            json = reader.readObject();
        }
        for (String side : new String[] {"parley", "peer"}) {
            for (String scenario : BenchConfig.ALL_SCENARIOS) {
                assertTrue(json.getJsonArray("metrics").stream().map(JsonValue::asJsonObject)
                        .filter(m -> m.getString("scenario").equals(scenario))
                        .anyMatch(m -> m.getJsonObject("summary").getJsonObject(side).get("median")
                                instanceof JsonNumber), scenario + " has no number for " + side);
            }
            assertEquals(30, median(json, "capacity", "sessions", side), "capacity on " + side);
            assertTrue(median(json, "capacity", "handshakesPerSec", side) > 0);
            assertTrue(Double.isFinite(median(json, "capacity", "rssPerSessionKiB", side)));
            // Pass or fail of a step depends on the machine's load: assert that the steps ran and delivered.
            assertTrue(median(json, "broadcast", "largestN", side) >= 0);
            assertTrue(median(json, "broadcast", "p99Ms@5", side) > 0);
            JsonObject firstBroadcast = firstDetail(json, "broadcast", side);
            assertEquals(5, firstBroadcast.getInt("clients"));
            assertEquals(0, firstBroadcast.getInt("timeouts"), "broadcasts lost on " + side);
            assertEquals(20, firstBroadcast.getInt("broadcasts"));
            assertTrue(median(json, "direct", "highestRate", side) >= 0);
            assertTrue(median(json, "direct", "p99Ms@50", side) > 0);
            JsonObject firstDirect = firstDetail(json, "direct", side);
            assertEquals(100, firstDirect.getInt("messages"));
            assertEquals(100, firstDirect.getInt("delivered"), "direct messages lost on " + side);
            assertTrue(median(json, "login", "perSecond", side) > 0);
            assertTrue(median(json, "login", "percentOfCeiling", side) > 0);
            JsonObject firstLogin = firstDetail(json, "login", side);
            assertEquals(8, firstLogin.getInt("warmUpLogins"), "the first round warms up to --login-warm-up");
            assertEquals(4, firstLogin.getInt("ok"));
            assertEquals(0, firstLogin.getInt("warmUpFailed"));
            assertTrue(median(json, "login", "freshPerSecond", side) > 0);
            assertTrue(median(json, "coldstart", "firstMessageMs", side) > 0);
        }
        assertTrue(median(json, "coldstart", "vsBare", "parley") > 0);
        assertTrue(median(json, "coldstart", "minimalMs", "parley") > 0);
        assertTrue(median(json, "coldstart", "vsMinimal", "parley") > 0);
        assertTrue(median(json, "coldstart", "minimalVsBare", "parley") > 0);
        assertTrue(json.getJsonObject("run").getJsonNumber("parallelHashesPerSecond").doubleValue() > 0);
        assertEquals(7, json.getJsonArray("goals").size());
        assertTrue(json.getJsonObject("details").getJsonArray("broadcast").size() >= 4);

        String md = Files.readString(out.resolve("results.md"), StandardCharsets.UTF_8);
        for (String scenario : BenchConfig.ALL_SCENARIOS) {
            assertTrue(md.contains("| " + scenario + " |"), "results.md lacks " + scenario);
        }
        assertTrue(md.contains("## Targets of issue #6"));
        assertFalse(md.contains("| capacity | idle sessions held (all alive) | sessions | n/a"));
    }

    private static JsonObject firstDetail(JsonObject json, String scenario, String side) {
        return json.getJsonObject("details").getJsonArray(scenario).stream().map(JsonValue::asJsonObject)
                .filter(r -> r.getString("target").equals(side)).findFirst().orElseThrow();
    }

    private static double median(JsonObject json, String scenario, String id, String side) {
        return json.getJsonArray("metrics").stream().map(JsonValue::asJsonObject)
                .filter(m -> m.getString("scenario").equals(scenario) && m.getString("id").equals(id))
                .map(m -> m.getJsonObject("summary").getJsonObject(side).get("median"))
                .filter(v -> v instanceof JsonNumber).mapToDouble(v -> ((JsonNumber) v).doubleValue())
                .findFirst().orElse(Double.NaN);
    }

    private static boolean nodeAvailable() {
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
