package dev.parley.testing;

import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small HTTP client for a JSON API, as the tests' clients of Parley use it:
 * {@code http.post("api/login").json(body).send()}, {@code http.get("api/users/me").bearer(token).send()}.
 * Paths are relative to the server's base URL; a leading {@code /} is allowed.
 */
public final class JsonHttp {

    /** Generous: 50 registrations at once each cost a password hash on a 2-core machine. */
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final URI base;
    private final HttpClient client;

    public JsonHttp(URI base) {
        String text = base.toString();
        this.base = URI.create(text.endsWith("/") ? text : text + "/");
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public JsonHttp(URL base) {
        this(toUri(base));
    }

    public URI base() {
        return base;
    }

    /** The absolute URI of a path on this server. */
    public URI uri(String path) {
        return base.resolve(path.startsWith("/") ? path.substring(1) : path);
    }

    /**
     * The sum of a metric's lines {@code name{...labels...} value} in {@code /metrics} (Prometheus text) whose
     * labels contain {@code label} ({@code ""}: the line without labels); 0 when there is none.
     */
    public double metric(String name, String label) {
        String body = get("metrics").header("Accept", "text/plain").send().body();
        Matcher line = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*\\})? ([0-9.eE+-]+)$").matcher(body);
        double total = 0;
        while (line.find()) {
            if (line.group(1) == null ? label.isEmpty() : line.group(1).contains(label)) {
                total += Double.parseDouble(line.group(2));
            }
        }
        return total;
    }

    /**
     * A client of this server's MicroProfile Health endpoints: {@code health().get("ready")}. Where they are
     * depends on the server ({@link TargetServer#health}).
     */
    public JsonHttp health() {
        return new JsonHttp(TargetServer.current().health(base));
    }

    public Call get(String path) {
        return call("GET", path);
    }

    public Call post(String path) {
        return call("POST", path);
    }

    public Call call(String method, String path) {
        return new Call(method, uri(path));
    }

    /** One request being put together; {@link #send()} sends it. */
    public final class Call {
        private final String method;
        private final HttpRequest.Builder request;
        private HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();

        private Call(String method, URI uri) {
            this.method = method;
            this.request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Accept", "application/json");
        }

        public Call header(String name, String value) {
            request.setHeader(name, value);
            return this;
        }

        public Call bearer(String token) {
            return header("Authorization", "Bearer " + token);
        }

        public Call json(JsonValue json) {
            return body(json.toString(), "application/json");
        }

        /** Any body, as is: malformed JSON, a huge value, another media type. */
        public Call body(String text, String contentType) {
            header("Content-Type", contentType);
            body = HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8);
            return this;
        }

        public Reply send() {
            try {
                return Reply.of(client.send(build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException(method + " " + build().uri() + " failed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }

        /** Sends without waiting, for many requests at once. */
        public CompletableFuture<Reply> sendAsync() {
            return client.sendAsync(build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                    .thenApply(Reply::of);
        }

        private HttpRequest build() {
            return request.method(method, body).build();
        }
    }

    private static URI toUri(URL url) {
        try {
            return url.toURI();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URI: " + url, e);
        }
    }
}
