package dev.parley.accounts.boundary;

import dev.parley.ParleyApplication;
import dev.parley.accounts.control.Caller;
import dev.parley.accounts.control.TokenRevocations;
import dev.parley.platform.Problem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code POST /api/logout}: this token, or with {@code {"all": true}} every token of the user, stops
 * working at once; chat sessions opened with them are closed.
 */
@Path("logout")
@Tag(name = "accounts")
@SecurityRequirement(name = ParleyApplication.BEARER)
@RolesAllowed(ParleyApplication.USER_ROLE)
public class LogoutResource {

    @Inject
    Caller caller;

    @Inject
    TokenRevocations revocations;

    private static final String SUMMARY = "Log out";
    private static final String DESCRIPTION = "This token, or with `{\"all\": true}` every token of the user, "
            + "stops working at once; the WebSocket sessions opened with them are closed (1008).";

    @POST
    @Operation(summary = SUMMARY, description = DESCRIPTION)
    @APIResponse(responseCode = "204", description = "Logged out")
    @APIResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @Consumes(MediaType.APPLICATION_JSON)
    public void logout(LogoutRequest request) {
        if (request != null && Boolean.TRUE.equals(request.all())) {
            revocations.revokeAll(caller.id());
        } else {
            logoutThisToken();
        }
    }

    /**
     * The same without a body: a request without a content type matches this one on every JAX-RS runtime.
     * Described as the other, since OpenAPI has one operation for both (hidden, it hid both on Payara).
     */
    @POST
    @Operation(summary = SUMMARY, description = DESCRIPTION)
    @APIResponse(responseCode = "204", description = "Logged out")
    @APIResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public void logoutThisToken() {
        revocations.revoke(caller.id(), caller.token().getTokenID(),
                Instant.ofEpochSecond(caller.token().getExpirationTime()));
    }
}
