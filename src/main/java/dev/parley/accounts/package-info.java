/**
 * Accounts: who may chat. Registration, login, tokens, passwords and the user directory.
 * <p>
 * Decisions:
 * <ul>
 * <li>Passwords are Argon2id at OWASP's first choice (19 MiB, 2 passes, 1 lane), Bouncy Castle's pure Java, in
 * the PHC string format: memory-hard, no 72-byte truncation as with bcrypt, no JDK internals. Hashes stored
 * before it (PBKDF2-HMAC-SHA256) still verify, by the JDK's PBKDF2, and are replaced at their owner's next
 * login. At most one hash per core runs at once; an unknown user costs the same hash as a wrong password.</li>
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
