package dev.parley.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The pieces that the smoke run cannot show on node stand-ins: heap parsing, markers, options, goals. */
class BenchPartsTest {

    @Test
    void markerRoundTripsInsideAFrame() {
        String content = Marker.content('d', 7, 12345, 987654321012L, 100);
        assertEquals(100, content.length());
        String frame = "{\"type\":\"message\",\"content\":\"" + content + "\",\"sender\":\"a\",\"recipient\":\"b\","
                + "\"time\":\"2025-01-01T00:00:00Z\",\"id\":5}";
        long[] f = new long[3];
        assertEquals('d', Marker.parse(frame, f));
        assertArrayEquals(new long[] {7, 12345, 987654321012L}, f);
        byte[] bytes = frame.getBytes(StandardCharsets.UTF_8);
        assertEquals('d', Marker.parse(new Text.Bytes(bytes, 0, bytes.length), f));
        assertEquals(0, Marker.parse("{\"type\":\"system\",\"content\":\"Welcome to the chat!\"}", f));
        assertEquals(0, Marker.parse("{\"type\":\"message\",\"content\":\"~pb~d:1:2~\"}", f));
    }

    @Test
    void directRecipientsAreNeverTheSender() {
        for (int d : new int[] {2, 3, 10, 1000}) {
            for (long i = 0; i < 5000; i++) {
                int to = DirectScenario.recipient(i, d);
                assertTrue(to >= 0 && to < d);
                assertTrue(to != (int) (i % d));
            }
        }
    }

    @Test
    void theClassHistogramsTotalIsTheLiveHeap() {
        String histogram = "12345:\n"
                + " num     #instances         #bytes  class name (module)\n"
                + "-------------------------------------------------------\n"
                + "   1:         41437        2764600  [B (java.base@17.0.15)\n"
                + "   2:         39866         956784  java.lang.String (java.base@17.0.15)\n"
                + "Total        167531       11224208\n";
        assertEquals(11224208L, ServerProcess.parseHistogramTotal(histogram).getAsLong());
        assertTrue(ServerProcess.parseHistogramTotal("12345:\ncom.sun.tools.attach.AttachNotSupportedException").isEmpty());
    }

    @Test
    void liveHeapOfThisJvmComesFromJcmd() {
        long pid = ProcessHandle.current().pid();
        assertTrue(ServerProcess.isJvm(pid));
        OptionalLong heap = ServerProcess.liveHeapBytes(pid);
        assertTrue(heap.isPresent() && heap.getAsLong() > 0, "jcmd GC.class_histogram gave no total");
        assertTrue(ServerProcess.rssKiB(pid) > 0);
        assertTrue(ServerProcess.cpuSeconds(pid) > 0);
    }

    @Test
    void presetsAndOptions() {
        BenchConfig full = BenchConfig.parse("--full");
        assertEquals(18000, full.capacitySteps[full.capacitySteps.length - 1]);
        assertEquals(1000, full.directUsers);
        assertEquals(3, full.rounds);
        BenchConfig c = BenchConfig.parse("--rounds=2", "--full", "--scenarios", "login,direct",
                "--direct-rates", "300,100");
        assertEquals(2, c.rounds);
        assertEquals(List.of("login", "direct"), List.copyOf(c.scenarios));
        assertArrayEquals(new int[] {100, 300}, c.directRates);
        assertThrows(IllegalArgumentException.class, () -> BenchConfig.parse("--bogus", "1"));
        assertThrows(IllegalArgumentException.class, () -> BenchConfig.parse("--scenarios", "nope"));
    }

    @Test
    void theLoginWarmUpIsAPresetsAndCanBeSetOrSwitchedOff() {
        assertEquals(8, BenchConfig.parse("--smoke").loginWarmUp);
        assertEquals(3000, BenchConfig.parse("--medium").loginWarmUp);
        assertEquals(3000, BenchConfig.parse("--full").loginWarmUp);
        assertEquals(500, BenchConfig.parse("--login-warm-up", "500", "--full").loginWarmUp);
        assertEquals(0, BenchConfig.parse("--medium", "--login-warm-up=0").loginWarmUp);
        assertThrows(IllegalArgumentException.class, () -> BenchConfig.parse("--login-warm-up", "-1"));
    }

