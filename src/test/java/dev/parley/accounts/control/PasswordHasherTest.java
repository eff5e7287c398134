package dev.parley.accounts.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    private final PasswordHasher hasher = owasp();

    @Test
    void aHashIsArgon2idAtOwaspsCostInThePhcFormat() {
        String hash = hasher.hash("correct horse");

        String[] parts = hash.split("\\$");
        assertEquals(6, parts.length, hash);
        assertEquals("", parts[0]);
        assertEquals("argon2id", parts[1]);
        assertEquals("v=19", parts[2]);
        assertEquals("m=19456,t=2,p=1", parts[3]);
        assertEquals(22, parts[4].length(), "Base64 of 16 bytes without padding");
        assertEquals(43, parts[5].length(), "Base64 of 32 bytes without padding");
        assertEquals(16, Base64.getDecoder().decode(parts[4]).length, "a 128-bit salt");
        assertEquals(32, Base64.getDecoder().decode(parts[5]).length, "a 256-bit hash");
        assertFalse(hash.contains("correct horse"));
    }

    /**
     * PHC strings made by the reference implementation's command line (Debian's argon2 package, 2017-12-27),
     * e.g. {@code echo -n password | argon2 somesalt -id -t 2 -m 16 -p 1 -l 32 -e}. The first is also the
     * reference test suite's Argon2id vector (test.c); the others cover OWASP's cost, four lanes and UTF-8.
     */
    @Test
    void theReferenceImplementationsHashesVerify() {
        String[][] vectors = {
            {"password", "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc"},
            {"password", "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHQ$PL01amPyeUuxG7H0vIr5X+qHkZvWnHmGBGXFYvh8z2E"},
            {"correct horse battery staple",
                "$argon2id$v=19$m=4096,t=3,p=4$TmFDbCBhbmQgcGVwcGVyIQ$XE1TMl3eQ4qTHVCu26T1uWg8++OxaDGRUYkXMMnWx/4"},
            {"\u00FCber-geheim \uD83D\uDD11",
                "$argon2id$v=19$m=4096,t=3,p=4$TmFDbCBhbmQgcGVwcGVyIQ$IgsXlyYqyrHqGMU5pWIZ0RT8IHzGb/cF8Xnva7ru3og"},
        };
        for (String[] vector : vectors) {
            assertTrue(hasher.verify(vector[0], vector[1]), vector[1]);
            assertFalse(hasher.verify(vector[0] + "!", vector[1]), vector[1]);
            // One bit of the stored hash flipped: the comparison must look at every byte.
            char last = vector[1].charAt(vector[1].length() - 1);
            String tampered = vector[1].substring(0, vector[1].length() - 1) + (last == 'A' ? 'B' : 'A');
            assertFalse(hasher.verify(vector[0], tampered), tampered);
        }
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
        // bcrypt would ignore everything after 72 bytes; Argon2 must not.
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
    void anUnpairedSurrogateIsHashedNotThrown() {
        // Bouncy Castle's own char conversion throws on these; UTF-8 by the JDK makes them '?', as PBKDF2 did.
        String hash = hasher.hash("lone \uD800 surrogate");

        assertTrue(hasher.verify("lone \uD800 surrogate", hash));
    }

    /** A hash that the PBKDF2 hasher before Argon2id stored (600,000 iterations, the JDK's bytes). */
    @Test
    void aStoredPbkdf2HashStillVerifiesAndNeedsRehashing() {
        String stored = "pbkdf2-sha256$600000$GPdW4EH9jYrT4ODnJE4jHw$ianWyzLp2UmMeZ06S5Ffs81f5T7XH01/8x6CXJUc4Dc";

        assertTrue(hasher.verify("correct horse battery staple", stored));
        assertFalse(hasher.verify("correct horse battery stapler", stored));
        assertTrue(hasher.needsRehash(stored));
    }

    @Test
    void aPbkdf2HashIsCheckedAgainstRfc7914sVector() {
        // RFC 7914, section 11: PBKDF2-HMAC-SHA256 of "passwd", salt "salt", 1 iteration; its first 32 bytes.
        String stored = "pbkdf2-sha256$1$c2FsdA$VawEblbjCJ/sFpHCJUS2BflBhSFt3gRl5oudV8INrLw";

        assertTrue(hasher.verify("passwd", stored));
        assertFalse(hasher.verify("Passwd", stored));
    }

    @Test
    void anyOtherStoredValueNeverVerifiesAndNeverThrows() {
        List<String> malformed = List.of("", "secret", "$", "$$$$$", "$2a$10$abcdefghijklmnopqrstuv", "md5$1$AAAA$AAAA",
                "pbkdf2-sha256$0$c2FsdA$AAAA", "pbkdf2-sha256$-1$c2FsdA$AAAA", "pbkdf2-sha256$x$c2FsdA$AAAA",
                "pbkdf2-sha256$99999999999$c2FsdA$AAAA", "pbkdf2-sha256$1$A$AAAA", "pbkdf2-sha256$1$c2FsdA$",
                "pbkdf2-sha256$1$c2F%dA$AAAA", "pbkdf2-sha256$1$c2FsdA$AAAA$",
                "$argon2i$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
                "$argon2id$v=16$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
                "$argon2id$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
                "$argon2id$v=19$t=2,m=65536,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
                "$argon2id$v=19$m=65536,t=0,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
                "$argon2id$v=19$m=65536,t=2,p=0$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
                "$argon2id$v=19$m=7,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
                "$argon2id$v=19$m=9999999999,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
                "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
                "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTF",
                "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ=$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
                "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc$",
                "$argon2id$v=19$m=65536,t=2,p=1,data=AA$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc");
        for (String stored : malformed) {
            assertFalse(hasher.verify("password", stored), stored);
            assertTrue(hasher.needsRehash(stored), stored);
        }
        assertFalse(hasher.verify("password", null));
        assertTrue(hasher.needsRehash(null));
    }

    @Test
    void aCostBelowOwaspsIsRaisedWithOneWarning() {
        List<LogRecord> logged = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger log = Logger.getLogger(PasswordHasher.class.getName());
        log.addHandler(capture);
        log.setUseParentHandlers(false); // the warning is expected: kept off the build's console
        try {
            PasswordHasher configuredTooLow = new PasswordHasher(1024, 1, 0);

            assertTrue(configuredTooLow.hash("x").startsWith("$argon2id$v=19$m=19456,t=2,p=1$"));
            new PasswordHasher(PasswordHasher.MIN_MEMORY_KIB, PasswordHasher.MIN_ITERATIONS, PasswordHasher.MIN_PARALLELISM);
        } finally {
            log.removeHandler(capture);
            log.setUseParentHandlers(true);
        }
        assertEquals(1, logged.size(), () -> "one warning, and none for OWASP's own figures: " + logged);
        assertEquals(Level.WARNING, logged.get(0).getLevel());
        assertEquals("parley.password.argon2-memory-kib=1024, parley.password.argon2-iterations=1,"
                + " parley.password.argon2-parallelism=0 below OWASP's Argon2id m=19456,t=2,p=1; using m=19456,t=2,p=1",
                logged.get(0).getMessage());
    }

    @Test
    void aHashOfLessCostThanConfiguredNeedsRehashing() {
        String current = hasher.hash("correct horse");
        PasswordHasher moreMemory = new PasswordHasher(2 * PasswordHasher.MIN_MEMORY_KIB, 2, 1);

        assertFalse(hasher.needsRehash(current));
        assertTrue(moreMemory.needsRehash(current));
        assertTrue(new PasswordHasher(PasswordHasher.MIN_MEMORY_KIB, 3, 1).needsRehash(current), "more passes");
        assertTrue(new PasswordHasher(PasswordHasher.MIN_MEMORY_KIB, 2, 2).needsRehash(current), "more lanes");
        assertTrue(moreMemory.verify("correct horse", current), "an old hash still verifies until it is replaced");
        assertFalse(moreMemory.needsRehash(moreMemory.hash("correct horse")));
        assertFalse(hasher.needsRehash(moreMemory.hash("correct horse")), "a costlier hash is kept");
        // A hash of more memory than configured is kept; one whose salt is shorter than Parley's (8 bytes) is not.
        assertFalse(hasher.needsRehash(
                "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHRzYWx0c2FsdA$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc"));
        assertTrue(hasher.needsRehash(
                "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc"));
        assertTrue(hasher.needsRehash(
                "$argon2id$v=19$m=4096,t=3,p=4$TmFDbCBhbmQgcGVwcGVyIQ$XE1TMl3eQ4qTHVCu26T1uWg8++OxaDGRUYkXMMnWx/4"),
                "4 MiB is below 19 MiB, however many passes and lanes");
    }

    @Test
    void aPasswordThatFindsNoCoreWithinTheWaitIsRefusedAsBusy() throws Exception {
        PasswordHasher oneAtOnce = new PasswordHasher(new Argon2Cost(PasswordHasher.MIN_MEMORY_KIB, 2, 1), 1);
        oneAtOnce.maxWait = Duration.ofMillis(50);
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService first = Executors.newSingleThreadExecutor();
        try {
            Future<Boolean> busy = first.submit(() -> oneAtOnce.bounded(() -> {
                inside.countDown();
                try {
                    return release.await(1, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }));
            assertTrue(inside.await(1, TimeUnit.MINUTES));

            assertThrows(HashingBusy.class, () -> oneAtOnce.bounded(() -> true));

            release.countDown();
            assertTrue(busy.get(1, TimeUnit.MINUTES));
            assertTrue(oneAtOnce.bounded(() -> true), "a core free again takes the next one");
        } finally {
            first.shutdownNow();
        }
    }

    @Test
    void noMoreHashesRunAtOnceThanTheBoundAllows() throws Exception {
        PasswordHasher twoAtOnce = new PasswordHasher(new Argon2Cost(PasswordHasher.MIN_MEMORY_KIB, 2, 1), 2);
        twoAtOnce.maxWait = Duration.ofMinutes(1);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService logins = Executors.newFixedThreadPool(6);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                done.add(logins.submit(() -> twoAtOnce.bounded(() -> {
                    most.accumulateAndGet(running.incrementAndGet(), Math::max);
                    try {
                        release.await(1, TimeUnit.MINUTES);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return running.decrementAndGet();
                })));
            }
            // Two inside, four waiting: wait (without a fixed sleep) until the other four are queued.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (running.get() < 2 || twoAtOnce.waitingForAHash() < 4) {
                assertTrue(running.get() <= 2, () -> running.get() + " hashes at once");
                assertTrue(System.nanoTime() < deadline, "six logins never reached the bound");
                TimeUnit.MILLISECONDS.sleep(1);
            }
            assertEquals(2, running.get());
            release.countDown();
            for (Future<Integer> login : done) {
                login.get(1, TimeUnit.MINUTES);
            }
        } finally {
            logins.shutdownNow();
        }
        assertEquals(2, most.get(), "at most two hashes at once");
    }

    @Test
    void theDecoyIsMadeOnceThoughManyLoginsNeedItAtOnce() throws Exception {
        AtomicInteger hashes = new AtomicInteger();
        PasswordHasher counting = new PasswordHasher(PasswordHasher.MIN_MEMORY_KIB, PasswordHasher.MIN_ITERATIONS,
                PasswordHasher.MIN_PARALLELISM) {
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
            assertFalse(counting.needsRehash(decoy), "the decoy costs what a current hash costs");
        } finally {
            logins.shutdownNow();
        }
        assertEquals(1, hashes.get(), "one decoy for every login of an unknown user");
    }

    private static PasswordHasher owasp() {
        return new PasswordHasher(PasswordHasher.MIN_MEMORY_KIB, PasswordHasher.MIN_ITERATIONS,
                PasswordHasher.MIN_PARALLELISM);
    }
}
