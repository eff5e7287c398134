package dev.parley.accounts.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who is online now: the users with at least one open chat session. Chat reports the changes; the
 * user directory shows them.
 */
@ApplicationScoped
public class Presence {

    private final Set<Long> online = ConcurrentHashMap.newKeySet();

    public boolean isOnline(long userId) {
        return online.contains(userId);
    }

    public void online(long userId) {
        online.add(userId);
    }

    public void offline(long userId) {
        online.remove(userId);
    }
}
