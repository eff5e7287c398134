package dev.parley.accounts.control;

/**
 * Who is online now: the users with at least one open chat session, on any instance. Chat reports the
 * changes of this instance; the user directory shows them. {@link LocalPresence} knows this instance;
 * a cluster replaces it with one that knows every member's sessions.
 */
public interface Presence {

    boolean isOnline(long userId);

    /** The user's first session on this instance opened; true when they were offline everywhere until now. */
    boolean online(long userId);

    /** The user's last session on this instance closed; true when they are now offline everywhere. */
    boolean offline(long userId);
}
