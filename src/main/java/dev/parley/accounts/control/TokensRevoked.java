package dev.parley.accounts.control;

/**
 * Fired after a logout: the token {@code jti} of user {@code userId} is dead, or with {@code jti}
 * null every token of that user is. Whoever holds something opened with such a token closes it.
 */
public record TokensRevoked(long userId, String jti) {

    public boolean covers(long tokenUserId, String tokenJti) {
        return userId == tokenUserId && (jti == null || jti.equals(tokenJti));
    }
}
