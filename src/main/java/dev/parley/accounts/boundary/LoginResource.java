package dev.parley.accounts.boundary;

import dev.parley.accounts.control.Accounts;
import dev.parley.accounts.control.LoginRefused;
import dev.parley.platform.Problem;
import dev.parley.platform.ProblemException;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** {@code POST /api/login}: credentials for a token. */
@Path("login")
@PermitAll
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class LoginResource {

    @Inject
    Accounts accounts;

    @Inject
    Tokens tokens;

    @POST
    public TokenResponse login(@NotNull(message = "a JSON body is required") @Valid LoginRequest request) {
        if (!request.hasIdentifier()) {
            throw new ProblemException(Problem.of(400, "email: give an e-mail or a username",
                    List.of(new Problem.FieldError("email", "give an e-mail or a username"))).toResponse());
        }
        try {
            return tokens.issueFor(accounts.authenticate(request.identifier(), request.byEmail(), request.password()));
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
