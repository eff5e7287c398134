package dev.parley.chat.boundary;

import dev.parley.ParleyApplication;
import dev.parley.accounts.control.Caller;
import dev.parley.chat.control.ChatPrincipal;
import dev.parley.chat.control.WsTickets;
import dev.parley.platform.Problem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code POST /api/ws-ticket}: a single-use ticket to open a WebSocket without a token in the URL. */
@Path("ws-ticket")
@Tag(name = "chat")
@SecurityRequirement(name = ParleyApplication.BEARER)
@RolesAllowed(ParleyApplication.USER_ROLE)
@Produces(MediaType.APPLICATION_JSON)
public class WsTicketResource {

    /** The answer: the ticket and for how many seconds it works. */
    public record Ticket(String ticket, long expiresIn) {
    }

    @Inject
    Caller caller;

    @Inject
    WsTickets tickets;

    @POST
    @Operation(summary = "A WebSocket ticket", description = "Single use, valid 30 s: connect to `/ws?ticket=...` "
            + "so that the token stays out of URLs.")
    @APIResponse(responseCode = "200", description = "The ticket",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, example = "{\"ticket\":\"q3X0...\",\"expiresIn\":30}"))
    @APIResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Ticket issue() {
        ChatPrincipal holder = new ChatPrincipal(caller.id(), caller.user().getUsername(),
                caller.token().getTokenID(), Instant.ofEpochSecond(caller.token().getExpirationTime()));
        // The caller's token was checked against this generation in this request.
        return new Ticket(tickets.issue(holder, caller.user().getTokenGeneration()), tickets.lifetime().toSeconds());
    }
}
