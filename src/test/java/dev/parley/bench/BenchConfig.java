package dev.parley.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Every knob of a run; {@link #parse} reads the command line over a preset (smoke, medium, full). */
final class BenchConfig {

    static final List<String> ALL_SCENARIOS = List.of("capacity", "broadcast", "direct", "login", "coldstart");

    /** The default launch of Parley; {main} is the Parley project directory. */
    static final String PARLEY_CMD = "java {jvm} -Dparley.data.dir={datadir}"
            + " -jar {main}/target/payara-micro.jar --nohazelcast --deploy {main}/target/parley.war"
            + " --contextroot / --port {port}"
            + " --prebootcommandfile {main}/payara-config/pre-boot-commands.asadmin"
            + " --systemproperties {main}/payara-config/system.properties";
    /**
     * JVM flags of Parley for the benchmark: sessions per user and the per-user message rate raised so that
     * the pooled users of the load generator are not refused (MicroProfile Config properties of Parley).
     */
    static final String PARLEY_JVM = "-Dparley.ws.max-sessions-per-user=100000"
            + " -Dparley.ws.rate-per-second=1000000 -Dparley.ws.rate-burst=1000000";
    /** The node peer, copied out of shared/ (read-only there) into {peerdir} and installed with npm ci. */
    static final String PEER_CMD = "node {peerdir}/server.js";
    /** Bare Payara Micro with an empty WAR built at run time ({war}) and an http listener on 127.0.0.1. */
    static final String BARE_CMD = "java {jvm} -jar {payarajar} --nohazelcast --deploy {war} --contextroot /"
            + " --port {port} --prebootcommandfile {bareboot}";
    /**
     * The cold start's second baseline: Payara Micro with the minimal WAR of {@code dev.parley.bench.minimal}
     * (CDI, JAX-RS and a WebSocket echo), packed at run time ({minimalwar}), launched as bare Payara is.
     */
    static final String MINIMAL_CMD = "java {jvm} -jar {payarajar} --nohazelcast --deploy {minimalwar}"
            + " --contextroot / --port {port} --prebootcommandfile {bareboot}";

    /**
     * With --cds: Parley and bare Payara each launched from a Payara Micro root directory with a class data
     * sharing archive of its own, as the container image launches Parley. {parleyroot} and {bareroot} are
     * prepared before the first round by payara-config/class-data-sharing.sh (the Dockerfile's script) with
     * the options below, which install the application in the root directory: the launch deploys nothing.
     */
    static final String PARLEY_CDS_PREPARE = "sh {main}/payara-config/class-data-sharing.sh"
            + " {main}/target/payara-micro.jar {parleyroot} --nohazelcast --deploy {main}/target/parley.war"
            + " --contextroot / --port {port} --prebootcommandfile {main}/payara-config/pre-boot-commands.asadmin"
            + " --systemproperties {main}/payara-config/system.properties";
    static final String PARLEY_CDS_CMD = "java {jvm} -XX:SharedArchiveFile={parleyroot}/app.jsa"
            + " -Dparley.data.dir={datadir} -jar {parleyroot}/launch-micro.jar"
            + " --nohazelcast --port {port} --prebootcommandfile {main}/payara-config/pre-boot-commands.asadmin"
            + " --systemproperties {main}/payara-config/system.properties";
    static final String BARE_CDS_PREPARE = "sh {main}/payara-config/class-data-sharing.sh {payarajar} {bareroot}"
            + " --nohazelcast --deploy {war} --contextroot / --port {port} --prebootcommandfile {bareboot}";
    static final String BARE_CDS_CMD = "java {jvm} -XX:SharedArchiveFile={bareroot}/app.jsa"
            + " -jar {bareroot}/launch-micro.jar --nohazelcast --port {port} --prebootcommandfile {bareboot}";

    String mode = "smoke";
    boolean cds;
    /** WebSocket client of the load generator: nio (lean, default) or jdk (java.net.http). */
    String client = "nio";
    int rounds = 1;
    Path out = Path.of("target", "bench");
    Path mainDir;
    /** Default: shared/peers/node-ws beside the project (as CI lays it out), else /work/shared/... */
    Path peerSource;
    String payaraJar;

    String parleyName = "parley";
    String parleyCmd = PARLEY_CMD;
    String parleyJvm = PARLEY_JVM;
    String parleyUrl;
    long parleyPid;
    String peerName = "peer";
    String peerCmd = PEER_CMD;
    String peerUrl;
    long peerPid;
    String bareCmd = BARE_CMD;
    String minimalCmd = MINIMAL_CMD;

    Set<String> scenarios = new LinkedHashSet<>(ALL_SCENARIOS);
    /** Registered users per server: the direct scenario needs one per connected user. */
    int users = 6;
    int registerConcurrency = 4;
    Duration startTimeout = Duration.ofSeconds(240);

    int[] capacitySteps = {10, 30};
    int handshakeConcurrency = 16;
    Duration handshakeTimeout = Duration.ofSeconds(20);

    int[] broadcastSteps = {5, 15};
    int broadcastCount = 20;
    int broadcastSenders = 4;
    int broadcastBytes = 200;
    double broadcastP95LimitMs = 500;
    Duration broadcastTimeout = Duration.ofSeconds(15);

    int directUsers = 6;
    int[] directRates = {50, 200};
    Duration directStep = Duration.ofSeconds(2);
    Duration directGrace = Duration.ofSeconds(3);
    int directBytes = 100;
    double directP99LimitMs = 50;

    int loginCount = 4;
    int loginConcurrency = 2;
    /**
     * Logins the login scenario makes on each server, unmeasured, before its first measured batch, so that the
     * batches measure the login path compiled ({@link LoginScenario#warmUp}). Counted over the whole run, so
     * later rounds add none; the pool's logins are not counted.
     */
    int loginWarmUp = 0;
    int hashSamples = 3;

    private BenchConfig() {
    }

    static BenchConfig parse(String... args) {
        BenchConfig c = new BenchConfig();
        List<String> list = new ArrayList<>();
        for (String a : args) {
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                list.add(a.substring(0, eq));
                list.add(a.substring(eq + 1));
            } else {
                list.add(a);
            }
        }
        // The preset first, wherever it stands, so that the other options override it.
        for (String a : list) {
            switch (a) {
                case "--smoke" -> c.smoke();
                case "--medium" -> c.medium();
                case "--full" -> c.full();
                default -> {
                }
            }
        }
        for (int i = 0; i < list.size(); i++) {
            String a = list.get(i);
            if (a.equals("--smoke") || a.equals("--medium") || a.equals("--full")) {
                continue;
            }
            if (a.equals("--cds")) {
                c.cds = true;
                continue;
            }
            if (!a.startsWith("--") || i + 1 >= list.size()) {
                throw new IllegalArgumentException("unknown or incomplete option: " + a + "\n" + usage());
            }
            String v = list.get(++i);
            switch (a) {
                case "--client" -> c.client = v;
                case "--rounds" -> c.rounds = positive(a, Integer.parseInt(v));
                case "--out" -> c.out = Path.of(v);
                case "--main-dir" -> c.mainDir = Path.of(v);
                case "--peer-source" -> c.peerSource = Path.of(v);
                case "--payara-jar" -> c.payaraJar = v;
                case "--parley-name" -> c.parleyName = v;
                case "--parley-cmd" -> c.parleyCmd = v;
                case "--parley-jvm" -> c.parleyJvm = v;
                case "--parley-url" -> c.parleyUrl = v;
                case "--parley-pid" -> c.parleyPid = Long.parseLong(v);
                case "--peer-name" -> c.peerName = v;
                case "--peer-cmd" -> c.peerCmd = v;
                case "--peer-url" -> c.peerUrl = v;
                case "--peer-pid" -> c.peerPid = Long.parseLong(v);
                case "--bare-cmd" -> c.bareCmd = v;
                case "--minimal-cmd" -> c.minimalCmd = v;
                case "--scenarios" -> c.scenarios = scenarios(v);
                case "--users" -> c.users = positive(a, Integer.parseInt(v));
                case "--capacity-steps" -> c.capacitySteps = ints(a, v);
                case "--handshake-concurrency" -> c.handshakeConcurrency = positive(a, Integer.parseInt(v));
                case "--broadcast-steps" -> c.broadcastSteps = ints(a, v);
                case "--broadcast-count" -> c.broadcastCount = positive(a, Integer.parseInt(v));
                case "--direct-users" -> c.directUsers = positive(a, Integer.parseInt(v));
                case "--direct-rates" -> c.directRates = ints(a, v);
                case "--direct-seconds" -> c.directStep = Duration.ofMillis(Math.round(Double.parseDouble(v) * 1000));
                case "--login-count" -> c.loginCount = positive(a, Integer.parseInt(v));
                case "--login-concurrency" -> c.loginConcurrency = positive(a, Integer.parseInt(v));
                case "--login-warm-up" -> c.loginWarmUp = notNegative(a, Integer.parseInt(v));
                case "--start-timeout" -> c.startTimeout = Duration.ofSeconds(positive(a, Integer.parseInt(v)));
                default -> throw new IllegalArgumentException("unknown option: " + a + "\n" + usage());
            }
        }
        if (c.mainDir == null) {
            c.mainDir = Path.of("").toAbsolutePath();
        }
        if (c.cds) {
            // Only the default launches change: a template given on the command line stays as given.
            if (c.parleyCmd.equals(PARLEY_CMD)) {
                c.parleyCmd = PARLEY_CDS_CMD;
            }
            if (c.bareCmd != null && c.bareCmd.equals(BARE_CMD)) {
                c.bareCmd = BARE_CDS_CMD;
            }
            if (MINIMAL_CMD.equals(c.minimalCmd)) {
                c.minimalCmd = null; // no archive of its own: against the others' archives it would say nothing
            }
        }
        if (c.peerSource == null) {
            c.peerSource = java.util.stream.Stream.of(Path.of("").toAbsolutePath().resolveSibling("shared"),
                            c.mainDir.toAbsolutePath().resolveSibling("shared"), Path.of("/work/shared"))
                    .map(p -> p.resolve("peers/node-ws"))
                    .filter(p -> Files.isRegularFile(p.resolve("server.js"))).findFirst()
                    .orElse(Path.of("/work/shared/peers/node-ws"));
        }
        c.directUsers = Math.min(c.directUsers, c.users);
        if (c.users < 2) {
            throw new IllegalArgumentException("--users must be at least 2");
        }
        return c;
    }

    private void smoke() {
        mode = "smoke";
        rounds = 1;
        users = 6;
        capacitySteps = new int[] {10, 30};
        handshakeConcurrency = 16;
        broadcastSteps = new int[] {5, 15};
        broadcastCount = 20;
        directUsers = 6;
        directRates = new int[] {50, 200};
        directStep = Duration.ofSeconds(2);
        directGrace = Duration.ofSeconds(3);
        loginCount = 4;
        loginConcurrency = 2;
        loginWarmUp = 8;
        hashSamples = 3;
    }

    private void medium() {
        mode = "medium";
        rounds = 2;
        users = 200;
        capacitySteps = new int[] {1000, 5000};
        handshakeConcurrency = 64;
        broadcastSteps = new int[] {1000, 2000, 5000};
        broadcastCount = 100;
        directUsers = 200;
        directRates = new int[] {1000, 2000, 5000};
        directStep = Duration.ofSeconds(5);
        directGrace = Duration.ofSeconds(5);
        loginCount = 96;
        loginConcurrency = 4;
        loginWarmUp = 3000;
        hashSamples = 15;
    }

    private void full() {
        mode = "full";
        rounds = 3;
        users = 1000;
        capacitySteps = new int[] {1000, 5000, 10000, 18000};
        handshakeConcurrency = 64;
        broadcastSteps = new int[] {1000, 2000, 5000, 7500, 10000, 12500, 15000, 18000};
        broadcastCount = 100;
        directUsers = 1000;
        directRates = new int[] {1000, 2000, 3000, 5000, 7500, 10000, 15000, 20000};
        directStep = Duration.ofSeconds(10);
        directGrace = Duration.ofSeconds(5);
        loginCount = 192;
        loginConcurrency = 8;
        loginWarmUp = 3000;
        hashSamples = 15;
    }

    boolean runs(String scenario) {
        return scenarios.contains(scenario);
    }

    private static Set<String> scenarios(String v) {
        Set<String> s = new LinkedHashSet<>();
        for (String name : v.split(",")) {
            String n = name.trim().toLowerCase(Locale.ROOT);
            if (!ALL_SCENARIOS.contains(n)) {
                throw new IllegalArgumentException("unknown scenario " + n + "; known: " + ALL_SCENARIOS);
            }
            s.add(n);
        }
        return s;
    }

    private static int[] ints(String option, String v) {
        int[] r = Arrays.stream(v.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
        for (int x : r) {
            positive(option, x);
        }
        return Arrays.stream(r).sorted().distinct().toArray();
    }

    private static int positive(String option, int v) {
        if (v <= 0) {
            throw new IllegalArgumentException(option + " must be positive");
        }
        return v;
    }

    private static int notNegative(String option, int v) {
        if (v < 0) {
            throw new IllegalArgumentException(option + " must not be negative");
        }
        return v;
    }

    static String usage() {
        return String.join("\n",
                "usage: Bench [--smoke | --medium | --full] [options]",
                "  --rounds N              rounds of A B (default: smoke 1, medium 2, full 3)",
                "  --out DIR               results, logs and scratch files (default target/bench)",
                "  --client nio|jdk        WebSocket client of the load generator (default nio)",
                "  --scenarios a,b         any of " + String.join(",", ALL_SCENARIOS),
                "  --parley-cmd CMD        launch template of Parley; placeholders {port} {datadir} {jvm} {main}",
                "                          {peerdir} {payarajar}; default: " + PARLEY_CMD,
                "  --parley-jvm FLAGS      JVM flags put in {jvm} (default: " + PARLEY_JVM + ")",
                "  --parley-url URL        use a running Parley instead of launching one (+ --parley-pid PID)",
                "  --peer-cmd CMD          launch template of the peer (default: " + PEER_CMD + ")",
                "  --peer-url URL          use a running peer (+ --peer-pid PID)",
                "  --bare-cmd CMD          launch template of bare Payara for the cold start baseline",
                "  --minimal-cmd CMD       launch template of the minimal CDI, JAX-RS and WebSocket WAR, the cold",
                "                          start's second baseline ({minimalwar}); \"\" for none; none with --cds",
                "  --cds                   launch Parley and bare Payara with class data sharing, each from a",
                "                          root directory prepared before the first round: {parleyroot} {bareroot}",
                "  --main-dir DIR          Parley's project directory, {main} (default: the current directory)",
                "  --peer-source DIR       the node peer's sources (default: ../shared/peers/node-ws)",
                "  --payara-jar JAR        Payara Micro jar for the bare baseline",
                "  --users N               users registered per server (the direct scenario connects one each)",
                "  --capacity-steps a,b    idle-session steps; --handshake-concurrency N",
                "  --broadcast-steps a,b   clients per broadcast step; --broadcast-count N",
                "  --direct-rates a,b      msg/s steps; --direct-users N; --direct-seconds S",
                "  --login-count N         logins per round; --login-concurrency N",
                "  --login-warm-up N       unmeasured logins the login scenario makes on each server before",
                "                          its first measured batch (default: smoke 8, medium and full 3000)",
                "  --start-timeout S       seconds a server may take to answer");
    }
}
