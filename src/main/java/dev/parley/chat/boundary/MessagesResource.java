package dev.parley.chat.boundary;

import static dev.parley.platform.JsonProcessing.JSON;

import dev.parley.ParleyApplication;
import dev.parley.accounts.control.Caller;
import dev.parley.accounts.control.UserStore;
import dev.parley.accounts.entity.User;
import dev.parley.chat.control.Frames;
import dev.parley.chat.control.MessageStore;
import dev.parley.chat.entity.ChatMessage;
import dev.parley.platform.ApiDocs;
import dev.parley.platform.Problem;
import dev.parley.platform.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /api/messages}: history of the common room, or with {@code ?with=username} of a direct
 * conversation, in ascending id order, paged by {@code before} / {@code after} cursors. Each message
 * has the shape of a {@code message} frame.
 */
@Path("messages")
@Tag(name = "chat")
@SecurityRequirement(name = ParleyApplication.BEARER)
@RolesAllowed(ParleyApplication.USER_ROLE)
@Produces(MediaType.APPLICATION_JSON)
public class MessagesResource {

    static final int MAX_LIMIT = 200;

    @Inject
    Caller caller;

    @Inject
    UserStore users;

    @Inject
    MessageStore messages;

    @Inject
    @ConfigProperty(name = "parley.messages.page-size")
    int defaultPageSize;

    /**
     * The parameters are read as text because JAX-RS answers one it cannot convert with 404, as if there
     * were no history; a malformed query is the client's mistake, 400.
     */
    @GET
    @Operation(summary = "History", description = "The common room, or with `with=username` a direct conversation; "
            + "`before` or `after` a message id; `limit` 1 to 200 (default 50, set by `parley.messages.page-size`). Ascending id order.")
    @APIResponse(responseCode = "200", description = "Messages, each shaped like a `message` frame",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "page", value = "[" + ApiDocs.MESSAGE + "]")))
    @APIResponse(responseCode = "400", description = "Bad cursor or limit", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "404", description = "Unknown user", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public JsonArray history(@QueryParam("with") String with, @QueryParam("before") String before,
                             @QueryParam("after") String after, @QueryParam("limit") String limit) {
        int size = ProblemException.limit(limit, defaultPageSize, MAX_LIMIT);
        Long beforeId = messageId("before", before);
        Long afterId = messageId("after", after);
        if (beforeId != null && afterId != null) {
            throw ProblemException.invalid("before", "give 'before' or 'after', not both");
        }
        String conversation = ChatMessage.ROOM;
        if (with != null && !with.isEmpty()) {
            User other = users.byUsername(with)
                    .orElseThrow(() -> new ProblemException(404, "No such user: " + with));
            conversation = ChatMessage.conversationKey(caller.id(), other.getId());
        }
        JsonArrayBuilder page = JSON.createArrayBuilder();
        messages.conversation(conversation, beforeId, afterId, size).forEach(m -> page.add(Frames.messageObject(m)));
        return page.build();
    }

    private static Long messageId(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Long.valueOf(value.strip());
        } catch (NumberFormatException notANumber) {
            throw ProblemException.invalid(name, "must be a message id");
        }
    }
}
