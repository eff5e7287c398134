package dev.parley.chat.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every open session of this instance, by user. It only keeps them: what happens when a session
 * comes or goes is {@link ChatHub}'s business.
 */
@ApplicationScoped
public class SessionRegistry {

    /** What {@link #add} did. */
    public enum Admission { FIRST_OF_USER, ANOTHER_OF_USER, REFUSED }

    private final Map<Long, Set<ChatSession>> byUser = new ConcurrentHashMap<>();
    private final Set<ChatSession> all = ConcurrentHashMap.newKeySet();

    /** Adds a session unless its user already has {@code maxPerUser}. */
    public Admission add(ChatSession session, int maxPerUser) {
        Admission[] admission = new Admission[1];
        byUser.compute(session.userId(), (user, sessions) -> {
            Set<ChatSession> set = sessions != null ? sessions : ConcurrentHashMap.newKeySet();
            if (set.size() >= maxPerUser) {
                admission[0] = Admission.REFUSED;
            } else {
                admission[0] = set.isEmpty() ? Admission.FIRST_OF_USER : Admission.ANOTHER_OF_USER;
                set.add(session);
            }
            return set.isEmpty() ? null : set;
        });
        if (admission[0] != Admission.REFUSED) {
            all.add(session);
        }
        return admission[0];
    }

    /** Removes a session; true when it was its user's last. */
    public boolean remove(ChatSession session) {
        if (!all.remove(session)) {
            return false;
        }
        boolean[] last = new boolean[1];
        byUser.computeIfPresent(session.userId(), (user, sessions) -> {
            sessions.remove(session);
            last[0] = sessions.isEmpty();
            return last[0] ? null : sessions;
        });
        return last[0];
    }

    public Collection<ChatSession> of(long userId) {
        Set<ChatSession> sessions = byUser.get(userId);
        return sessions == null ? List.of() : sessions;
    }

    public int count(long userId) {
        return of(userId).size();
    }

    public Collection<ChatSession> all() {
        return all;
    }

    public int size() {
        return all.size();
    }

    public int usersOnline() {
        return byUser.size();
    }
}
