package dev.parley.accounts.boundary;

import dev.parley.ParleyApplication;
import dev.parley.accounts.control.AccountConflict;
import dev.parley.accounts.control.Accounts;
import dev.parley.accounts.control.Caller;
import dev.parley.accounts.control.Presence;
import dev.parley.accounts.control.UserStore;
import dev.parley.accounts.entity.User;
import dev.parley.platform.ApiDocs;
import dev.parley.platform.Problem;
import dev.parley.platform.ProblemException;
import dev.parley.platform.ProblemMappers;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.GenericEntity;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /api/users}: registration and the user directory. */
@Path("users")
@Tag(name = "accounts")
@SecurityRequirement(name = ParleyApplication.BEARER)
@RolesAllowed(ParleyApplication.USER_ROLE)
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class UsersResource {

    static final int MAX_PAGE = 200;

    @Inject
    Accounts accounts;

    @Inject
    UserStore users;

    @Inject
    Presence presence;

    @Inject
    Caller caller;

    @Inject
    @ConfigProperty(name = "parley.users.unpaged-limit")
    int unpagedLimit;

    @POST
    @PermitAll
    @SecurityRequirement(name = "")
    @Operation(summary = "Register", description = "The body the original client sends; `status` is optional. "
            + "Usernames: 3 to 32 letters, digits, _ . - of one script, unique without regard to case.")
    @APIResponse(responseCode = "201", description = "Registered; `Location` names the user",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, example = ApiDocs.OWN_USER))
    @APIResponse(responseCode = "400", description = "Invalid fields",
            content = @Content(mediaType = Problem.MEDIA_TYPE, example = ApiDocs.INVALID))
    @APIResponse(responseCode = "409", description = "Username or e-mail taken",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response register(
            @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, example = "{\"username\":\"alice\","
                    + "\"email\":\"alice@example.com\",\"password\":\"correct horse battery\"}"))
            @NotNull(message = ProblemMappers.NO_BODY) @Valid RegistrationRequest request,
                             @Context UriInfo uri) {
        try {
            User user = accounts.register(request.username, request.email, request.password, request.status);
            return Response.created(uri.getAbsolutePathBuilder().path(user.getId().toString()).build())
                    .entity(UserView.of(user, false, true))
                    .build();
        } catch (AccountConflict conflict) {
            throw new ProblemException(Problem.of(409, conflict.field() + " is taken",
                    List.of(new Problem.FieldError(conflict.field(), "is taken"))).toResponse());
        }
    }

    /**
     * Users ordered by username; {@code q} filters by prefix, {@code after} is the last username of the previous
     * page. Without {@code limit}, everyone up to {@code parley.users.unpaged-limit}: the original client builds
     * its list of people from this one call, so a page of 50 left the rest of a team out of it. Whenever more
     * follow, a {@code Link} header (RFC 8288, {@code rel="next"}) says where.
     */
    @GET
    @Operation(summary = "List users", description = "Ordered by username; `q` filters by prefix, `after` is the "
            + "last username of the previous page, `limit` 1 to 200. Without `limit`, every user up to "
            + "`parley.users.unpaged-limit` (5,000). When more follow, `Link: <...>; rel=\"next\"` gives the next page.")
    @APIResponse(responseCode = "200", description = "A page of users",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "page", value = "[" + ApiDocs.USER + "]")))
    @APIResponse(responseCode = "400", description = "Bad limit", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response list(@QueryParam("q") String prefix, @QueryParam("after") String after,
                         @QueryParam("limit") String limit) {
        int size = limit == null ? Math.max(1, unpagedLimit) : ProblemException.limit(limit, MAX_PAGE, MAX_PAGE);
        List<User> found = users.page(prefix, after, size + 1);
        List<UserView> page = found.stream().limit(size).map(this::view).toList();
        Response.ResponseBuilder answer = Response.ok(new GenericEntity<>(page) { });
        if (found.size() > size) {
            // Relative, so that it holds behind a reverse proxy too; the same bytes on every runtime.
            String next = "/api/users?" + (prefix == null ? "" : "q=" + encoded(prefix) + "&")
                    + "limit=" + Math.min(size, MAX_PAGE) + "&after=" + encoded(found.get(size - 1).getUsername());
            answer.header("Link", "<" + next + ">; rel=\"next\"");
        }
        return answer.build();
    }

    private static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @GET
    @Path("me")
    @Operation(summary = "The caller's own view, with e-mail")
    @APIResponse(responseCode = "200", description = "The caller", content = @Content(mediaType = MediaType.APPLICATION_JSON, example = ApiDocs.OWN_USER))
    @APIResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public UserView me() {
        return view(caller.user());
    }

    @GET
    @Path("{ref}")
    @Operation(summary = "One user, by id or username")
    @APIResponse(responseCode = "200", description = "The user", content = @Content(mediaType = MediaType.APPLICATION_JSON, example = ApiDocs.USER))
    @APIResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "404", description = "No such user", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public UserView one(@PathParam("ref") String reference) {
        return users.byReference(reference).map(this::view)
                .orElseThrow(() -> new ProblemException(404, "No such user."));
    }

    private UserView view(User user) {
        return UserView.of(user, presence.isOnline(user.getId()), user.getId().equals(caller.user().getId()));
    }
}
