package dev.parley.chat.control;

import java.security.Principal;
import java.time.Instant;

/**
 * Who opened a WebSocket session, established by the handshake filter and handed to the endpoint as
 * the upgrade request's principal. {@code jti} and {@code expiresAt} are those of the credential's
 * token, so that logout and expiry can close the session.
 */
public record ChatPrincipal(long userId, String username, String jti, Instant expiresAt) implements Principal {

    @Override
    public String getName() {
        return username;
    }
}