    @Test
    void aServerIsWarmedUpOnceInTheRunThenAQuarterOfTheBatchEachRound() {
        assertEquals(3000, LoginScenario.warmUp(96, 4, 3000, 0), "a fresh server");
        assertEquals(24, LoginScenario.warmUp(96, 4, 3000, 3096), "round 2: only the quarter");
        assertEquals(100, LoginScenario.warmUp(96, 4, 3000, 2900), "what is left of the warm-up");
        assertEquals(8, LoginScenario.warmUp(4, 8, 0, 0), "at least one login per client");
    }

    @Test
    void cdsSwitchesTheDefaultLaunchesOnlyAndTakesNoValue() {
        BenchConfig plain = BenchConfig.parse("--medium");
        assertFalse(plain.cds);
        assertEquals(BenchConfig.PARLEY_CMD, plain.parleyCmd);
        assertEquals(BenchConfig.BARE_CMD, plain.bareCmd);
        assertEquals(BenchConfig.MINIMAL_CMD, plain.minimalCmd);

        BenchConfig cds = BenchConfig.parse("--cds", "--rounds", "2", "--medium");
        assertTrue(cds.cds);
        assertEquals(2, cds.rounds);
        assertEquals(BenchConfig.PARLEY_CDS_CMD, cds.parleyCmd);
        assertEquals(BenchConfig.BARE_CDS_CMD, cds.bareCmd);
        assertEquals(BenchConfig.PEER_CMD, cds.peerCmd);
        assertNull(cds.minimalCmd, "the minimal WAR has no archive of its own");
        assertEquals("java {minimalwar}", BenchConfig.parse("--cds", "--minimal-cmd", "java {minimalwar}").minimalCmd);

        BenchConfig given = BenchConfig.parse("--parley-cmd", "java -jar x.jar --port {port}", "--cds");
        assertEquals("java -jar x.jar --port {port}", given.parleyCmd);
        assertEquals(BenchConfig.BARE_CDS_CMD, given.bareCmd);

        // Each launch uses the archive and the launcher of the root directory its preparation makes, and
        // deploys nothing itself: the preparation installed the application there.
        for (String[] pair : new String[][] {{BenchConfig.PARLEY_CDS_PREPARE, BenchConfig.PARLEY_CDS_CMD, "{parleyroot}"},
                {BenchConfig.BARE_CDS_PREPARE, BenchConfig.BARE_CDS_CMD, "{bareroot}"}}) {
            assertTrue(pair[0].contains("class-data-sharing.sh") && pair[0].contains(" " + pair[2] + " ")
                    && pair[0].contains("--deploy "), pair[0]);
            assertTrue(pair[1].contains("-XX:SharedArchiveFile=" + pair[2] + "/app.jsa")
                    && pair[1].contains("-jar " + pair[2] + "/launch-micro.jar") && !pair[1].contains("--deploy"), pair[1]);
        }
    }

    @Test
    void goalsAreJudgedOnTheSubjectsMedians() {
        Results r = new Results("parley", "peer");
        for (double v : new double[] {18000, 18000, 10000}) {
            r.add("capacity", "sessions", "s", "sessions", true, "parley", v);
        }
        r.add("broadcast", "largestN", "n", "clients", true, "parley", 5000);
        r.add("broadcast", "largestN", "n", "clients", true, "peer", 10000);
        r.add("capacity", "heapPerSessionKiB", "h", "KiB", false, "parley", Double.NaN);
        r.judgeGoals();
        Results.Goal capacity = r.goals.get(0);
        assertEquals(18000, capacity.value());
        assertTrue(capacity.met());
        assertEquals(0.5, r.ratio("broadcast", "largestN"));
        assertFalse(r.goals.get(2).met());
        assertEquals(null, r.goals.get(1).met()); // not measured
        String md = ResultsWriter.markdown(r);
        assertTrue(md.contains("18,000 [10,000 - 18,000]"), md);
    }
}
