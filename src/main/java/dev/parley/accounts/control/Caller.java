package dev.parley.accounts.control;

import dev.parley.accounts.entity.User;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The user of the current request and the token they came with, once the token was checked. */
@RequestScoped
public class Caller {

    private User user;
    private JsonWebToken token;

    public void authenticated(User user, JsonWebToken token) {
        this.user = user;
        this.token = token;
    }

    public User user() {
        if (user == null) {
            throw new IllegalStateException("no authenticated caller in this request");
        }
        return user;
    }

    public long id() {
        return user().getId();
    }

    public JsonWebToken token() {
        user();
        return token;
    }
}
