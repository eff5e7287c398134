package dev.parley.chat.control;

import dev.parley.accounts.control.UserStore;
import dev.parley.accounts.control.Usernames;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who a direct message or typing frame is for, by username, without a database query per frame (the
 * benchmark's profile showed one). Safe to keep: a username never changes and a user is never
 * deleted. A name that is unknown is not remembered, since someone may register it a moment later.
 */
@ApplicationScoped
public class Recipients {

    /** A user as a recipient: the id to route to and the name as registered. */
    public record Recipient(long id, String username) {
    }

    /** Beyond this many names the map starts again: memory stays bounded whatever clients send. */
    static final int MAX_REMEMBERED = 100_000;

    @Inject
    UserStore users;

    private final Map<String, Recipient> byKey = new ConcurrentHashMap<>();

    public Optional<Recipient> byUsername(String username) {
        String key = Usernames.key(username);
        Recipient known = byKey.get(key);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<Recipient> found = users.byUsername(username).map(u -> new Recipient(u.getId(), u.getUsername()));
        found.ifPresent(recipient -> {
            if (byKey.size() >= MAX_REMEMBERED) {
                byKey.clear();
            }
            byKey.put(key, recipient);
        });
        return found;
    }
}
