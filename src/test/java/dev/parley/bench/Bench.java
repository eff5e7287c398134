package dev.parley.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The benchmark of issue #6: Parley (the subject) against a peer (the baseline, node-ws), A B A B over
 * several rounds, five scenarios; writes results.md and results.json. See BENCH.md.
 *
 * <pre>
 *   mvn -q test-compile exec:exec@bench -Dbench.args="--smoke"
 *   mvn -q test-compile exec:exec@bench -Dbench.args="--full"
 * </pre>
 */
public final class Bench {

    private final BenchConfig cfg;
    private final Results results;
    private final Path logDir;
    private final Path dataRoot;
    private final AtomicInteger dataDirs = new AtomicInteger();
    private final Map<String, String> vars = new LinkedHashMap<>();

    private Bench(BenchConfig cfg) {
        this.cfg = cfg;
        this.results = new Results(cfg.parleyName, cfg.peerName);
        Path out = cfg.out.toAbsolutePath();
        this.logDir = out.resolve("logs");
        this.dataRoot = out.resolve("data");
    }

    public static void main(String[] args) {
        if (java.util.Arrays.asList(args).contains("--help")) {
            Reporter.info("%s", BenchConfig.usage());
            System.exit(0);
        }
        int code;
        try {
            Results r = run(args);
            BenchConfig cfg = BenchConfig.parse(args);
            List<String> expected = new ArrayList<>(cfg.scenarios);
            if (cfg.parleyUrl != null || cfg.peerUrl != null) {
                expected.remove("coldstart"); // an external server is not launched: no cold start
            }
            code = r.complete(expected) ? 0 : 2;
            if (code != 0) {
                Reporter.warn("some scenario has no number for one of the targets: see the notes of results.md");
            }
        } catch (IllegalArgumentException e) {
            Reporter.warn("%s", e.getMessage());
            code = 64;
        } catch (Exception e) {
            Reporter.warn("the benchmark failed: %s", e);
            code = 1;
        }
        Reporter.closeFile();
        System.exit(code); // the shutdown hook stops any server still running
    }

    /** Runs the benchmark; the result files are in the --out directory. */
    static Results run(String... args) throws Exception {
        BenchConfig cfg = BenchConfig.parse(args);
        Files.createDirectories(cfg.out);
        Reporter.logTo(cfg.out.resolve("bench.log"));
        Bench bench = new Bench(cfg);
        try {
            return bench.execute();
        } finally {
            Reporter.closeFile();
        }
    }

