package dev.parley.platform;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** Thrown by a boundary to answer with a {@link Problem}; the response is already complete. */
public class ProblemException extends WebApplicationException {

    public ProblemException(int status, String detail) {
        this(Problem.of(status, detail).toResponse());
    }

    public ProblemException(Response response) {
        super(response);
    }

    /** 400 for one bad request member or parameter: {@code "<field>: <message>"}, listed in {@code errors}. */
    public static ProblemException invalid(String field, String message) {
        return new ProblemException(Problem.of(400, field + ": " + message,
                List.of(new Problem.FieldError(field, message))).toResponse());
    }

    /**
     * The {@code limit} query parameter of a paged list: when absent the configured page size
     * {@code defaultValue}, brought into 1 to {@code max}; else 1 to {@code max}. Taken as text because
     * JAX-RS answers a parameter it cannot convert with 404, as if the resource did not exist; a bad
     * limit is the client's mistake, 400.
     */
    public static int limit(String limit, int defaultValue, int max) {
        if (limit == null) {
            return Math.max(1, Math.min(defaultValue, max));
        }
        try {
            int size = Integer.parseInt(limit.strip());
            if (size >= 1 && size <= max) {
                return size;
            }
        } catch (NumberFormatException notANumber) {
            // answered below, like a number out of range
        }
        throw invalid("limit", "must be 1 to " + max);
    }
}
