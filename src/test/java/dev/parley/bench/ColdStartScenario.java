package dev.parley.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Scenario 5: launch a fresh instance (fresh data directory, new port) and time from the process start to
 * the first delivered message: wait for the API, register, log in, connect, send to the common room, receive
 * it back. For the subject, the same for bare Payara Micro with an empty WAR: launch to the first HTTP 200.
 */
final class ColdStartScenario extends Scenario {

    private final Path logDir;
    private final IntFunction<Path> dataDir;
    /** Launch command of the bare baseline for a port, or null when there is none. */
    private final java.util.function.IntFunction<String> bare;
    private double lastSubjectMs = Double.NaN;

    ColdStartScenario(BenchConfig cfg, Results results, Path logDir, IntFunction<Path> dataDir,
            java.util.function.IntFunction<String> bare) {
        super("coldstart", cfg, results);
        this.logDir = logDir;
        this.dataDir = dataDir;
        this.bare = bare;
    }

    @Override
    void run(Target t, int round) throws Exception {
        boolean subject = t.name.equals(results.subject);
        if (!t.managed()) {
            metric("firstMessageMs", "launch to first delivered message", "ms", false, t, Double.NaN);
            results.note("coldstart: " + t.name + " is an external server (URL), not launched: no cold start.");
            return;
        }
        int port = ServerProcess.freePort();
        double ms;
        double readyMs;
        try (ServerProcess p = ServerProcess.launch(t.name + "-cold", t.command.command(port, dataDir.apply(port)),
                port, logDir.resolve(t.name + "-cold-r" + round + ".log"), Map.of());
                Api api = new Api(p.baseUrl())) {
            long ready = api.awaitReady("/api/users", Api::apiUp, p, cfg.startTimeout);
            readyMs = (ready - p.launchNanos) / 1e6;
            User u = User.pool("cold", 1).get(0);
            int status = api.register(u);
            if (status != 201 && status != 200) {
                throw new IOException("cold start of " + t.name + ": register answered " + status);
            }
            u.token = api.login(u);
            try (Fleet fleet = new Fleet(api, List.of(u), cfg.client)) {
                Fleet.OpenResult r = fleet.open(1, 1, cfg.handshakeTimeout, 1);
                if (r.opened() != 1) {
                    throw new IOException("cold start of " + t.name + ": no session: " + r.firstError());
                }
                if (fleet.roomEcho(0, Duration.ofSeconds(30)) != 1) {
                    throw new IOException("cold start of " + t.name + ": the first message did not come back");
                }
                ms = (System.nanoTime() - p.launchNanos) / 1e6;
            }
        }
        Reporter.info("coldstart of %s: API up after %.0f ms, first message delivered after %.0f ms", t.name,
                readyMs, ms);
        results.detail(name, t.name, round, row("apiUpMs", readyMs, "firstMessageMs", ms));
        metric("firstMessageMs", "launch to first delivered message", "ms", false, t, ms);
        metric("apiUpMs", "launch to API answering", "ms", false, t, readyMs);
        if (subject) {
            lastSubjectMs = ms;
            runBare(t, round);
        }
    }

    private void runBare(Target t, int round) throws Exception {
        int port = ServerProcess.freePort();
        String cmd = bare == null ? null : bare.apply(port);
        if (cmd == null) {
            metric("bareMs", "bare Payara (empty WAR): launch to first HTTP 200", "ms", false, t, Double.NaN);
            metric("vsBare", "first message / bare Payara first response", "x", false, t, Double.NaN);
            results.note("coldstart: no Payara Micro jar found, so no bare-Payara baseline (give --payara-jar).");
            return;
        }
        double ms;
        try (ServerProcess p = ServerProcess.launch("bare-payara", cmd, port,
                logDir.resolve("bare-payara-r" + round + ".log"), Map.of());
                Api api = new Api(p.baseUrl())) {
            long first = api.awaitReady("/", s -> s == 200, p, cfg.startTimeout);
            ms = (first - p.launchNanos) / 1e6;
        }
        double ratio = ms > 0 ? lastSubjectMs / ms : Double.NaN;
        Reporter.info("coldstart of bare Payara: first HTTP 200 after %.0f ms; %s / bare = %.2f", ms, t.name, ratio);
        results.detail(name, "bare-payara", round, row("firstResponseMs", ms));
        metric("bareMs", "bare Payara (empty WAR): launch to first HTTP 200", "ms", false, t, ms);
        metric("vsBare", "first message / bare Payara first response", "x", false, t, ratio);
    }
}