    private Results execute() throws Exception {
        long start = System.nanoTime();
        Path out = cfg.out.toAbsolutePath();
        Reporter.info("mode %s, %d round(s), scenarios %s, output %s", cfg.mode, cfg.rounds, cfg.scenarios, out);
        describeRun();
        prepareVariables();

        double ceiling = Double.NaN;
        if (cfg.runs("login")) {
            double seconds = LoginScenario.hashSeconds(cfg.hashSamples);
            int cores = Runtime.getRuntime().availableProcessors();
            ceiling = cores / seconds;
            Reporter.info("one login's Argon2id (m=19456 KiB, t=2, p=1) takes %.0f ms here with Parley's hasher:"
                    + " ceiling %d cores / %.3f s = %.2f logins/s", seconds * 1000, cores, seconds, ceiling);
            double parallel = LoginScenario.parallelHashesPerSecond(cores);
            Reporter.info("%d hashes at once: %.2f a second, %.1f%% of the ceiling", cores, parallel,
                    100 * parallel / ceiling);
            results.run.put("hashMs", seconds * 1000);
            results.run.put("loginCeilingPerSecond", ceiling);
            results.run.put("parallelHashesPerSecond", parallel);
            results.note(String.format(java.util.Locale.ROOT, "login ceiling estimated in-process: %d cores /"
                    + " %.0f ms for one verification by Parley's PasswordHasher (Argon2id, m=19456 KiB,"
                    + " t=2, p=1, Bouncy Castle, in the load generator's JVM) = %.2f logins/s; the node peer hashes"
                    + " PBKDF2 with OpenSSL, whose cost differs. %d verifications at once, and nothing else,"
                    + " ran at %.2f a second, %.1f%% of that ceiling.",
                    cores, seconds * 1000, ceiling, cores, parallel, 100 * parallel / ceiling));
        }

        List<Scenario> scenarios = new ArrayList<>();
        if (cfg.runs("coldstart")) {
            scenarios.add(new ColdStartScenario(cfg, results, logDir, this::freshDataDir, bareCommand(), minimalCommand()));
        }
        if (cfg.runs("capacity")) {
            scenarios.add(new CapacityScenario(cfg, results));
        }
        if (cfg.runs("broadcast")) {
            scenarios.add(new BroadcastScenario(cfg, results));
        }
        if (cfg.runs("direct")) {
            scenarios.add(new DirectScenario(cfg, results));
        }
        if (cfg.runs("login")) {
            scenarios.add(new LoginScenario(cfg, results, ceiling));
        }
        results.note("Parley stores every message (H2 by default); the node peer stores none and has no limits"
                + " or back-pressure: compare its numbers with that in mind.");

        Target subject = target(cfg.parleyName, cfg.parleyCmd, cfg.parleyUrl, cfg.parleyPid);
        Target baseline = target(cfg.peerName, cfg.peerCmd, cfg.peerUrl, cfg.peerPid);
        List<Target> targets = List.of(subject, baseline);
        boolean needsPool = scenarios.stream().anyMatch(s -> !(s instanceof ColdStartScenario));
        try {
            if (needsPool) {
                for (Target t : targets) {
                    t.start(logDir, this::freshDataDir, cfg.startTimeout);
                    t.preparePool(cfg.users, cfg.registerConcurrency);
                }
            }
            for (int round = 1; round <= cfg.rounds; round++) {
                Reporter.info("==== round %d of %d ====", round, cfg.rounds);
                for (Scenario s : scenarios) {
                    for (Target t : targets) { // A B, A B, ...
                        runOne(s, t, round, needsPool);
                    }
                }
                results.run.put("roundsDone", round);
                results.judgeGoals();
                ResultsWriter.write(results, out); // after every round: a crash keeps what was measured
            }
        } finally {
            for (Target t : targets) {
                t.close();
            }
            deleteTree(dataRoot);
        }
        results.run.put("elapsedSeconds", Math.round((System.nanoTime() - start) / 1e9));
        results.judgeGoals();
        ResultsWriter.write(results, out);
        Reporter.info("done in %.0f s: %s and %s", (System.nanoTime() - start) / 1e9, out.resolve("results.md"),
                out.resolve("results.json"));
        return results;
    }

