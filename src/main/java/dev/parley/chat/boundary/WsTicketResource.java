package dev.parley.chat.boundary;

import dev.parley.ParleyApplication;
import dev.parley.accounts.control.Caller;
import dev.parley.chat.control.ChatPrincipal;
import dev.parley.chat.control.WsTickets;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;

/** {@code POST /api/ws-ticket}: a single-use ticket to open a WebSocket without a token in the URL. */
@Path("ws-ticket")
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
    public Ticket issue() {
        ChatPrincipal holder = new ChatPrincipal(caller.id(), caller.user().getUsername(),
                caller.token().getTokenID(), Instant.ofEpochSecond(caller.token().getExpirationTime()));
        return new Ticket(tickets.issue(holder), tickets.lifetime().toSeconds());
    }
}
