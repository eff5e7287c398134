package dev.parley.bench;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;

/** The HTTP half of the compat protocol: register, login, and a readiness probe, on kept-alive connections. */
final class Api implements AutoCloseable {

    private final String base;
    private final Http1 http;

    Api(String baseUrl) {
        this.base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.http = new Http1(base);
    }

    String base() {
        return base;
    }

    /** ws://host:port/ws?token=... */
    String wsUrl(String token) {
        return base.replaceFirst("^http", "ws") + "/ws?token=" + token;
    }

    /** Status of POST /api/users. */
    int register(User u) throws IOException {
        String body = Json.createObjectBuilder().add("username", u.name).add("email", u.email)
                .add("password", u.password).build().toString();
        return http.post("/api/users", body, Duration.ofSeconds(60)).status();
    }

    /** POST /api/login with the username; the token, else an exception with the status. */
    String login(User u) throws IOException {
        String body = Json.createObjectBuilder().add("username", u.name).add("password", u.password).build()
                .toString();
        Http1.Response r = http.post("/api/login", body, Duration.ofSeconds(120));
        if (r.status() != 200) {
            throw new IOException("login of " + u.name + ": HTTP " + r.status() + " " + shorten(r.body()));
        }
        try (JsonReader reader = Json.createReader(new StringReader(r.body()))) {
            JsonObject o = reader.readObject();
            return o.getString("token");
        } catch (RuntimeException e) {
            throw new IOException("login of " + u.name + ": no token in " + shorten(r.body()), e);
        }
    }

    /** Status of a GET, or -1 when nothing answers. */
    int probe(String path) {
        try {
            return http.get(path, Duration.ofSeconds(5)).status();
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * Polls GET {@code path} every 20 ms until a status passes {@code ready}, the server process has died,
     * or the deadline has passed. Returns the nanoTime of the first good answer.
     */
    long awaitReady(String path, IntPredicate ready, ServerProcess process, Duration timeout)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int last = -1;
        while (System.nanoTime() < deadline) {
            if (process != null && !process.alive()) {
                throw new IOException(process.name + " exited before it answered; its log ends with:\n"
                        + process.tail(30));
            }
            last = probe(path);
            if (ready.test(last)) {
                return System.nanoTime();
            }
            TimeUnit.MILLISECONDS.sleep(20); // poll interval; the loop is bounded by the deadline
        }
        throw new IOException(base + path + " not ready after " + timeout.toSeconds() + " s (last status "
                + last + ")" + (process == null ? "" : "; log ends with:\n" + process.tail(30)));
    }

    /** A server of the protocol is up when GET /api/users answers 200 or a 4xx other than 404. */
    static boolean apiUp(int status) {
        return status == 200 || (status >= 400 && status < 500 && status != 404);
    }

    private static String shorten(String s) {
        return s == null ? "" : s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }

    /** Closes the connections, those still waiting for an answer too (see {@link Http1#close()}). */
    @Override
    public void close() {
        http.close();
    }
}
