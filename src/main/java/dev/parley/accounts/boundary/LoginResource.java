package dev.parley.accounts.boundary;

import dev.parley.accounts.control.Accounts;
import dev.parley.accounts.control.LoginRefused;
import dev.parley.platform.ApiDocs;
import dev.parley.platform.Problem;
import dev.parley.platform.ProblemException;
import dev.parley.platform.ProblemMappers;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code POST /api/login}: credentials for a token. */
@Path("login")
@Tag(name = "accounts")
@PermitAll
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class LoginResource {

    @Inject
    Accounts accounts;

    @Inject
    Tokens tokens;

    @POST
    @Operation(summary = "Log in", description = "By `email` (as the original client does) or `username`. "
            + "An unknown user and a wrong password get the same answer; repeated failures for one account are "
            + "throttled with exponential back-off.")
    @APIResponse(responseCode = "200", description = "A token, valid for an hour by default",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, example = ApiDocs.TOKEN))
    @APIResponse(responseCode = "400", description = "Invalid fields", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "401", description = "Invalid credentials",
            content = @Content(mediaType = Problem.MEDIA_TYPE, example = ApiDocs.UNAUTHORIZED))
    @APIResponse(responseCode = "429", description = "Too many failures: wait `Retry-After` seconds",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public TokenResponse login(
            @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    example = "{\"email\":\"alice@example.com\",\"password\":\"correct horse battery\"}"))
            @NotNull(message = ProblemMappers.NO_BODY) @Valid LoginRequest request) {
        if (!request.hasIdentifier()) {
            throw ProblemException.invalid("email", "give an e-mail or a username");
        }
        try {
            return tokens.issueFor(accounts.authenticate(request.identifier(), request.byEmail(), request.password));
        } catch (LoginRefused refused) {
            throw new ProblemException(refused.retryAfter()
                    .map(wait -> {
                        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
                        return Problem.of(429, "Too many failed logins: try again in " + seconds + " s.")
                                .toResponseBuilder().header("Retry-After", seconds).build();
                    })
                    .orElseGet(() -> Problem.of(401, "invalid credentials").toResponse()));
        }
    }
}
