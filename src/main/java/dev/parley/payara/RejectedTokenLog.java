package dev.parley.payara;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Payara's MP-JWT logs every token it rejects at INFO with a whole stack trace, so a client with a
 * stale token, or anyone with a bad one, floods the log. This turns each such record into one line
 * that says why, without the token: Parley answers 401 either way.
 */
@ApplicationScoped
public class RejectedTokenLog {

    /** The runtime's logger that reports rejected tokens (fish.payara.microprofile.jwtauth). */
    static final String PAYARA_LOGGER = "fish.payara.microprofile.jwtauth.eesecurity.SignedJWTIdentityStore";

    /** Anything that could be a piece of a token: long runs of base64url. */
    private static final Pattern TOKEN_LIKE = Pattern.compile("[A-Za-z0-9_\\-.]{24,}");
    /** A wrapping exception's message starts with the wrapped one's class name. */
    private static final Pattern CLASS_PREFIX = Pattern.compile("^((?:[\\w$]+\\.)+[\\w$]+: )+");
    private static final int MAX_REASON = 160;

    /** Held strongly: the log manager keeps loggers only as long as someone else does. */
    private final Logger payara = Logger.getLogger(PAYARA_LOGGER);

    void started(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        payara.setFilter(RejectedTokenLog::shorten);
    }

    @PreDestroy
    void stopped() {
        payara.setFilter(null);
    }

    /** Rewrites a record in place: one line at most, no stack trace, nothing token-like. */
    static boolean shorten(LogRecord record) {
        Throwable thrown = record.getThrown();
        if (thrown == null) {
            return true;
        }
        record.setThrown(null);
        record.setParameters(null);
        record.setLevel(Level.INFO);
        record.setMessage("rejected a token: " + reason(thrown));
        return true;
    }

    /** The runtime's own words for the first failure in the chain, cleaned of anything token-like. */
    static String reason(Throwable thrown) {
        String message = thrown.getMessage() == null ? thrown.getClass().getSimpleName() : thrown.getMessage();
        message = CLASS_PREFIX.matcher(message).replaceFirst("");
        message = TOKEN_LIKE.matcher(message.replaceAll("\\s+", " ")).replaceAll("…");
        return message.length() <= MAX_REASON ? message : message.substring(0, MAX_REASON) + "…";
    }
}
