package dev.parley.accounts.boundary;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;

/** What a login or a refresh answers. */
@JsonbPropertyOrder({"token", "tokenType", "expiresAt", "user"})
public record TokenResponse(String token, String tokenType, Instant expiresAt, UserView user) {
}
