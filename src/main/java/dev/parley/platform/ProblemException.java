package dev.parley.platform;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

/** Thrown by a boundary to answer with a {@link Problem}; the response is already complete. */
public class ProblemException extends WebApplicationException {

    public ProblemException(int status, String detail) {
        this(Problem.of(status, detail).toResponse());
    }

    public ProblemException(Response response) {
        super(response);
    }
}
