package dev.parley.accounts.control;

import java.time.Duration;
import java.util.Optional;

/**
 * A login that did not succeed. Unknown user and wrong password are one case on purpose; a throttled
 * account says how long to wait.
 */
public class LoginRefused extends RuntimeException {

    private final Duration retryAfter;

    public LoginRefused(Duration retryAfter) {
        super(retryAfter == null ? "invalid credentials" : "throttled", null, false, false);
        this.retryAfter = retryAfter;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
