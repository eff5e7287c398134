package dev.parley.accounts.boundary;

import dev.parley.accounts.entity.User;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;

/** A user as clients see them. {@code email} only in the user's own view; never a password or hash. */
@JsonbPropertyOrder({"id", "username", "email", "status", "online", "lastSeen"})
public record UserView(long id, String username, String email, String status, boolean online,
                       @JsonbNillable Instant lastSeen) {

    static UserView of(User user, boolean online, boolean own) {
        return new UserView(user.getId(), user.getUsername(), own ? user.getEmail() : null, user.getStatus(),
                online, user.getLastSeen());
    }
}
