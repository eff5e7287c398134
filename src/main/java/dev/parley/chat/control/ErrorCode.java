package dev.parley.chat.control;

import java.util.Locale;

/** The {@code code} of an {@code error} frame. */
public enum ErrorCode {
    BAD_REQUEST, TOO_LARGE, RATE_LIMITED, UNKNOWN_RECIPIENT, UNAUTHORIZED,
    /** The message could not be stored (the database is unreachable); nothing was acknowledged. */
    UNAVAILABLE;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
