package dev.parley.accounts.control;

/**
 * Every core is hashing and a password waited its turn as long as {@code parley.password.max-wait} allows:
 * the caller is told to come back (503) rather than queued without end, so that a storm of logins cannot
 * hold every request thread, and the chat with them.
 */
public final class HashingBusy extends RuntimeException {

    public HashingBusy() {
        super("every core is hashing passwords", null, false, false);
    }
}
