package dev.parley.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * One server under test: launched by the benchmark from a command template (then also restartable for the
 * cold start), or reached at a URL. Holds the pool of registered, logged-in users of that server.
 */
final class Target implements AutoCloseable {

    final String name;
    /** Launch command for a given port and data directory, or null when the server is external. */
    final CommandFactory command;
    private final String url;
    private final long externalPid;
    private ServerProcess process;
    Api api;
    List<User> users = List.of();
    /** Logins the login scenario has made on this server so far, warm-ups included (not the pool's). */
    int loginsServed;

    /** The launch command of one instance. */
    interface CommandFactory {
        String command(int port, Path dataDir);
    }

    Target(String name, CommandFactory command, String url, long externalPid) {
        this.name = name;
        this.command = url == null ? command : null;
        this.url = url;
        this.externalPid = externalPid;
    }

    boolean managed() {
        return command != null;
    }

    /** Launches the server (if managed) and waits until its API answers. */
    void start(Path logDir, IntFunction<Path> dataDir, Duration timeout) throws IOException, InterruptedException {
        if (managed()) {
            int port = ServerProcess.freePort();
            process = ServerProcess.launch(name, command.command(port, dataDir.apply(port)), port,
                    logDir.resolve(name + ".log"), Map.of());
            api = new Api(process.baseUrl());
        } else {
            api = new Api(url);
        }
        long t0 = System.nanoTime();
        api.awaitReady("/api/users", Api::apiUp, process, timeout);
        Reporter.info("%s answers at %s (%.1f s)", name, api.base(), (System.nanoTime() - t0) / 1e9);
    }

    boolean alive() {
        return process == null || process.alive();
    }

    /** PID to measure, or 0 when unknown (an external server without --*-pid). */
    long pid() {
        return process != null ? process.pid() : externalPid;
    }

    long rssKiB() {
        long pid = pid();
        return pid > 0 ? ServerProcess.rssKiB(pid) : -1;
    }

    OptionalLong liveHeapBytes() {
        long pid = pid();
        return pid > 0 ? ServerProcess.liveHeapBytes(pid) : OptionalLong.empty();
    }

    double cpuSeconds() {
        long pid = pid();
        return pid > 0 ? ServerProcess.cpuSeconds(pid) : Double.NaN;
    }

    /** Registers {@code n} users with names unique to this run and logs each in (outside any measurement). */
    void preparePool(int n, int concurrency) throws IOException, InterruptedException {
        List<User> pool = User.pool(name.length() > 6 ? name.substring(0, 6) : name, n);
        long timeout = TimeUnit.SECONDS.toNanos(120) + n * TimeUnit.SECONDS.toNanos(2);
        Reporter.info("%s: registering %d users (%d at a time)", name, n, concurrency);
        Parallel.Outcome reg = Parallel.run("register", n, concurrency, timeout, i -> {
            int status = api.register(pool.get(i));
            if (status != 201 && status != 200) {
                throw new IOException("register " + pool.get(i).name + ": HTTP " + status);
            }
        });
        if (reg.failed() > 0) {
            throw new IOException(name + ": " + reg.failed() + " of " + n + " registrations failed: "
                    + reg.firstError());
        }
        Reporter.info("%s: registered %d users in %.1f s", name, n, reg.elapsedNanos() / 1e9);
        users = pool;
        loginAll(concurrency);
    }

    /** Logs every pool user in again when the oldest token is older than {@code maxAge}. */
    void refreshTokens(Duration maxAge, int concurrency) throws IOException, InterruptedException {
        long oldest = users.stream().mapToLong(u -> u.tokenNanos).min().orElse(System.nanoTime());
        if (System.nanoTime() - oldest > maxAge.toNanos()) {
            Reporter.info("%s: tokens older than %d min, logging the pool in again", name, maxAge.toMinutes());
            loginAll(concurrency);
        }
    }

    private void loginAll(int concurrency) throws IOException, InterruptedException {
        int n = users.size();
        long timeout = TimeUnit.SECONDS.toNanos(120) + n * TimeUnit.SECONDS.toNanos(2);
        Parallel.Outcome out = Parallel.run("login", n, concurrency, timeout, i -> {
            User u = users.get(i);
            u.token = api.login(u);
            u.tokenNanos = System.nanoTime();
        });
        if (out.failed() > 0) {
            throw new IOException(name + ": " + out.failed() + " of " + n + " logins failed: " + out.firstError());
        }
        Reporter.info("%s: logged %d users in in %.1f s", name, n, out.elapsedNanos() / 1e9);
    }

    @Override
    public void close() {
        if (api != null) {
            api.close();
        }
        if (process != null) {
            process.stop();
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
