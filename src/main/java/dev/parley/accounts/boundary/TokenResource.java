package dev.parley.accounts.boundary;

import dev.parley.ParleyApplication;
import dev.parley.accounts.control.Caller;
import dev.parley.platform.ApiDocs;
import dev.parley.platform.Problem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code POST /api/token/refresh}: a valid token for a fresh one. The old one stays valid until it expires. */
@Path("token")
@Tag(name = "accounts")
@SecurityRequirement(name = ParleyApplication.BEARER)
@RolesAllowed(ParleyApplication.USER_ROLE)
@Produces(MediaType.APPLICATION_JSON)
public class TokenResource {

    @Inject
    Caller caller;

    @Inject
    Tokens tokens;

    @POST
    @Path("refresh")
    @Operation(summary = "A fresh token for a valid one")
    @APIResponse(responseCode = "200", description = "Same shape as login", content = @Content(mediaType = MediaType.APPLICATION_JSON, example = ApiDocs.TOKEN))
    @APIResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public TokenResponse refresh() {
        return tokens.issueFor(caller.user());
    }
}
