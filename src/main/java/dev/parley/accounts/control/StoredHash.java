package dev.parley.accounts.control;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * A password hash as stored, taken apart: Argon2id in the PHC string format, which Parley makes, or the
 * PBKDF2-HMAC-SHA256 that it made before, which only verifies until its owner's next login replaces it.
 * Each compares in constant time; a string of any other shape parses to nothing, never to an exception.
 */
sealed interface StoredHash {

    /** True when {@code password} is the one this hash was made from. */
    boolean matches(String password);

    /** True when a hash at the {@code wanted} cost should replace this one. */
    boolean weakerThan(Argon2Cost wanted);

    static Optional<StoredHash> parse(String stored) {
        if (stored == null) {
            return Optional.empty();
        }
        try {
            return Argon2id.parse(stored).or(() -> Pbkdf2Sha256.parse(stored));
        } catch (IllegalArgumentException e) { // a number too large, or Base64 of an impossible length
            return Optional.empty();
        }
    }

    /** {@code $argon2id$v=19$m=<KiB>,t=<passes>,p=<lanes>$<salt>$<hash>}, Base64 without padding (RFC 9106, PHC). */
    record Argon2id(Argon2Cost cost, byte[] salt, byte[] hash) implements StoredHash {

        static final int SALT_BYTES = 16;
        static final int HASH_BYTES = 32;
        private static final Pattern PHC = Pattern.compile(
                "\\$argon2id\\$v=19\\$m=([0-9]{1,10}),t=([0-9]{1,10}),p=([0-9]{1,8})\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");

        /** A new hash of {@code password} (UTF-8). Costs {@code cost.memoryKib()} KiB of heap while it runs. */
        static Argon2id of(String password, byte[] salt, Argon2Cost cost) {
            return new Argon2id(cost, salt, derive(password, salt, cost, HASH_BYTES));
        }

        String phc() {
            Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
            return "$argon2id$v=19$" + cost + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
        }

        @Override
        public boolean matches(String password) {
            return MessageDigest.isEqual(hash, derive(password, salt, cost, hash.length));
        }

        @Override
        public boolean weakerThan(Argon2Cost wanted) {
            return cost.below(wanted) || salt.length < SALT_BYTES || hash.length < HASH_BYTES;
        }

        private static Optional<StoredHash> parse(String stored) {
            Matcher phc = PHC.matcher(stored);
            if (!phc.matches()) {
                return Optional.empty();
            }
            Argon2Cost cost = new Argon2Cost(Integer.parseInt(phc.group(1)), Integer.parseInt(phc.group(2)),
                    Integer.parseInt(phc.group(3)));
            byte[] salt = Base64.getDecoder().decode(phc.group(4));
            byte[] hash = Base64.getDecoder().decode(phc.group(5));
            // Argon2's own minimums (RFC 9106, section 3.1): below them there is no such hash.
            boolean valid = cost.parallelism() >= 1 && cost.iterations() >= 1
                    && cost.memoryKib() >= 8L * cost.parallelism() && salt.length >= 8 && hash.length >= 4;
            return valid ? Optional.of(new Argon2id(cost, salt, hash)) : Optional.empty();
        }

        private static byte[] derive(String password, byte[] salt, Argon2Cost cost, int length) {
            Argon2BytesGenerator generator = new Argon2BytesGenerator();
            generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                    .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                    .withMemoryAsKB(cost.memoryKib())
                    .withIterations(cost.iterations())
                    .withParallelism(cost.parallelism())
                    .withSalt(salt)
                    .build());
            // String.getBytes, not Bouncy Castle's char[] conversion, which throws on an unpaired surrogate.
            byte[] bytes = password.getBytes(StandardCharsets.UTF_8);
            byte[] out = new byte[length];
            try {
                generator.generateBytes(bytes, out);
                return out;
            } finally {
                Arrays.fill(bytes, (byte) 0);
            }
        }
    }

    /** {@code pbkdf2-sha256$<iterations>$<salt>$<hash>}, Base64: Parley's hashes before Argon2id. */
    record Pbkdf2Sha256(int iterations, byte[] salt, byte[] hash) implements StoredHash {

        private static final Pattern FORMAT = Pattern.compile(
                "pbkdf2-sha256\\$([0-9]{1,10})\\$([A-Za-z0-9+/]+=*)\\$([A-Za-z0-9+/]+=*)");

        @Override
        public boolean matches(String password) {
            char[] chars = password.toCharArray();
            PBEKeySpec spec = new PBEKeySpec(chars, salt, iterations, hash.length * 8);
            try {
                byte[] derived = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
                return MessageDigest.isEqual(hash, derived);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("every Java SE runtime has PBKDF2WithHmacSHA256", e);
            } finally {
                spec.clearPassword();
                Arrays.fill(chars, '\0');
            }
        }

        @Override
        public boolean weakerThan(Argon2Cost wanted) {
            return true;
        }

        private static Optional<StoredHash> parse(String stored) {
            Matcher format = FORMAT.matcher(stored);
            if (!format.matches()) {
                return Optional.empty();
            }
            int iterations = Integer.parseInt(format.group(1));
            byte[] salt = Base64.getDecoder().decode(format.group(2));
            byte[] hash = Base64.getDecoder().decode(format.group(3));
            return iterations >= 1 && salt.length >= 1 && hash.length >= 1
                    ? Optional.of(new Pbkdf2Sha256(iterations, salt, hash)) : Optional.empty();
        }
    }
}
