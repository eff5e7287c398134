package dev.parley.testing;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;
import java.io.StringReader;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.util.Optional;

/** An HTTP response as a test looks at it: status, headers and body, the body parsed on demand. */
public record Reply(int status, HttpHeaders headers, String body) {

    static Reply of(HttpResponse<String> response) {
        return new Reply(response.statusCode(), response.headers(), response.body());
    }

    public Optional<String> header(String name) {
        return headers.firstValue(name);
    }

    /** The media type without parameters: {@code application/problem+json} for {@code ...;charset=UTF-8}. */
    public String mediaType() {
        return header("Content-Type").map(type -> type.split(";")[0].strip()).orElse("");
    }

    public JsonObject json() {
        return parse().asJsonObject();
    }

    public JsonArray jsonArray() {
        return parse().asJsonArray();
    }

    private JsonStructure parse() {
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            return reader.read();
        } catch (RuntimeException e) {
            throw new AssertionError("not JSON (status " + status + "): " + body, e);
        }
    }

    @Override
    public String toString() {
        return status + " " + headers.map() + " " + body;
    }
}
