package dev.parley.chat.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.accounts.control.UserStore;
import dev.parley.accounts.entity.User;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RecipientsTest {

    /** The users in "the database", and every name asked of it. */
    static final class CountingUsers extends UserStore {
        final List<User> users = new ArrayList<>();
        final List<String> asked = new ArrayList<>();

        @Override
        public Optional<User> byUsername(String username) {
            asked.add(username);
            return users.stream().filter(u -> u.getUsername().equalsIgnoreCase(username)).findFirst();
        }
    }

    private final CountingUsers users = new CountingUsers();
    private final Recipients recipients = new Recipients();

    RecipientsTest() {
        recipients.users = users;
    }

    @Test
    void aKnownNameIsAskedOfTheDatabaseOnceWhateverItsCase() {
        users.users.add(user(7, "Alice"));

        assertEquals(Optional.of(new Recipients.Recipient(7, "Alice")), recipients.byUsername("alice"));
        assertEquals(Optional.of(new Recipients.Recipient(7, "Alice")), recipients.byUsername("ALICE"));

        assertEquals(List.of("alice"), users.asked);
    }

    @Test
    void anUnknownNameIsNotRememberedSinceSomeoneMayRegisterIt() {
        assertTrue(recipients.byUsername("bob").isEmpty());
        users.users.add(user(8, "bob"));

        assertEquals(Optional.of(new Recipients.Recipient(8, "bob")), recipients.byUsername("bob"));
        assertEquals(List.of("bob", "bob"), users.asked);
    }

    /** A stored user, with the id the database would have given it. */
    private static User user(long id, String username) {
        return new User(id, username, username, "", "", "", "", Instant.EPOCH, null, 0);
    }
}
