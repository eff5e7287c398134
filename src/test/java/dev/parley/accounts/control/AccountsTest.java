package dev.parley.accounts.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.accounts.entity.User;
import dev.parley.testing.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Registration and login, with the database and the hash replaced by plain subclasses that count:
 * what costs a hash and what does not is the point of several of these tests.
 */
class AccountsTest {

    private static final String PASSWORD = "correct horse";

    private final CountingHasher hasher = new CountingHasher(PasswordHasher.MIN_MEMORY_KIB);
    private final InMemoryUsers users = new InMemoryUsers();
    private final LoginThrottle throttle = new LoginThrottle();
    private final Accounts accounts = new Accounts();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private User alice;

    @BeforeEach
    void wire() {
        hasher.decoy();
        throttle.freeFailures = 5;
        throttle.maxBackoff = Duration.ofMinutes(15);
        throttle.clock = new MutableClock();
        accounts.users = users;
        accounts.hasher = hasher;
        accounts.throttle = throttle;
        accounts.clock = new MutableClock(Instant.parse("2025-03-01T12:00:00Z"));
        accounts.bindTo(meters);
        alice = users.add(TokenIssuerTest.user(1, "alice"), hasher.hash(PASSWORD));
        hasher.verified.clear();
    }

    @Test
    void theRightPasswordLogsInAtTheCostOfOneHash() {
        assertSame(alice, accounts.authenticate("alice", false, PASSWORD));
        assertSame(alice, accounts.authenticate("ALICE@example.test", true, PASSWORD));

        assertEquals(2, hasher.verified.size());
        assertEquals(2, count("parley.logins.succeeded"));
        assertEquals(0, count("parley.logins.failed"));
    }

    @Test
    void anUnknownUserCostsOneHashJustLikeAWrongPassword() {
        assertRefused(() -> accounts.authenticate("alice", false, "wrong password"));
        List<String> wrongPassword = List.copyOf(hasher.verified);
        hasher.verified.clear();

        assertRefused(() -> accounts.authenticate("mallory", false, PASSWORD));
        List<String> unknownUser = List.copyOf(hasher.verified);
        hasher.verified.clear();

        assertRefused(() -> accounts.authenticate("mallory@example.test", true, PASSWORD));
        List<String> unknownEmail = List.copyOf(hasher.verified);

        assertEquals(1, wrongPassword.size(), "one verification for a wrong password");
        assertEquals(1, unknownUser.size(), "one verification for an unknown name");
        assertEquals(1, unknownEmail.size(), "one verification for an unknown e-mail");
        assertEquals(cost(wrongPassword.get(0)), cost(unknownUser.get(0)), "at the same cost");
        assertEquals(cost(wrongPassword.get(0)), cost(unknownEmail.get(0)), "at the same cost");
    }

    @Test
    void aThrottledLoginCostsNoHash() {
        for (int i = 0; i < 5; i++) {
            assertRefused(() -> accounts.authenticate("alice", false, "wrong password"));
        }
        hasher.verified.clear();

        LoginRefused refused = assertThrows(LoginRefused.class, () -> accounts.authenticate("alice", false, PASSWORD));

        assertEquals(Optional.of(Duration.ofSeconds(1)), refused.retryAfter());
        assertEquals(List.of(), hasher.verified);
        assertEquals(6, count("parley.logins.failed"), "five wrong passwords and one throttled login counted");
        assertEquals(0, count("parley.logins.succeeded"));
    }

    @Test
    void anUnknownNameIsThrottledLikeAnAccount() {
        for (int i = 0; i < 5; i++) {
            String guess = "guess " + i;
            assertRefused(() -> accounts.authenticate("mallory", false, guess));
        }

        LoginRefused refused = assertThrows(LoginRefused.class, () -> accounts.authenticate("MALLORY", false, "guess"));

        assertTrue(refused.retryAfter().isPresent(), "throttled, without a word about whether mallory exists");
    }

    @Test
    void aSuccessfulLoginEndsTheCountOfFailures() {
        for (int i = 0; i < 4; i++) {
            assertRefused(() -> accounts.authenticate("alice", false, "wrong password"));
        }
        accounts.authenticate("alice", false, PASSWORD);

        for (int i = 0; i < 4; i++) {
            assertRefused(() -> accounts.authenticate("alice", false, "wrong password"));
        }
        assertSame(alice, accounts.authenticate("alice", false, PASSWORD));
    }

    @Test
    void anOutdatedHashIsReplacedAtLogin() {
        accounts.hasher = new CountingHasher(2 * PasswordHasher.MIN_MEMORY_KIB);
        accounts.hasher.decoy();

        accounts.authenticate("alice", false, PASSWORD);

        assertEquals(List.of(1L), users.rehashed);
        String stored = users.byUsername("alice").orElseThrow().getPasswordHash();
        assertTrue(stored.startsWith("$argon2id$v=19$m=38912,t=2,p=1$"), stored);
        assertEquals(alice.getId(), accounts.authenticate("alice", false, PASSWORD).getId(), "the new hash verifies");
        assertEquals(List.of(1L), users.rehashed, "and is kept");
    }

