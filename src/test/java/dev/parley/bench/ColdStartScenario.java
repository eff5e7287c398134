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
 * it back. For the subject, two baselines launched in the same round: bare Payara Micro with an empty WAR
 * (launch to the first HTTP 200), the target's denominator; and Payara Micro with the minimal CDI, JAX-RS
 * and WebSocket WAR of {@code dev.parley.bench.minimal} (launch to the first 200 of its API, then one
 * session welcomed and one message echoed: Parley's first message without registering and logging in).
 */
final class ColdStartScenario extends Scenario {

    private final Path logDir;
    private final IntFunction<Path> dataDir;
    /** Launch commands of the baselines for a port, or null when there is none. */
    private final IntFunction<String> bare;
    private final IntFunction<String> minimal;
    private double lastSubjectMs = Double.NaN;
    private double lastBareMs = Double.NaN;

    ColdStartScenario(BenchConfig cfg, Results results, Path logDir, IntFunction<Path> dataDir,
            IntFunction<String> bare, IntFunction<String> minimal) {
        super("coldstart", cfg, results);
        this.logDir = logDir;
        this.dataDir = dataDir;
        this.bare = bare;
        this.minimal = minimal;
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
            ms = (firstEcho(api, u, t.name) - p.launchNanos) / 1e6;
        }
        Reporter.info("coldstart of %s: API up after %.0f ms, first message delivered after %.0f ms", t.name,
                readyMs, ms);
        results.detail(name, t.name, round, row("apiUpMs", readyMs, "firstMessageMs", ms));
        metric("firstMessageMs", "launch to first delivered message", "ms", false, t, ms);
        metric("apiUpMs", "launch to API answering", "ms", false, t, readyMs);
        if (subject) {
            lastSubjectMs = ms;
            runBare(t, round);
            runMinimal(t, round);
        }
    }

    /** Opens one session for {@code u}, sends to the common room, and returns when it came back (nanoTime). */
    private long firstEcho(Api api, User u, String server) throws IOException, InterruptedException {
        try (Fleet fleet = new Fleet(api, List.of(u), cfg.client)) {
            Fleet.OpenResult r = fleet.open(1, 1, cfg.handshakeTimeout, 1);
            if (r.opened() != 1) {
                throw new IOException("cold start of " + server + ": no session: " + r.firstError());
            }
            if (fleet.roomEcho(0, Duration.ofSeconds(30)) != 1) {
                throw new IOException("cold start of " + server + ": the first message did not come back");
            }
            return System.nanoTime();
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
        lastBareMs = ms;
        double ratio = ms > 0 ? lastSubjectMs / ms : Double.NaN;
        Reporter.info("coldstart of bare Payara: first HTTP 200 after %.0f ms; %s / bare = %.2f", ms, t.name, ratio);
        results.detail(name, "bare-payara", round, row("firstResponseMs", ms));
        metric("bareMs", "bare Payara (empty WAR): launch to first HTTP 200", "ms", false, t, ms);
        metric("vsBare", "first message / bare Payara first response", "x", false, t, ratio);
    }

    private void runMinimal(Target t, int round) throws Exception {
        int port = ServerProcess.freePort();
        String cmd = minimal == null ? null : minimal.apply(port);
        if (cmd == null) {
            metric("minimalMs", "minimal CDI, JAX-RS and WebSocket WAR: launch to first echoed message", "ms", false, t,
                    Double.NaN);
            metric("vsMinimal", "first message / the minimal WAR's first echoed message", "x", false, t, Double.NaN);
            metric("minimalVsBare", "the minimal WAR's first echoed message / bare Payara first response", "x", false, t,
                    Double.NaN);
            results.note("coldstart: no minimal-WAR baseline (--minimal-cmd empty, --cds, or no Payara Micro jar).");
            return;
        }
        double ms;
        double apiMs;
        try (ServerProcess p = ServerProcess.launch("minimal-war", cmd, port,
                logDir.resolve("minimal-war-r" + round + ".log"), Map.of());
                Api api = new Api(p.baseUrl())) {
            apiMs = (api.awaitReady("/api/users", s -> s == 200, p, cfg.startTimeout) - p.launchNanos) / 1e6;
            User anyone = User.pool("min", 1).get(0);
            anyone.token = "none"; // the echo endpoint asks for no credential
            ms = (firstEcho(api, anyone, "the minimal WAR") - p.launchNanos) / 1e6;
        }
        double ratio = ms > 0 ? lastSubjectMs / ms : Double.NaN;
        Reporter.info("coldstart of the minimal WAR: API up after %.0f ms, first echo after %.0f ms; %s / minimal = %.2f",
                apiMs, ms, t.name, ratio);
        results.detail(name, "minimal-war", round, row("apiUpMs", apiMs, "firstMessageMs", ms));
        metric("minimalMs", "minimal CDI, JAX-RS and WebSocket WAR: launch to first echoed message", "ms", false, t, ms);
        metric("vsMinimal", "first message / the minimal WAR's first echoed message", "x", false, t, ratio);
        metric("minimalVsBare", "the minimal WAR's first echoed message / bare Payara first response", "x", false, t,
                lastBareMs > 0 ? ms / lastBareMs : Double.NaN);
    }
}
