package dev.parley.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server launched by the benchmark: a shell command line (so that templates may use env, cd, ...),
 * output to a log file, stopped with its whole process tree by PID, also when the benchmark fails or is
 * interrupted (shutdown hook).
 */
final class ServerProcess implements AutoCloseable {

    private static final Set<ServerProcess> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (ServerProcess p : List.copyOf(LIVE)) {
                p.stop();
            }
        }, "bench-stop-servers"));
    }

    final String name;
    final int port;
    final Path log;
    final long launchNanos;
    private final Process process;

    private ServerProcess(String name, int port, Path log, Process process, long launchNanos) {
        this.name = name;
        this.port = port;
        this.log = log;
        this.process = process;
        this.launchNanos = launchNanos;
    }

    /** Runs {@code command} with /bin/sh; PORT and HOST are also in its environment. */
    static ServerProcess launch(String name, String command, int port, Path log, Map<String, String> env)
            throws IOException {
        Files.createDirectories(log.getParent());
        // A simple command replaces the shell (exec), so that the launched PID is the server itself.
        boolean simple = !command.matches("(?s).*[;&|<>`\n(){}].*") && !command.trim().split("\\s+")[0].contains("=");
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", simple ? "exec " + command : command);
        pb.environment().put("PORT", Integer.toString(port));
        pb.environment().put("HOST", "127.0.0.1");
        pb.environment().putAll(env);
        pb.redirectErrorStream(true);
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Files.writeString(log, "# " + command + "\n", StandardCharsets.UTF_8);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        long t0 = System.nanoTime();
        Process p = pb.start();
        ServerProcess sp = new ServerProcess(name, port, log, p, t0);
        LIVE.add(sp);
        Reporter.info("launched %s (pid %d) on 127.0.0.1:%d, log %s", name, p.pid(), port, log);
        return sp;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /**
     * The process to measure: the launched one, or, when the shell forked, the descendant with the largest
     * resident set (the server, not a wrapper shell).
     */
    long pid() {
        List<ProcessHandle> all = new ArrayList<>();
        all.add(process.toHandle());
        process.descendants().forEach(all::add);
        if (all.size() == 1) {
            return process.pid();
        }
        return all.stream().max(Comparator.comparingLong(h -> rssKiB(h.pid()))).map(ProcessHandle::pid)
                .orElse(process.pid());
    }

    String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | RuntimeException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Stops the process tree: SIGTERM, a bounded wait, then SIGKILL. Idempotent. */
    void stop() {
        if (!LIVE.remove(this)) {
            return;
        }
        List<ProcessHandle> tree = new ArrayList<>();
        process.descendants().forEach(tree::add);
        tree.add(process.toHandle());
        for (ProcessHandle h : tree) {
            h.destroy();
        }
        // Poll (10 ms) rather than onExit(): the JDK polls slowly for processes that are not its children.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        try {
            while (tree.stream().anyMatch(ServerProcess::running) && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (ProcessHandle h : tree) {
            if (running(h)) {
                Reporter.warn("%s: pid %d did not stop in 20 s after SIGTERM; killing it", name, h.pid());
                h.destroyForcibly();
            }
        }
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Reporter.info("stopped %s (pid %d)", name, process.pid());
    }

    @Override
    public void close() {
        stop();
    }

    /** Alive and not a zombie (an orphan that exited stays "alive" until init reaps it). */
    private static boolean running(ProcessHandle h) {
        if (!h.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(h.pid()), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException | RuntimeException e) {
            return false; // gone
        }
    }

    // ---- measurements of any process by PID (also of servers the benchmark did not launch) ----

    /** VmRSS of /proc/PID/status in KiB, or -1. */
    static long rssKiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** User + system CPU time of a process in seconds (from /proc/PID/stat), or NaN. */
    static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            return ticks / 100.0; // USER_HZ is 100 on Linux
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    static boolean isJvm(long pid) {
        Optional<String> cmd = ProcessHandle.of(pid).flatMap(h -> h.info().command());
        return cmd.map(c -> c.endsWith("/java") || c.equals("java")).orElse(false);
    }

    private static final Pattern HISTOGRAM_TOTAL = Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)\\s*$");

    /**
     * Live heap in bytes of a JVM: the total of {@code jcmd PID GC.class_histogram}, which runs a full
     * collection and then counts the objects left, so live objects only. (The "used" of
     * {@code GC.heap_info} after {@code GC.run} read 3 to 4 KiB a session more on G1: regions left
     * uncompacted still count their dead objects.) Empty when the process is not a JVM or jcmd fails.
     */
    static OptionalLong liveHeapBytes(long pid) {
        if (!isJvm(pid)) {
            return OptionalLong.empty();
        }
        String histogram = run(jcmd(pid), pid, "GC.class_histogram");
        return histogram == null ? OptionalLong.empty() : parseHistogramTotal(histogram);
    }

    static OptionalLong parseHistogramTotal(String histogram) {
        Matcher m = HISTOGRAM_TOTAL.matcher(histogram);
        return m.find() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
    }

    /** jcmd of the JDK that runs the target, else the one next to this JVM, else from PATH. */
    private static String jcmd(long pid) {
        for (Optional<String> java : List.of(ProcessHandle.of(pid).flatMap(h -> h.info().command()),
                ProcessHandle.current().info().command())) {
            if (java.isPresent()) {
                Path candidate = Path.of(java.get()).resolveSibling("jcmd");
                if (Files.isExecutable(candidate)) {
                    return candidate.toString();
                }
            }
        }
        return "jcmd";
    }

    private static String run(String jcmd, long pid, String command) {
        Path out = null;
        try {
            out = Files.createTempFile("bench-jcmd", ".txt");
            Process p = new ProcessBuilder(jcmd, Long.toString(pid), command).redirectErrorStream(true)
                    .redirectOutput(out.toFile()).start();
            if (!p.waitFor(Duration.ofSeconds(120).toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                Reporter.warn("jcmd %d %s did not answer in 120 s", pid, command);
                return null;
            }
            String text = Files.readString(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                Reporter.warn("jcmd %d %s failed: %s", pid, command, text.trim());
                return null;
            }
            return text;
        } catch (IOException e) {
            Reporter.warn("jcmd %d %s failed: %s", pid, command, e);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            if (out != null) {
                try {
                    Files.deleteIfExists(out);
                } catch (IOException ignored) {
                    // a temp file left behind
                }
            }
        }
    }
}
