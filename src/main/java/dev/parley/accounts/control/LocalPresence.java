package dev.parley.accounts.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Presence when this instance is the only one. */
@ApplicationScoped
public class LocalPresence implements Presence {

    private final Set<Long> online = ConcurrentHashMap.newKeySet();

    @Override
    public boolean isOnline(long userId) {
        return online.contains(userId);
    }

    @Override
    public boolean online(long userId) {
        return online.add(userId);
    }

    @Override
    public boolean offline(long userId) {
        return online.remove(userId);
    }
}
