package dev.parley.chat.boundary;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /api/limits}: what a client should know before it sends, so that it can tell its user rather
 * than find out from a refusal (or cut a long message without a word, as the page once did).
 */
@Path("limits")
@Tag(name = "chat")
@PermitAll
@SecurityRequirement(name = "")
@Produces(MediaType.APPLICATION_JSON)
public class LimitsResource {

    /** Characters (code points) in a message's content, and bytes in one WebSocket message. */
    public record Limits(int maxContentLength, int maxFrameBytes) {
    }

    @Inject
    @ConfigProperty(name = "parley.ws.max-content-length")
    int maxContentLength;

    @GET
    @Operation(summary = "The chat's limits", description = "`maxContentLength`: characters in a message "
            + "(`parley.ws.max-content-length`); `maxFrameBytes`: bytes in one WebSocket message (1009 beyond).")
    @APIResponse(responseCode = "200", description = "The limits",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, example = "{\"maxContentLength\":4000,\"maxFrameBytes\":65536}"))
    public Limits limits() {
        return new Limits(maxContentLength, ChatEndpoint.MAX_FRAME_BYTES);
    }
}
