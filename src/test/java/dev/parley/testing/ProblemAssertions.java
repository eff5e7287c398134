package dev.parley.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.List;

/**
 * Exact checks of Parley's one error format: RFC 9457 problem details plus {@code error} and
 * {@code message} with the text of {@code detail}, and {@code errors} only for invalid fields. The
 * whole body is compared, so an extra member (a stack trace, a class name) fails the test.
 */
public final class ProblemAssertions {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** The detail of a 401 for a request without a token, or with one the runtime refused. */
    public static final String NO_VALID_TOKEN = "Authentication is required: send a valid bearer token.";

    /** The detail of a 401 for a well-signed token that was revoked (logout) or whose user is gone. */
    public static final String TOKEN_NO_LONGER_VALID = "The token is no longer valid.";

    /** One entry of {@code errors}. */
    public record FieldError(String field, String message) {
    }

    private ProblemAssertions() {
    }

    public static FieldError field(String field, String message) {
        return new FieldError(field, message);
    }

    /** Asserts the reply is exactly this problem, with the fields listed in this order; returns its body. */
    public static JsonObject assertProblem(Reply reply, int status, String detail, FieldError... errors) {
        assertEquals(status, reply.status(), () -> "status of " + reply);
        assertEquals(MEDIA_TYPE, reply.mediaType(), () -> "media type of " + reply);
        JsonObjectBuilder expected = Json.createObjectBuilder()
                .add("type", "about:blank")
                .add("title", title(status))
                .add("status", status)
                .add("detail", detail)
                .add("error", detail)
                .add("message", detail);
        if (errors.length > 0) {
            JsonArrayBuilder list = Json.createArrayBuilder();
            List.of(errors).forEach(e -> list.add(Json.createObjectBuilder()
                    .add("field", e.field()).add("message", e.message())));
            expected.add("errors", list);
        }
        JsonObject body = reply.json();
        assertEquals(expected.build(), body, () -> "problem body of " + reply);
        return body;
    }

    /** Asserts a 401 problem that asks for a bearer token ({@code WWW-Authenticate: Bearer}). */
    public static JsonObject assertUnauthorized(Reply reply, String detail) {
        JsonObject body = assertProblem(reply, 401, detail);
        assertEquals("Bearer", reply.header("WWW-Authenticate").orElse(null), () -> "WWW-Authenticate of " + reply);
        return body;
    }

    /** The {@code title} of a problem with this status: the status's standard reason phrase. */
    public static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 413 -> "Request Entity Too Large";
            case 415 -> "Unsupported Media Type";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            default -> throw new IllegalArgumentException("no title known for " + status);
        };
    }
}
