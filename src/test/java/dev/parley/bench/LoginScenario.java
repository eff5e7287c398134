package dev.parley.bench;

import dev.parley.accounts.control.PasswordHasher;
import java.util.concurrent.TimeUnit;

/**
 * Scenario 4: logins per second with concurrent clients (pool users, right passwords), against the ceiling
 * set by the password hash: cores / the time of one verification by Parley's own {@link PasswordHasher}
 * (Argon2id at its default cost, m=19456 KiB, t=2, p=1), measured in this JVM before the servers start. Node
 * hashes with OpenSSL's PBKDF2, so the peer's percentage is against Parley's ceiling, not its own.
 */
final class LoginScenario extends Scenario {

    private static final String PASSWORD = "Bench-password-1";

    private final double ceiling;

    LoginScenario(BenchConfig cfg, Results results, double ceilingPerSecond) {
        super("login", cfg, results);
        this.ceiling = ceilingPerSecond;
    }

    /**
     * Seconds of one verification by Parley's hasher: the fastest of {@code samples}, after five unmeasured ones
     * (the first hashes of a fresh JVM run in the interpreter and C1, two to three times slower). The fastest,
     * not the median: a ceiling is the best case, and on a shared machine noise only ever slows a hash (a
     * median taken while something else ran put the ceiling 10% low and the percentage as much too high).
     * Fifteen samples in the medium and full presets, not five: in some fresh JVMs the hash slows down again
     * for a few hashes while the JIT recompiles it (here 64 ms, then 71 to 76 ms for the 3rd to the 10th,
     * then 64 ms again, in one JVM of nine), and five samples taken there put the ceiling 12% low.
     */
    static double hashSeconds(int samples) {
        PasswordHasher hasher = defaultHasher();
        String stored = hasher.hash(PASSWORD);
        for (int i = 0; i < 5; i++) {
            hasher.verify(PASSWORD, stored);
        }
        long fastest = Long.MAX_VALUE;
        for (int i = 0; i < Math.max(1, samples); i++) {
            long t0 = System.nanoTime();
            hasher.verify(PASSWORD, stored);
            fastest = Math.min(fastest, System.nanoTime() - t0);
        }
        return fastest / 1e9;
    }

    /**
     * Verifications per second by Parley's hasher on {@code threads} threads at once, the best of three batches
     * of four per thread: what a server doing nothing but hash could reach. Not the target's ceiling (the issue
     * defines that as cores / one hash's time) but the measure of how far below it the machine itself stays when
     * every core hashes (1 to 5% below it in runs here).
     */
    static double parallelHashesPerSecond(int threads) throws InterruptedException {
        PasswordHasher hasher = defaultHasher();
        String stored = hasher.hash(PASSWORD);
        int batch = 4 * threads;
        double best = 0;
        for (int round = 0; round < 3; round++) {
            Parallel.Outcome out = Parallel.run("hash", batch, threads, TimeUnit.MINUTES.toNanos(5),
                    i -> hasher.verify(PASSWORD, stored));
            best = Math.max(best, out.ok() * 1e9 / out.elapsedNanos());
        }
        return best;
    }

    /** Parley's hasher at the cost a server uses by default (microprofile-config.properties). */
    private static PasswordHasher defaultHasher() {
        return new PasswordHasher(PasswordHasher.MIN_MEMORY_KIB, PasswordHasher.MIN_ITERATIONS,
                PasswordHasher.MIN_PARALLELISM);
    }

    private static long timeout(int logins) {
        return TimeUnit.SECONDS.toNanos(60) + logins * TimeUnit.SECONDS.toNanos(2);
    }

    @Override
    void run(Target t, int round) throws Exception {
        int n = cfg.loginCount;
        boolean fresh = t.loginsServed == 0;
        int warmUp = warmUp(n, cfg.loginConcurrency, cfg.loginWarmUp, t.loginsServed);
        Parallel.Outcome first = Parallel.run("login warm-up", warmUp, cfg.loginConcurrency, timeout(warmUp),
                i -> t.api.login(t.users.get((n + i) % t.users.size())));
        t.loginsServed += warmUp;
        double warmUpPerSecond = first.ok() * 1e9 / first.elapsedNanos();
        Reporter.info("login on %s: warm-up of %d logins (not counted) in %.2f s: %.2f logins/s, %d failed", t.name,
                first.ok(), first.elapsedNanos() / 1e9, warmUpPerSecond, first.failed());
        if (first.failed() > 0) {
            t.api.close(); // logins still waiting after the deadline would load the measured batch
            results.note("login, round " + round + ", " + t.name + ": " + first.failed() + " of " + warmUp
                    + " warm-up logins failed, so the batch measured may have met a path not yet compiled: "
                    + first.firstError());
        }
        Parallel.Outcome out = Parallel.run("login", n, cfg.loginConcurrency, timeout(n),
                i -> t.api.login(t.users.get(i % t.users.size())));
        t.loginsServed += n;
        double perSecond = out.ok() * 1e9 / out.elapsedNanos();
        double percent = Double.isFinite(ceiling) && ceiling > 0 ? 100 * perSecond / ceiling : Double.NaN;
        Reporter.info("login on %s: %d ok, %d failed in %.2f s: %.2f logins/s = %.0f%% of the ceiling %.2f/s",
                t.name, out.ok(), out.failed(), out.elapsedNanos() / 1e9, perSecond, percent, ceiling);
        results.detail(name, t.name, round, row("warmUpLogins", warmUp, "warmUpFailed", first.failed(),
                "warmUpPerSecond", warmUpPerSecond, "logins", n, "ok", out.ok(), "failed", out.failed(),
                "concurrency", cfg.loginConcurrency, "seconds", out.elapsedNanos() / 1e9, "perSecond", perSecond,
                "ceilingPerSecond", ceiling, "error", out.firstError() == null ? null : String.valueOf(out.firstError())));
        if (out.failed() > 0) {
            t.api.close(); // logins still waiting after the deadline would load the next measurement
            results.note("login, round " + round + ", " + t.name + ": " + out.failed() + " of " + n
                    + " logins failed: " + out.firstError());
        }
        metric("perSecond", "logins per second (" + cfg.loginConcurrency + " concurrent)", "1/s", true, t,
                out.failed() > 0 ? Double.NaN : perSecond);
        metric("percentOfCeiling", "logins as % of the hash ceiling", "%", true, t,
                out.failed() > 0 ? Double.NaN : percent);
        if (fresh) {
            metric("freshPerSecond", "logins per second of the server's first " + warmUp + " (the warm-up)", "1/s",
                    true, t, first.failed() > 0 ? Double.NaN : warmUpPerSecond);
        }
    }

    /**
     * Unmeasured logins before a batch of {@code n}, so that the batch measures the login path compiled, not
     * the JIT catching up with it: as many as it takes the server to have served {@code serverWarmUp} in the
     * run (on Parley the compiler threads took 9.5 ms of CPU a login through the first 200, 4 down to 1.5 ms
     * through the next 3,000 and went quiet after about 4,000; item 9 of the report), and in every round at least a
     * quarter of the batch, as the direct scenario's first rate, because the other scenarios ran in between.
     */
    static int warmUp(int n, int concurrency, int serverWarmUp, int served) {
        return Math.max(Math.max(concurrency, n / 4), serverWarmUp - served);
    }
}
