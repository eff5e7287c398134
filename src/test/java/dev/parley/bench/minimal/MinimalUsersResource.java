package dev.parley.bench.minimal;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /api/users}: 200 and an empty list, from the injected bean. */
@Path("users")
@RequestScoped
public class MinimalUsersResource {

    @Inject
    Directory directory;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public String list() {
        return directory.usersJson();
    }
}
