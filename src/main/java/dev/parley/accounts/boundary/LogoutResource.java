package dev.parley.accounts.boundary;

import dev.parley.ParleyApplication;
import dev.parley.accounts.control.Caller;
import dev.parley.accounts.control.TokenRevocations;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.time.Instant;

/**
 * {@code POST /api/logout}: this token, or with {@code {"all": true}} every token of the user, stops
 * working at once; chat sessions opened with them are closed.
 */
@Path("logout")
@RolesAllowed(ParleyApplication.USER_ROLE)
public class LogoutResource {

    @Inject
    Caller caller;

    @Inject
    TokenRevocations revocations;

    @POST
    public void logout(LogoutRequest request) {
        if (request != null && Boolean.TRUE.equals(request.all())) {
            revocations.revokeAll(caller.id());
        } else {
            revocations.revoke(caller.id(), caller.token().getTokenID(),
                    Instant.ofEpochSecond(caller.token().getExpirationTime()));
        }
    }
}
