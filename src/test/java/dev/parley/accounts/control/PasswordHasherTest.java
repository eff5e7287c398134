package dev.parley.accounts.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher(600_000);

    @Test
    void aHashNamesItsAlgorithmAndOwaspsIterationCount() {
        String hash = hasher.hash("correct horse");

        String[] parts = hash.split("\\$");
        assertEquals(4, parts.length, hash);
        assertEquals("pbkdf2-sha256", parts[0]);
        assertEquals("600000", parts[1]);
        assertEquals(16, Base64.getDecoder().decode(parts[2]).length, "a 128-bit salt");
        assertEquals(32, Base64.getDecoder().decode(parts[3]).length, "a 256-bit hash");
        assertFalse(hash.contains("correct horse"));
    }

    @Test
    void theRightPasswordVerifiesAndAWrongOneDoesNot() {
        String hash = hasher.hash("correct horse");

        assertTrue(hasher.verify("correct horse", hash));
        assertFalse(hasher.verify("correct horsE", hash));
        assertFalse(hasher.verify("correct horse ", hash));
        assertFalse(hasher.verify("", hash));
    }

    @Test
    void everyHashHasItsOwnSalt() {
        assertNotEquals(hasher.hash("same password"), hasher.hash("same password"));
    }

    @Test
    void nothingIsTruncated() {
        // bcrypt would ignore everything after 72 bytes; PBKDF2 must not.
        String base = "a".repeat(127);
        String hash = hasher.hash(base + "1");

        assertFalse(hasher.verify(base + "2", hash));
    }

    @Test
    void nonAsciiPasswordsWork() {
        String hash = hasher.hash("\u00FCber-geheim \uD83D\uDD11");

        assertTrue(hasher.verify("\u00FCber-geheim \uD83D\uDD11", hash));
        assertFalse(hasher.verify("uber-geheim \uD83D\uDD11", hash));
    }

    @Test
    void aStoredValueOfAnotherFormatNeverVerifies() {
        assertFalse(hasher.verify("secret", "secret"));
        assertFalse(hasher.verify("secret", "$2a$10$abcdefghijklmnopqrstuv"));
        assertFalse(hasher.verify("secret", "md5$1$AAAA$AAAA"));
    }

    @Test
    void fewerIterationsThanOwaspsAreRaised() {
        PasswordHasher configuredTooLow = new PasswordHasher(1_000);

        assertTrue(configuredTooLow.hash("x").startsWith("pbkdf2-sha256$600000$"));
    }

    @Test
    void aHashOfFewerIterationsThanConfiguredNeedsRehashing() {
        String current = hasher.hash("correct horse");
        PasswordHasher raised = new PasswordHasher(700_000);

        assertFalse(hasher.needsRehash(current));
        assertTrue(raised.needsRehash(current));
        assertTrue(raised.verify("correct horse", current), "an old hash still verifies until it is replaced");
        assertFalse(raised.needsRehash(raised.hash("correct horse")));
        assertTrue(hasher.needsRehash("something else"));
    }

    @Test
    void theDecoyIsMadeOnceThoughManyLoginsNeedItAtOnce() throws Exception {
        AtomicInteger hashes = new AtomicInteger();
        PasswordHasher counting = new PasswordHasher(PasswordHasher.MIN_ITERATIONS) {
            @Override
            public String hash(String password) {
                hashes.incrementAndGet();
                return super.hash(password);
            }
        };
        ExecutorService logins = Executors.newFixedThreadPool(4);
        try {
            Callable<String> unknownUser = () -> {
                counting.verifyDecoy("a password");
                return counting.decoy();
            };
            List<Future<String>> done = logins.invokeAll(List.of(unknownUser, unknownUser, unknownUser, unknownUser),
                    2, TimeUnit.MINUTES);
            String decoy = done.get(0).get();
            for (Future<String> login : done) {
                assertEquals(decoy, login.get());
            }
        } finally {
            logins.shutdownNow();
        }
        assertEquals(1, hashes.get(), "one decoy for every login of an unknown user");
    }
}
