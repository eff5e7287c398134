package dev.parley.accounts.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.junit.jupiter.api.Test;

class Pbkdf2Sha256Test {

    @Test
    void rfc7914sVectorsFirstBlock() {
        assertArrayEquals(HexFormat.of().parseHex("55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"),
                Pbkdf2Sha256.derive("passwd".toCharArray(), "salt".getBytes(StandardCharsets.US_ASCII), 1));
        assertArrayEquals(HexFormat.of().parseHex("4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56"),
                Pbkdf2Sha256.derive("Password".toCharArray(), "NaCl".getBytes(StandardCharsets.US_ASCII), 80_000));
    }

    @Test
    void theSameBytesAsTheJdksForEveryKindOfPassword() throws Exception {
        Random random = new Random(7914);
        String[] passwords = {
            "", "a", "correct horse battery", "\u00FCber-geheim \uD83D\uDD11",
            "lone \uD800 surrogate", "trailing \uDC00", // the JDK's UTF-8 encoding turns these into '?'
            "x".repeat(63), "x".repeat(64), "x".repeat(65), "\u00E9".repeat(40), // around the 64-byte HMAC block
            randomText(random, 300)
        };
        for (String password : passwords) {
            for (int iterations : new int[] {1, 2, 3, 1_000}) {
                byte[] salt = new byte[1 + random.nextInt(40)];
                random.nextBytes(salt);
                assertArrayEquals(jdk(password, salt, iterations),
                        Pbkdf2Sha256.derive(password.toCharArray(), salt, iterations),
                        () -> "password of " + password.length() + " chars, " + iterations + " iterations");
            }
        }
    }

    @Test
    void atLeastOneIteration() {
        assertThrows(IllegalArgumentException.class, () -> Pbkdf2Sha256.derive("p".toCharArray(), new byte[16], 0));
    }

    private static byte[] jdk(String password, byte[] salt, int iterations) throws Exception {
        return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 256)).getEncoded();
    }

    private static String randomText(Random random, int length) {
        StringBuilder text = new StringBuilder();
        while (text.length() < length) {
            text.appendCodePoint(random.nextInt(0x1F600));
        }
        return text.toString();
    }
}
