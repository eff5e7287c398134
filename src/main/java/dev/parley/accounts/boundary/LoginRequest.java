package dev.parley.accounts.boundary;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** {@code POST /api/login} by e-mail (as the original client does) or by username. */
public record LoginRequest(
        @Size(max = 254, message = "must be at most 254 characters") String email,
        @Size(max = 128, message = "must be at most 128 characters") String username,
        @NotNull(message = "is required") @Size(max = 128, message = "must be at most 128 characters")
        String password) {

    boolean byEmail() {
        return email != null && !email.isBlank();
    }

    boolean hasIdentifier() {
        return byEmail() || (username != null && !username.isBlank());
    }

    String identifier() {
        return byEmail() ? email : username;
    }
}
