package dev.parley.accounts.boundary;

import dev.parley.platform.Characters;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /api/login} by e-mail (as the original client does) or by username. A class, not a
 * record, for the reason given on {@link RegistrationRequest}.
 */
public class LoginRequest {

    @Size(max = 254, message = "must be at most 254 characters")
    public String email;

    @Size(max = 128, message = "must be at most 128 characters")
    public String username;

    @NotNull(message = "is required")
    @Characters(max = 128, message = "must be at most 128 characters")
    public String password;

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
