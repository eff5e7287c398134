package dev.parley.testing;

import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Names no other test and no earlier run has used: the database of the integration tests outlives a
 * run, so every test makes its own users under fresh names and never relies on anyone else's.
 */
public final class UniqueNames {

    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final int SUFFIX_LENGTH = 10;
    private static final int MAX_PREFIX = 32 - SUFFIX_LENGTH - 1;

    private UniqueNames() {
    }

    /** A valid, unused username: {@code prefix_} and a random suffix, 32 characters at most. */
    public static String username(String prefix) {
        String head = prefix.length() > MAX_PREFIX ? prefix.substring(0, MAX_PREFIX) : prefix;
        return head + "_" + suffix();
    }

    /** A valid, unused e-mail address. */
    public static String email() {
        return "u" + suffix() + "@parley.test";
    }

    /** Twelve random decimal digits: a suffix for names in scripts other than Latin. */
    public static String digits() {
        return String.format("%012d", ThreadLocalRandom.current().nextLong(1_000_000_000_000L));
    }

    /**
     * A valid, unused username of the longest length, 32 characters, in 51 UTF-16 units: 19 Han ideographs
     * from outside the Basic Multilingual Plane (U+20000), then {@code _} and {@link #digits()}.
     */
    public static String longestOutsideTheBasicPlane() {
        return "\uD840\uDC00".repeat(19) + "_" + digits();
    }

    /** Lower-case letters and digits, about 52 bits of randomness. */
    public static String suffix() {
        StringBuilder suffix = new StringBuilder(SUFFIX_LENGTH);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < SUFFIX_LENGTH; i++) {
            suffix.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return suffix.toString().toLowerCase(Locale.ROOT);
    }
}
