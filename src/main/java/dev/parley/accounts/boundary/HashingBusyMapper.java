package dev.parley.accounts.boundary;

import dev.parley.accounts.control.HashingBusy;
import dev.parley.platform.Problem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A registration or login that found every core hashing: 503, to be tried again in a second. */
@Provider
public class HashingBusyMapper implements ExceptionMapper<HashingBusy> {

    static final int RETRY_SECONDS = 1;

    @Override
    public Response toResponse(HashingBusy busy) {
        return Problem.of(503, "The server is busy checking passwords: try again in a moment.")
                .toResponseBuilder().header("Retry-After", RETRY_SECONDS).build();
    }
}
