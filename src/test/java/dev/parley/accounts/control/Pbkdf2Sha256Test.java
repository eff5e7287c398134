package dev.parley.accounts.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class Pbkdf2Sha256Test {

    @Test
    void thisJdkHashesWithTwoCompressionsAnIteration() {
        assertTrue(Pbkdf2Sha256.fast(), "the JDK 17 SHA-256 state should be in reach; see the log for why not");
    }

    /**
     * Without {@code sun.misc.Unsafe} (a JVM whose modules leave out {@code jdk.unsupported}, as a JDK that
     * denies its memory access would make it useless), hashes are the JDK's PBKDF2, the same bytes, and the log
     * says so once. Run in a JVM of its own, since a JVM decides its modules at launch.
     */
    @Test
    void withoutUnsafeEveryHashIsTheJdksAndTheLogSaysSo() throws Exception {
        String classPath = String.join(java.io.File.pathSeparator,
                codeSource(Pbkdf2Sha256.class), codeSource(WithoutUnsafe.class));
        Path log = Files.createTempFile("pbkdf2-without-unsafe", ".log");
        Process probe = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--limit-modules", "java.se", "-cp", classPath, WithoutUnsafe.class.getName())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            assertTrue(probe.waitFor(60, TimeUnit.SECONDS), "the probe did not finish in 60 s");
            String output = Files.readString(log, StandardCharsets.UTF_8);
            assertEquals(0, probe.exitValue(), output);
            assertTrue(output.contains("fast=false"), output);
            assertTrue(output.contains("same bytes as the JDK's: true"), output);
            assertEquals(1, output.split("The JDK's SHA-256 state is out of reach", -1).length - 1, output);
            assertTrue(output.contains("sun/misc/Unsafe") || output.contains("sun.misc.Unsafe"),
                    "the log names what is missing: " + output);
        } finally {
            probe.destroyForcibly();
            Files.deleteIfExists(log);
        }
    }

    /** The probe's JVM: says which path hashes, and compares derive's bytes with the JDK's. */
    static final class WithoutUnsafe {
        public static void main(String[] args) {
            System.out.println("fast=" + Pbkdf2Sha256.fast());
            byte[] salt = "a salt of more than one block with its padding, 56+ bytes".getBytes(StandardCharsets.US_ASCII);
            boolean same = true;
            for (String password : new String[] {"", "correct horse battery", "x".repeat(65)}) {
                same &= Arrays.equals(Pbkdf2Sha256.jdk(password.toCharArray(), salt, 1_000),
                        Pbkdf2Sha256.derive(password.toCharArray(), salt, 1_000));
            }
            System.out.println("same bytes as the JDK's: " + same);
        }
    }

    private static String codeSource(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    @Test
    void rfc7914sVectorsFirstBlock() {
        assertArrayEquals(HexFormat.of().parseHex("55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"),
                Pbkdf2Sha256.derive("passwd".toCharArray(), "salt".getBytes(StandardCharsets.US_ASCII), 1));
        assertArrayEquals(HexFormat.of().parseHex("4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56"),
                Pbkdf2Sha256.derive("Password".toCharArray(), "NaCl".getBytes(StandardCharsets.US_ASCII), 80_000));
    }

    @Test
    void theSameBytesAsTheJdksForEveryKindOfPasswordAndSalt() {
        Random random = new Random(7914);
        String[] passwords = {
            "", "a", "correct horse battery", "\u00FCber-geheim \uD83D\uDD11",
            "lone \uD800 surrogate", "trailing \uDC00", // the JDK's UTF-8 encoding turns these into '?'
            "x".repeat(63), "x".repeat(64), "x".repeat(65), "\u00E9".repeat(40), // around the 64-byte HMAC block
            randomText(random, 300)
        };
        // Salts around the lengths where S || INT(1) and its padding need a second block (51 and 52 bytes: S || INT(1)
        // of 55 and 56), and around the third.
        int[] saltLengths = {1, 16, 51, 52, 53, 59, 60, 64, 119, 120};
        for (String password : passwords) {
            for (int iterations : new int[] {1, 2, 3, 1_000}) {
                byte[] salt = new byte[saltLengths[random.nextInt(saltLengths.length)]];
                random.nextBytes(salt);
                assertArrayEquals(Pbkdf2Sha256.jdk(password.toCharArray(), salt, iterations),
                        Pbkdf2Sha256.derive(password.toCharArray(), salt, iterations),
                        () -> "password of " + password.length() + " chars, salt of " + salt.length + " bytes, "
                                + iterations + " iterations");
            }
        }
        for (int length : saltLengths) {
            byte[] salt = new byte[length];
            random.nextBytes(salt);
            assertArrayEquals(Pbkdf2Sha256.jdk("pw".toCharArray(), salt, 2),
                    Pbkdf2Sha256.derive("pw".toCharArray(), salt, 2), () -> "salt of " + length + " bytes");
        }
    }

    @Test
    void hashesOnManyThreadsAtOnceAreEachTheJdks() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                String password = "password " + i;
                byte[] salt = new byte[16 + i];
                new Random(i).nextBytes(salt);
                runs.add(pool.submit(() -> assertArrayEquals(Pbkdf2Sha256.jdk(password.toCharArray(), salt, 500),
                        Pbkdf2Sha256.derive(password.toCharArray(), salt, 500), password)));
            }
            for (Future<?> run : runs) {
                run.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void nothingIsAllocatedPerIteration() {
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        byte[] salt = new byte[16];
        Pbkdf2Sha256.derive("warm".toCharArray(), salt, 10_000);
        long before = threads.getCurrentThreadAllocatedBytes();
        Pbkdf2Sha256.derive("correct horse battery".toCharArray(), salt, 100_000);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        // A hash makes a digest, its buffers and a few arrays: a few kilobytes, whatever the iterations. The
        // clone-per-iteration version allocated 40 MB for these 100,000.
        assertTrue(allocated < 64 * 1024, () -> allocated + " bytes allocated for one hash");
    }

    @Test
    void atLeastOneIterationAndASalt() {
        assertThrows(IllegalArgumentException.class, () -> Pbkdf2Sha256.derive("p".toCharArray(), new byte[16], 0));
        assertThrows(IllegalArgumentException.class, () -> Pbkdf2Sha256.derive("p".toCharArray(), new byte[0], 1));
    }

    private static String randomText(Random random, int length) {
        StringBuilder text = new StringBuilder();
        while (text.length() < length) {
            text.appendCodePoint(random.nextInt(0x1F600));
        }
        return text.toString();
    }
}
