package dev.parley.accounts.control;

import dev.parley.accounts.entity.User;
import dev.parley.platform.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;

/**
 * Logout. The runtime verifies a token's signature, issuer and expiry; this decides whether a
 * verified token was revoked since: by its {@code jti}, or by every token of its user (the user's
 * token generation moved past the one in the token). Both are in the database, so they hold after a
 * restart and on every instance.
 */
@ApplicationScoped
public class TokenRevocations {

    @Inject
    Database database;

    @Inject
    Event<TokensRevoked> revoked;

    /** The token's user, if the token is still good. */
    public Optional<User> holder(long userId, String jti, int generation) {
        return database.transaction(c -> Database.first(c, UserStore.USER + "WHERE id = ? AND token_generation = ?"
                + " AND NOT EXISTS (SELECT 1 FROM revoked_token WHERE jti = ?)", UserStore::user, userId, generation, jti));
    }

    public void revoke(long userId, String jti, Instant expiresAt) {
        database.transaction(c -> {
            Database.update(c, "DELETE FROM revoked_token WHERE expires_at < ?", Instant.now());
            if (Database.first(c, "SELECT 1 FROM revoked_token WHERE jti = ?", r -> true, jti).isEmpty()) {
                Database.update(c, "INSERT INTO revoked_token (jti, expires_at) VALUES (?, ?)", jti, expiresAt);
            }
            return null;
        });
        revoked.fire(new TokensRevoked(userId, jti));
    }

    public void revokeAll(long userId) {
        int changed = database.transaction(c -> Database.update(c,
                "UPDATE parley_user SET token_generation = token_generation + 1 WHERE id = ?", userId));
        if (changed > 0) {
            revoked.fire(new TokensRevoked(userId, null));
        }
    }
}