    private void runOne(Scenario s, Target t, int round, boolean pooled) {
        long t0 = System.nanoTime();
        double cpu0 = t.cpuSeconds();
        double self0 = ServerProcess.cpuSeconds(ProcessHandle.current().pid());
        try {
            if (!(s instanceof ColdStartScenario)) {
                if (!t.alive()) {
                    throw new IllegalStateException(t.name + " is no longer running");
                }
                if (pooled) {
                    t.refreshTokens(Duration.ofMinutes(40), cfg.registerConcurrency);
                }
            }
            Reporter.info("-- %s on %s (round %d)", s.name, t.name, round);
            s.run(t, round);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (Exception e) {
            Reporter.warn("%s on %s, round %d failed: %s", s.name, t.name, round, e);
            s.failed(t, round, e);
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        double cpu = t.cpuSeconds() - cpu0;
        double self = ServerProcess.cpuSeconds(ProcessHandle.current().pid()) - self0;
        results.detail("cpu", t.name, round, Scenario.row("scenario", s.name, "wallSeconds", wall,
                "serverCpuSeconds", s instanceof ColdStartScenario ? null : cpu, "loadGeneratorCpuSeconds", self,
                "loadAverage1m", loadAverage()));
    }

    private Target target(String name, String cmd, String url, long pid) {
        Target.CommandFactory factory = cmd == null ? null : (port, dataDir) -> resolve(cmd, port, dataDir);
        return new Target(name, factory, url, pid);
    }

    private Path freshDataDir(int port) {
        Path dir = dataRoot.resolve("d" + dataDirs.incrementAndGet() + "-" + port);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create " + dir, e);
        }
        return dir;
    }

    // ---------------------------------------------------------------- templates

    /** {port} {datadir} {jvm} {main} {peerdir} {payarajar} {war} {bareboot}. */
    private String resolve(String template, int port, Path dataDir) {
        String s = template.replace("{port}", Integer.toString(port))
                .replace("{datadir}", dataDir == null ? "" : dataDir.toString());
        for (Map.Entry<String, String> e : vars.entrySet()) {
            s = s.replace("{" + e.getKey() + "}", e.getValue());
        }
        return s;
    }

    private IntFunction<String> bareCommand() {
        return baselineCommand(cfg.bareCmd);
    }

    private IntFunction<String> minimalCommand() {
        return baselineCommand(cfg.minimalCmd);
    }

    /** A cold start baseline's launch for a port, or null when there is none (no template, or no Payara jar). */
    private IntFunction<String> baselineCommand(String template) {
        if (template == null || template.isBlank()) {
            return null;
        }
        if (template.contains("{payarajar}") && !vars.containsKey("payarajar")) {
            return null;
        }
        return port -> resolve(template, port, freshDataDir(port));
    }

    private void prepareVariables() throws IOException, InterruptedException {
        Path out = cfg.out.toAbsolutePath();
        vars.put("jvm", cfg.parleyJvm);
        vars.put("main", cfg.mainDir.toAbsolutePath().toString());
        String all = String.join(" ", nz(cfg.parleyCmd), nz(cfg.peerCmd), nz(cfg.bareCmd), nz(cfg.minimalCmd));
        if (all.contains("{peerdir}")) {
            vars.put("peerdir", preparePeer(out.resolve("peer-node-ws")).toString());
        }
        Path jar = payaraJar();
        if (jar != null) {
            vars.put("payarajar", jar.toString());
        }
        if (all.contains("{war}") || all.contains("{bareboot}")) {
            Path bare = out.resolve("bare");
            Files.createDirectories(bare);
            Path war = bare.resolve("empty.war");
            writeWar(war, Map.of("index.html", "<!doctype html><title>empty</title>\n".getBytes(StandardCharsets.UTF_8)));
            Path boot = bare.resolve("pre-boot-commands.asadmin");
            Files.writeString(boot, "set configs.config.server-config.network-config.network-listeners"
                    + ".network-listener.http-listener.address=127.0.0.1\n", StandardCharsets.UTF_8);
            vars.put("war", war.toString());
            vars.put("bareboot", boot.toString());
        }
        if (all.contains("{minimalwar}")) {
            vars.put("minimalwar", minimalWar(out.resolve("minimal")).toString());
        }
        prepareRootDirectory("parleyroot", BenchConfig.PARLEY_CDS_PREPARE, all);
        if (bareCommand() != null) {
            prepareRootDirectory("bareroot", BenchConfig.BARE_CDS_PREPARE, all);
        }
        results.run.put("parleyCommand", cfg.parleyUrl != null ? "external " + cfg.parleyUrl
                : resolve(cfg.parleyCmd, 0, Path.of("<datadir>")).replace(" --port 0", " --port <port>"));
        results.run.put("peerCommand", cfg.peerUrl != null ? "external " + cfg.peerUrl
                : resolve(cfg.peerCmd, 0, Path.of("<datadir>")));
        results.run.put("bareCommand", bareCommand() == null ? "none" : resolve(cfg.bareCmd, 0, Path.of("<datadir>")));
        results.run.put("minimalCommand", minimalCommand() == null ? "none"
                : resolve(cfg.minimalCmd, 0, Path.of("<datadir>")));
    }

    /**
     * The minimal WAR of the cold start's second baseline: the compiled classes of
     * {@code dev.parley.bench.minimal} under {@code WEB-INF/classes}, nothing else (no {@code beans.xml}: its
     * bean-defining annotations make it a bean archive).
     */
    private static Path minimalWar(Path dir) throws IOException {
        Files.createDirectories(dir);
        String pkg = dev.parley.bench.minimal.MinimalApplication.class.getPackageName().replace('.', '/');
        Path classes;
        try {
            classes = Path.of(dev.parley.bench.minimal.MinimalApplication.class.getProtectionDomain().getCodeSource()
                    .getLocation().toURI()).resolve(pkg);
        } catch (java.net.URISyntaxException e) {
            throw new IOException("cannot find the minimal WAR's classes", e);
        }
        Map<String, byte[]> entries = new java.util.TreeMap<>();
        try (Stream<Path> files = Files.list(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                entries.put("WEB-INF/classes/" + pkg + "/" + file.getFileName(), Files.readAllBytes(file));
            }
        }
        return writeWar(dir.resolve("minimal.war"), entries);
    }

    /** A WAR of these entries (name to content), after a {@code WEB-INF/} directory entry. */
    private static Path writeWar(Path war, Map<String, byte[]> entries) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(war))) {
            zip.putNextEntry(new ZipEntry("WEB-INF/"));
            zip.closeEntry();
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        }
        return war;
    }

    /**
     * When a template names {@code {name}}: a Payara Micro root directory with a class data sharing archive,
     * made once before the first round (outside every measurement) by {@code prepare}, which runs one training
     * start of the server. Made afresh on each run: the archive belongs to the jars and the JVM it was made with.
     */
    private void prepareRootDirectory(String name, String prepare, String templates)
            throws IOException, InterruptedException {
        if (!templates.contains("{" + name + "}")) {
            return;
        }
        Path root = cfg.out.toAbsolutePath().resolve("cds").resolve(name);
        deleteTree(root);
        Files.createDirectories(root.getParent());
        vars.put(name, root.toString());
        int port = ServerProcess.freePort();
        String cmd = resolve(prepare, port, null);
        Path log = logDir.resolve("cds-" + name + ".log");
        Files.createDirectories(logDir);
        Files.writeString(log, "# " + cmd + "\n", StandardCharsets.UTF_8);
        Reporter.info("class data sharing: preparing %s (one training start; log %s)", root, log);
        long t0 = System.nanoTime();
        runToEnd("preparing " + root, new ProcessBuilder("/bin/sh", "-c", cmd), log, cfg.startTimeout.multipliedBy(2));
        Reporter.info("class data sharing: %s ready after %.0f s", name, (System.nanoTime() - t0) / 1e9);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** --payara-jar, else {main}/target/payara-micro.jar, else the newest in the local Maven repository. */
    private Path payaraJar() throws IOException {
        if (cfg.payaraJar != null) {
            return Path.of(cfg.payaraJar).toAbsolutePath();
        }
        Path inMain = cfg.mainDir.resolve("target/payara-micro.jar");
        if (Files.isRegularFile(inMain)) {
            return inMain.toAbsolutePath();
        }
        Path repo = Path.of(System.getProperty("user.home"), ".m2/repository/fish/payara/extras/payara-micro");
        if (!Files.isDirectory(repo)) {
            return null;
        }
        try (Stream<Path> s = Files.walk(repo, 2)) {
            return s.filter(p -> p.getFileName().toString().matches("payara-micro-[0-9.]+\\.jar"))
                    .max(Comparator.comparing(p -> p.getFileName().toString())).orElse(null);
        }
    }

    /** Copies the peer out of shared/ (read-only) and runs npm ci there once. */
    private Path preparePeer(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(cfg.peerSource)) {
            for (Path f : files) {
                if (Files.isRegularFile(f)) {
                    Path to = dir.resolve(f.getFileName().toString());
                    Files.copy(f, to, StandardCopyOption.REPLACE_EXISTING);
                    to.toFile().setWritable(true, true);
                }
            }
        }
        if (!Files.isDirectory(dir.resolve("node_modules/ws"))) {
            Reporter.info("npm ci in %s", dir);
            Path log = logDir.resolve("npm-ci.log");
            Files.createDirectories(logDir);
            Files.deleteIfExists(log);
            runToEnd("npm ci", new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(dir.toFile()),
                    log, Duration.ofMinutes(5));
        }
        return dir;
    }

    /** Runs a command to its end, its output appended to {@code log}; a timeout or a failure throws. */
    private static void runToEnd(String what, ProcessBuilder command, Path log, Duration timeout)
            throws IOException, InterruptedException {
        Process p = command.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IOException(what + " did not finish in " + timeout.toSeconds() + " s; see " + log);
            }
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        if (p.exitValue() != 0) {
            throw new IOException(what + " failed (" + p.exitValue() + "); see " + log);
        }
    }

    private void describeRun() {
        Runtime rt = Runtime.getRuntime();
        results.run.put("mode", cfg.mode);
        results.run.put("rounds", cfg.rounds);
        results.run.put("started", Instant.now().toString());
        results.run.put("scenarios", List.copyOf(cfg.scenarios));
        results.run.put("cores", rt.availableProcessors());
        results.run.put("memTotalKiB", memTotalKiB());
        results.run.put("openFilesLimit", openFilesLimit());
        results.run.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        results.run.put("capacitySteps", ints(cfg.capacitySteps));
        results.run.put("broadcastSteps", ints(cfg.broadcastSteps));
        results.run.put("broadcastCountPerStep", cfg.broadcastCount);
        results.run.put("directRates", ints(cfg.directRates));
        results.run.put("directUsers", cfg.directUsers);
        results.run.put("directSecondsPerRate", cfg.directStep.toMillis() / 1000.0);
        results.run.put("usersPerServer", cfg.users);
        double load = loadAverage();
        results.run.put("loadAverageAtStart", load);
        if (load > 0.5 * rt.availableProcessors()) {
            Reporter.warn("the machine is busy before the benchmark starts (1-minute load average %.1f on %d cores):"
                    + " absolute numbers will be noisy; the A B A B ratios less so", load, rt.availableProcessors());
            results.note(String.format(java.util.Locale.ROOT, "the machine was busy when the run started (load"
                    + " average %.1f on %d cores): other work shared the CPUs.", load, rt.availableProcessors()));
        }
        long limit = openFilesLimit();
        int largest = Math.max(cfg.capacitySteps[cfg.capacitySteps.length - 1],
                cfg.broadcastSteps[cfg.broadcastSteps.length - 1]);
        if (limit > 0 && largest + 1000 > limit) {
            Reporter.warn("the open-file limit of this process is %d; %d sessions need about %d", limit, largest,
                    largest + 1000);
        }
    }

    private static List<String> ints(int[] a) {
        return java.util.Arrays.stream(a).mapToObj(Integer::toString).toList();
    }

    private static long memTotalKiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** The 1-minute load average of the machine, or NaN. */
    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** The soft "Max open files" of this process. */
    static long openFilesLimit() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
                if (line.startsWith("Max open files")) {
                    String[] f = line.substring("Max open files".length()).trim().split("\\s+");
                    return f[0].equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(f[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** Deletes what the benchmark created under {@code dir} (server data directories, root directories). */
    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // left behind; harmless scratch
                }
            });
        } catch (IOException e) {
            Reporter.warn("could not delete %s: %s", dir, e);
        }
    }
}
