package dev.parley.accounts.boundary;

import dev.parley.accounts.control.ValidUsername;
import dev.parley.platform.Characters;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /api/users}: the body the original client sends, {@code status} optional.
 * <p>
 * A class with public fields rather than a record: Payara's OpenAPI scanner fails on Bean Validation
 * annotations of record components (payara/Payara#7649) and /openapi would answer 500.
 */
public class RegistrationRequest {

    @NotNull(message = "is required")
    @ValidUsername
    public String username;

    @NotBlank(message = "is required")
    @Email(message = "must be an e-mail address")
    @Size(max = 254, message = "must be at most 254 characters")
    public String email;

    @NotNull(message = "is required")
    @Characters(min = 8, max = 128, message = "must be 8 to 128 characters long")
    public String password;

    @Characters(max = 140, message = "must be at most 140 characters")
    public String status;
}
