package dev.parley.accounts.control;

import dev.parley.accounts.entity.RevokedToken;
import dev.parley.accounts.entity.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;

/**
 * Logout. The runtime verifies a token's signature, issuer and expiry; this decides whether a
 * verified token was revoked since: by its {@code jti}, or by every token of its user (the user's
 * token generation moved past the one in the token). Both are in the database, so they hold after a
 * restart and on every instance.
 */
@ApplicationScoped
@Transactional
public class TokenRevocations {

    @Inject
    EntityManager em;

    @Inject
    Event<TokensRevoked> revoked;

    /** The token's user, if the token is still good. */
    public Optional<User> holder(long userId, String jti, int generation) {
        User user = em.find(User.class, userId);
        if (user == null || user.getTokenGeneration() != generation || em.find(RevokedToken.class, jti) != null) {
            return Optional.empty();
        }
        return Optional.of(user);
    }

    public void revoke(long userId, String jti, Instant expiresAt) {
        em.createQuery("DELETE FROM RevokedToken r WHERE r.expiresAt < :now")
                .setParameter("now", Instant.now())
                .executeUpdate();
        if (em.find(RevokedToken.class, jti) == null) {
            em.persist(new RevokedToken(jti, expiresAt));
        }
        revoked.fire(new TokensRevoked(userId, jti));
    }

    public void revokeAll(long userId) {
        User user = em.find(User.class, userId);
        if (user != null) {
            user.revokeAllTokens();
            revoked.fire(new TokensRevoked(userId, null));
        }
    }
}
