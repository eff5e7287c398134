package dev.parley.accounts.boundary;

/** {@code POST /api/logout}: with {@code all}, every token of the user, not just this one. */
public record LogoutRequest(Boolean all) {
}
