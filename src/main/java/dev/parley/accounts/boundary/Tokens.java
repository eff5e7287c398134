package dev.parley.accounts.boundary;

import dev.parley.accounts.control.Presence;
import dev.parley.accounts.control.TokenIssuer;
import dev.parley.accounts.entity.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Makes the answer of a login or a refresh: a fresh token and the user's own view. */
@ApplicationScoped
class Tokens {

    @Inject
    TokenIssuer issuer;

    @Inject
    Presence presence;

    TokenResponse issueFor(User user) {
        TokenIssuer.IssuedToken token = issuer.issue(user);
        return new TokenResponse(token.token(), "Bearer", token.expiresAt(),
                UserView.of(user, presence.isOnline(user.getId()), true));
    }
}
