/**
 * Accounts: who may chat. Registration, login, tokens, passwords and the user directory.
 * <p>
 * Decisions:
 * <ul>
 * <li>Passwords are PBKDF2-HMAC-SHA256 at 600,000 iterations (OWASP), on the JDK's SHA-256: no library, no
 * 72-byte truncation as with bcrypt. Each iteration is two SHA-256 compressions, as in attackers' tools, not the
 * JDK's four ({@code Pbkdf2Sha256}: the JDK's bytes in half its time, the JDK's own PBKDF2 where that is out of
 * reach). An unknown user costs the same hash as a wrong password.</li>
 * <li>Tokens are RS256 JWTs that the runtime verifies (MicroProfile JWT). The key pair comes from
 * configuration or is generated once into the data directory, so restarts keep tokens valid.</li>
 * <li>Logout revokes one token by its {@code jti}; "everywhere" raises the user's token generation,
 * which every token carries ({@code gen}). A generation, not a not-before time, because a token
 * issued in the same second as the logout must stay valid.</li>
 * <li>Usernames are unique without regard to case by a database constraint on their case-folded
 * form, so no race can make two.</li>
 * </ul>
 * Deliberately not here: e-mail verification, password reset, account deletion.
 */
package dev.parley.accounts;