    /** With the real hasher: a hash stored before Argon2id (PBKDF2, 600,000 iterations) logs in and is replaced. */
    @Test
    void aPbkdf2HashIsReplacedByArgon2idAtLogin() {
        accounts.hasher = new PasswordHasher(PasswordHasher.MIN_MEMORY_KIB, PasswordHasher.MIN_ITERATIONS,
                PasswordHasher.MIN_PARALLELISM);
        User carol = users.add(TokenIssuerTest.user(3, "carol"),
                "pbkdf2-sha256$600000$GPdW4EH9jYrT4ODnJE4jHw$ianWyzLp2UmMeZ06S5Ffs81f5T7XH01/8x6CXJUc4Dc");

        assertRefused(() -> accounts.authenticate("carol", false, "a wrong password"));
        assertEquals(List.of(), users.rehashed, "only a successful login replaces the hash");
        assertEquals(carol.getId(), accounts.authenticate("carol", false, "correct horse battery staple").getId());

        assertEquals(List.of(3L), users.rehashed);
        String stored = users.byUsername("carol").orElseThrow().getPasswordHash();
        assertTrue(stored.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), stored);
        assertEquals(carol.getId(), accounts.authenticate("carol", false, "correct horse battery staple").getId(),
                "the new hash verifies");
        assertEquals(List.of(3L), users.rehashed, "and is kept");
    }

    @Test
    void registrationStoresNormalizedNamesAndOnlyAHash() {
        User bob = accounts.register("Bo\u0301b", " Bob@Example.test ", "a password", " busy ");

        assertEquals("B\u00F3b", bob.getUsername());
        assertEquals("Bob@Example.test", bob.getEmail());
        assertEquals("busy", bob.getStatus());
        assertTrue(hasher.verify("a password", bob.getPasswordHash()));
        assertTrue(bob.getPasswordHash().startsWith("$argon2id$v=19$m=19456,t=2,p=1$"));
        assertEquals(Optional.of(bob), users.byUsername("b\u00D3B"));
        assertEquals(Optional.of(bob), users.byEmail("bob@example.test"));
        assertEquals(1, count("parley.users.registered"));
    }

    @Test
    void registrationWithoutStatusHasAnEmptyOne() {
        assertEquals("", accounts.register("carol", "carol@example.test", "a password", null).getStatus());
    }

    @Test
    void aTakenNameOrEmailCostsNoHash() {
        hasher.hashed = 0;

        AccountConflict name = assertThrows(AccountConflict.class,
                () -> accounts.register("ALICE", "new@example.test", "a password", null));
        AccountConflict email = assertThrows(AccountConflict.class,
                () -> accounts.register("alice2", "Alice@Example.test", "a password", null));

        assertEquals("username", name.field());
        assertEquals("email", email.field());
        assertEquals(0, hasher.hashed);
        assertEquals(0, count("parley.users.registered"), "a refused registration is not counted");
    }

    private static void assertRefused(Runnable login) {
        LoginRefused refused = assertThrows(LoginRefused.class, login::run);
        assertEquals(Optional.empty(), refused.retryAfter(), "refused, not throttled");
    }

    /** The PHC string's {@code m=..,t=..,p=..}. */
    private static String cost(String storedHash) {
        return storedHash.split("\\$")[3];
    }

    /**
     * Counts the work instead of doing it: a stand-in "hash" in the real format (the cost included, so
     * {@code needsRehash} and the decoy behave as in production), a SHA-256 that costs nothing.
     * PasswordHasherTest tests the real one.
     */
    static class CountingHasher extends PasswordHasher {
        private final int memoryKib;
        final List<String> verified = new ArrayList<>();
        int hashed;

        CountingHasher(int memoryKib) {
            super(memoryKib, MIN_ITERATIONS, MIN_PARALLELISM);
            this.memoryKib = memoryKib;
        }

        @Override
        public String hash(String password) {
            hashed++;
            return "$argon2id$v=19$m=" + memoryKib + ",t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$" + sha256(password);
        }

        @Override
        public boolean verify(String password, String stored) {
            verified.add(stored);
            return stored.endsWith("$" + sha256(password));
        }

        private static String sha256(String password) {
            try {
                return Base64.getEncoder().withoutPadding().encodeToString(
                        MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new AssertionError(e);
            }
        }
    }

    /** The users, in a map: no database, no transaction. */
    static class InMemoryUsers extends UserStore {
        private final Map<String, User> byName = new HashMap<>();
        private final Map<String, User> byMail = new HashMap<>();
        final List<Long> rehashed = new ArrayList<>();

        User add(User user, String hash) {
            return insert(withHash(user, hash));
        }

        private static User withHash(User user, String hash) {
            return new User(user.getId(), user.getUsername(), user.getUsernameKey(), user.getEmail(), user.getEmailKey(),
                    hash, user.getStatus(), user.getCreatedAt(), user.getLastSeen(), user.getTokenGeneration());
        }

        @Override
        public User insert(User user) {
            if (byName.containsKey(Usernames.key(user.getUsername()))) {
                throw new AccountConflict("username");
            }
            if (byMail.containsKey(emailKey(user.getEmail()))) {
                throw new AccountConflict("email");
            }
            byName.put(Usernames.key(user.getUsername()), user);
            byMail.put(emailKey(user.getEmail()), user);
            return user;
        }

        @Override
        public Optional<User> byUsername(String username) {
            return Optional.ofNullable(byName.get(Usernames.key(username)));
        }

        @Override
        public Optional<User> byEmail(String email) {
            return Optional.ofNullable(byMail.get(emailKey(email)));
        }

        @Override
        public void rehashPassword(long userId, String hash) {
            rehashed.add(userId);
            byName.values().stream().filter(u -> u.getId() == userId).toList().forEach(u -> {
                byName.put(u.getUsernameKey(), withHash(u, hash));
                byMail.put(u.getEmailKey(), withHash(u, hash));
            });
        }
    }

    private double count(String counter) {
        return meters.get(counter).counter().count();
    }
}
