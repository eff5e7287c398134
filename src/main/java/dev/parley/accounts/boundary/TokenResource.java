package dev.parley.accounts.boundary;

import dev.parley.ParleyApplication;
import dev.parley.accounts.control.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code POST /api/token/refresh}: a valid token for a fresh one. The old one stays valid until it expires. */
@Path("token")
@RolesAllowed(ParleyApplication.USER_ROLE)
@Produces(MediaType.APPLICATION_JSON)
public class TokenResource {

    @Inject
    Caller caller;

    @Inject
    Tokens tokens;

    @POST
    @Path("refresh")
    public TokenResponse refresh() {
        return tokens.issueFor(caller.user());
    }
}
