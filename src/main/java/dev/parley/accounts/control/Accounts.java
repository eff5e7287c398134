package dev.parley.accounts.control;

import dev.parley.accounts.entity.User;
import dev.parley.platform.Metrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Optional;

/**
 * Registration and login. Hashing happens outside any transaction: it takes a large fraction of a
 * second by design and must not hold a database connection meanwhile.
 */
@ApplicationScoped
public class Accounts implements MeterBinder {

    @Inject
    UserStore users;

    @Inject
    PasswordHasher hasher;

    @Inject
    LoginThrottle throttle;

    Clock clock = Clock.systemUTC();

    private Counter registered;
    private Counter loggedIn;
    private Counter failedLogins;

    /** Called once, at start, by {@link Metrics}. */
    @Override
    public void bindTo(MeterRegistry registry) {
        registered = Counter.builder("parley.users.registered").description("Users registered").register(registry);
        loggedIn = Counter.builder("parley.logins.succeeded").description("Logins accepted").register(registry);
        failedLogins = Counter.builder("parley.logins.failed")
                .description("Logins refused: wrong credentials or throttled").register(registry);
    }

    /** A new user; {@link AccountConflict} when the username or e-mail is taken. */
    public User register(String username, String email, String password, String status) {
        String name = Usernames.normalize(username);
        // Cheap checks first, so a taken name costs no hash; the database still decides a race.
        if (users.byUsername(name).isPresent()) {
            throw new AccountConflict("username");
        }
        if (users.byEmail(email).isPresent()) {
            throw new AccountConflict("email");
        }
        User user = users.insert(new User(name, Usernames.key(name), email.strip(), UserStore.emailKey(email),
                hasher.hash(password), status == null ? "" : status.strip(), clock.instant()));
        registered.increment();
        return user;
    }

    /**
     * The user these credentials belong to, or {@link LoginRefused}. An unknown user costs one hash
     * like a wrong password, and both count against the identifier's throttle.
     */
    public User authenticate(String identifier, boolean byEmail, String password) {
        Optional<User> user = byEmail ? users.byEmail(identifier) : users.byUsername(identifier);
        String throttleKey = user.map(u -> "user:" + u.getId())
                .orElseGet(() -> (byEmail ? "email:" + UserStore.emailKey(identifier) : "name:" + Usernames.key(identifier)));
        throttle.retryAfter(throttleKey).ifPresent(wait -> {
            failedLogins.increment();
            throw new LoginRefused(wait);
        });
        boolean valid;
        if (user.isPresent()) {
            valid = hasher.verify(password, user.get().getPasswordHash());
        } else {
            hasher.verifyDecoy(password);
            valid = false;
        }
        if (!valid) {
            failedLogins.increment();
            throttle.failed(throttleKey);
            throw new LoginRefused(null);
        }
        throttle.succeeded(throttleKey);
        loggedIn.increment();
        User found = user.get();
        if (hasher.needsRehash(found.getPasswordHash())) {
            users.rehashPassword(found.getId(), hasher.hash(password));
        }
        return found;
    }
}
