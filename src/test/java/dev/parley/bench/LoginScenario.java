package dev.parley.bench;

import dev.parley.accounts.control.PasswordHasher;
import java.util.concurrent.TimeUnit;

/**
 * Scenario 4: logins per second with concurrent clients (pool users, right passwords), against the ceiling
 * set by the password hash: cores / the time of one verification by Parley's own {@link PasswordHasher}
 * (PBKDF2-HMAC-SHA256, 600,000 iterations), measured in this JVM before the servers start. Node hashes with
 * OpenSSL, so the peer's percentage is against Parley's ceiling, not its own.
 */
final class LoginScenario extends Scenario {

    static final int ITERATIONS = 600_000;
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
     */
    static double hashSeconds(int samples) {
        PasswordHasher hasher = new PasswordHasher(ITERATIONS);
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

    private static long timeout(int logins) {
        return TimeUnit.SECONDS.toNanos(60) + logins * TimeUnit.SECONDS.toNanos(2);
    }

    @Override
    void run(Target t, int round) throws Exception {
        int n = cfg.loginCount;
        // Unmeasured, like the direct scenario's first rate: a batch of a quarter as many logins first, so that
        // the batch measured is the login path compiled, not the JIT catching up with it after other scenarios
        // (its compiler threads took a sixth of the 2 cores through a first batch in a run profiled per thread).
        int warmUp = Math.max(cfg.loginConcurrency, n / 4);
        Parallel.Outcome first = Parallel.run("login warm-up", warmUp, cfg.loginConcurrency, timeout(warmUp),
                i -> t.api.login(t.users.get((n + i) % t.users.size())));
        Reporter.info("login on %s: warm-up of %d logins (not counted) in %.2f s", t.name, first.ok(),
                first.elapsedNanos() / 1e9);
        Parallel.Outcome out = Parallel.run("login", n, cfg.loginConcurrency, timeout(n),
                i -> t.api.login(t.users.get(i % t.users.size())));
        double perSecond = out.ok() * 1e9 / out.elapsedNanos();
        double percent = Double.isFinite(ceiling) && ceiling > 0 ? 100 * perSecond / ceiling : Double.NaN;
        Reporter.info("login on %s: %d ok, %d failed in %.2f s: %.2f logins/s = %.0f%% of the ceiling %.2f/s",
                t.name, out.ok(), out.failed(), out.elapsedNanos() / 1e9, perSecond, percent, ceiling);
        results.detail(name, t.name, round, row("logins", n, "ok", out.ok(), "failed", out.failed(),
                "concurrency", cfg.loginConcurrency, "seconds", out.elapsedNanos() / 1e9, "perSecond", perSecond,
                "ceilingPerSecond", ceiling, "error", out.firstError() == null ? null : String.valueOf(out.firstError())));
        if (out.failed() > 0) {
            results.note("login, round " + round + ", " + t.name + ": " + out.failed() + " of " + n
                    + " logins failed: " + out.firstError());
        }
        metric("perSecond", "logins per second (" + cfg.loginConcurrency + " concurrent)", "1/s", true, t,
                out.failed() > 0 ? Double.NaN : perSecond);
        metric("percentOfCeiling", "logins as % of the hash ceiling", "%", true, t,
                out.failed() > 0 ? Double.NaN : percent);
    }
}
