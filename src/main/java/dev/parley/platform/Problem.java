package dev.parley.platform;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * An error as every client of Parley sees it: RFC 9457 problem details, plus {@code error} and
 * {@code message} holding the same text as {@code detail} (the original Go server sent
 * {@code error}; its web client reads {@code message}). Validation failures list their fields.
 * <p>
 * The text is always written by Parley for the client: never an exception message, class name,
 * SQL or secret.
 */
@JsonbPropertyOrder({"type", "title", "status", "detail", "error", "message", "errors"})
public record Problem(String type, String title, int status, String detail, String error, String message,
                      List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One invalid request member. */
    public record FieldError(String field, String message) {
    }

    public static Problem of(int status, String detail) {
        return of(status, detail, null);
    }

    public static Problem of(int status, String detail, List<FieldError> errors) {
        Response.Status.Family family = Response.Status.Family.familyOf(status);
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known != null ? known.getReasonPhrase()
                : status == 429 ? "Too Many Requests"
                : family == Response.Status.Family.CLIENT_ERROR ? "Client Error" : "Server Error";
        return new Problem("about:blank", title, status, detail, detail, detail,
                errors == null || errors.isEmpty() ? null : List.copyOf(errors));
    }

    public Response.ResponseBuilder toResponseBuilder() {
        return Response.status(status, title).type(MEDIA_TYPE).entity(this);
    }

    public Response toResponse() {
        return toResponseBuilder().build();
    }

    /** The text a client sees for a status that Parley's own code did not explain further. */
    public static String defaultDetail(int status) {
        return switch (status) {
            case 400 -> "The request is malformed.";
            case 401 -> "Authentication is required: send a valid bearer token.";
            case 403 -> "This is not allowed.";
            case 404 -> "There is nothing here.";
            case 405 -> "This method is not allowed here.";
            case 406 -> "No acceptable representation: Parley speaks JSON.";
            case 413 -> "The request is too large.";
            case 415 -> "Unsupported media type: send application/json.";
            case 429 -> "Too many requests: try again later.";
            default -> status >= 500 ? "Parley could not handle this request." : "The request was refused.";
        };
    }
}
