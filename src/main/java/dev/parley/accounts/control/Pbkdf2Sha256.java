package dev.parley.accounts.control;

import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * PBKDF2-HMAC-SHA256 (RFC 8018), one 32-byte block: the JDK's {@code PBKDF2WithHmacSHA256} bytes in about half
 * its time, with nothing allocated per iteration.
 *
 * <p>Why: the JDK's HMAC hashes the 64-byte padded key again at every iteration, four SHA-256 compressions where
 * two are enough; attackers' tools do two, so the JDK's hash costs the defender twice what it costs the attacker.
 * Here each iteration is two compressions by the JDK's own SHA-256 (its CPU intrinsic included): the digest's
 * working state is set to the state after the inner (then outer) padded key, one padded block is fed, and the
 * state is read back. {@link MessageDigest} has no way to set a state but {@code clone()}, which allocates
 * (tried, 250 MB a hash: docs/benchmarks.md, item 9), so the state array of {@code sun.security.provider.SHA2}
 * is reached through {@code sun.misc.Unsafe} (module {@code jdk.unsupported}), once per hash. A full block given
 * to an empty buffer is compressed straight into that array ({@code DigestBase.engineUpdate}).
 *
 * <p>That is a JDK internal, so it is checked before use: the classes must be shaped as in JDK 17 to 25, the
 * PBKDF2 in use must be the JDK's own (SunJCE, not a FIPS or other provider configured first), and the output
 * must equal it on known answers. Otherwise every hash is {@link #jdk}'s (said once at INFO):
 * the same bytes, slower. (JDK 24 and later warn once on the console about {@code sun.misc.Unsafe}; a JDK that
 * refuses it gets the JDK's PBKDF2.) The password is encoded in UTF-8 as the JDK's does (unpaired surrogates become
 * {@code ?}), so every stored hash verifies either way.
 */
final class Pbkdf2Sha256 {

    static final int LENGTH = 32;

    private static final Logger LOG = Logger.getLogger(Pbkdf2Sha256.class.getName());
    private static final String JDK_ALGORITHM = "PBKDF2WithHmacSHA256";
    private static final int BLOCK = 64;
    /** What follows a 32-byte message that comes after one 64-byte block: 0x80, zeros, 768 bits. */
    private static final int PADDED_BIT_LENGTH = (BLOCK + LENGTH) * 8;

    private static final StateAccess STATE = StateAccess.find();

    private Pbkdf2Sha256() {
    }

    /** True when the hashes are this class's own, false when they are {@link #jdk}'s. */
    static boolean fast() {
        return STATE != null;
    }

    static byte[] derive(char[] password, byte[] salt, int iterations) {
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be positive: " + iterations);
        }
        if (salt.length == 0) {
            throw new IllegalArgumentException("the salt must not be empty"); // as the JDK's
        }
        return STATE == null ? jdk(password, salt, iterations) : twoCompressions(STATE, password, salt, iterations);
    }

    /** The PBKDF2WithHmacSHA256 of the first provider that has it: the JDK's (SunJCE) unless configured otherwise. */
    static byte[] jdk(char[] password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, LENGTH * 8);
        try {
            return SecretKeyFactory.getInstance(JDK_ALGORITHM).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks " + JDK_ALGORITHM, e);
        } finally {
            spec.clearPassword();
        }
    }

    private static byte[] twoCompressions(StateAccess access, char[] password, byte[] salt, int iterations) {
        MessageDigest digest = access.newDigest();
        byte[] key = utf8(password);
        byte[] block = new byte[BLOCK];
        int[] inner = null;
        int[] outer = null;
        int[] t = null;
        try {
            if (key.length > BLOCK) {
                byte[] digested = digest.digest(key);
                Arrays.fill(key, (byte) 0);
                key = digested;
            }
            inner = absorbPaddedKey(access, digest, key, block, (byte) 0x36);
            outer = absorbPaddedKey(access, digest, key, block, (byte) 0x5c);
            int[] state = access.state(digest);

            // U1 = HMAC(P, S || INT(1)): the inner hash over the salt's own padded blocks.
            byte[] first = padded(salt);
            compress(digest, state, inner, first, first.length);
            Arrays.fill(block, (byte) 0);
            block[LENGTH] = (byte) 0x80;
            block[BLOCK - 2] = (byte) (PADDED_BIT_LENGTH >>> 8);
            block[BLOCK - 1] = (byte) PADDED_BIT_LENGTH;
            bigEndian(state, block);
            compress(digest, state, outer, block, BLOCK);
            t = state.clone();
            // U2 .. Uc: HMAC(P, U(i-1)), each a one-block inner and a one-block outer compression.
            for (int i = 1; i < iterations; i++) {
                bigEndian(state, block);
                compress(digest, state, inner, block, BLOCK);
                bigEndian(state, block);
                compress(digest, state, outer, block, BLOCK);
                for (int j = 0; j < t.length; j++) {
                    t[j] ^= state[j];
                }
            }
            byte[] out = new byte[LENGTH];
            bigEndian(t, out);
            return out;
        } finally {
            Arrays.fill(key, (byte) 0);
            Arrays.fill(block, (byte) 0);
            for (int[] words : new int[][] {inner, outer, t}) {
                if (words != null) {
                    Arrays.fill(words, 0);
                }
            }
            digest.reset();
        }
    }

    /** A copy of the state after the padded key, from SHA-256's initial state. */
    private static int[] absorbPaddedKey(StateAccess access, MessageDigest digest, byte[] key, byte[] block, byte xor) {
        digest.reset();
        Arrays.fill(block, xor);
        for (int i = 0; i < key.length; i++) {
            block[i] = (byte) (key[i] ^ xor);
        }
        digest.update(block, 0, BLOCK);
        return access.state(digest).clone();
    }

    /** state = SHA-256's compression of whole blocks, starting from {@code from}. */
    private static void compress(MessageDigest digest, int[] state, int[] from, byte[] blocks, int length) {
        System.arraycopy(from, 0, state, 0, state.length);
        digest.update(blocks, 0, length);
    }

    /** The message S || INT(1) with SHA-256's padding, for a hash that has already absorbed the 64-byte padded key. */
    private static byte[] padded(byte[] salt) {
        int message = salt.length + 4;
        byte[] out = new byte[(message + 1 + 8 + BLOCK - 1) / BLOCK * BLOCK];
        System.arraycopy(salt, 0, out, 0, salt.length);
        out[salt.length + 3] = 1;
        out[message] = (byte) 0x80;
        long bits = (BLOCK + (long) message) * 8;
        for (int i = 0; i < 8; i++) {
            out[out.length - 1 - i] = (byte) (bits >>> (8 * i));
        }
        return out;
    }

    private static void bigEndian(int[] words, byte[] out) {
        for (int i = 0; i < words.length; i++) {
            int w = words[i];
            out[4 * i] = (byte) (w >>> 24);
            out[4 * i + 1] = (byte) (w >>> 16);
            out[4 * i + 2] = (byte) (w >>> 8);
            out[4 * i + 3] = (byte) w;
        }
    }

    /**
     * UTF-8 with {@code ?} for unpaired surrogates, as {@code StandardCharsets.UTF_8.encode} (the JDK's PBKDF2), but
     * into one buffer of the largest size, zeroed after: {@code encode} may grow its buffer and leave a copy behind.
     */
    private static byte[] utf8(char[] password) {
        CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        ByteBuffer encoded = ByteBuffer.allocate((int) Math.ceil(password.length * (double) encoder.maxBytesPerChar()));
        try {
            CoderResult result = encoder.encode(CharBuffer.wrap(password), encoded, true);
            if (result.isOverflow() || encoder.flush(encoded).isOverflow()) {
                throw new IllegalStateException("UTF-8 took more than " + encoded.capacity() + " bytes");
            }
            return Arrays.copyOf(encoded.array(), encoded.position());
        } finally {
            Arrays.fill(encoded.array(), (byte) 0);
        }
    }

    /** The working state of the SUN provider's SHA-256, where this JDK is shaped as expected. */
    private static final class StateAccess {

        private final sun.misc.Unsafe unsafe;
        private final Class<?> delegate;
        private final long spiField;
        private final long stateField;

        private StateAccess(sun.misc.Unsafe unsafe, Class<?> delegate, long spiField, long stateField) {
            this.unsafe = unsafe;
            this.delegate = delegate;
            this.spiField = spiField;
            this.stateField = stateField;
        }

        /** Null, said once, when the JDK is shaped otherwise or the result differs from the JDK's PBKDF2. */
        static StateAccess find() {
            try {
                Field theUnsafe = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
                theUnsafe.setAccessible(true);
                sun.misc.Unsafe unsafe = (sun.misc.Unsafe) theUnsafe.get(null);
                // Only where the JDK's own PBKDF2 (SunJCE) is the one in use: with another provider first (a FIPS
                // one, Bouncy Castle), its bytes and its password encoding are the ones every hash must keep.
                String provider = SecretKeyFactory.getInstance(JDK_ALGORITHM).getProvider().getName();
                if (!provider.equals("SunJCE")) {
                    throw new IllegalStateException(JDK_ALGORITHM + " comes from " + provider + ", not SunJCE");
                }
                Class<?> delegate = Class.forName("java.security.MessageDigest$Delegate");
                StateAccess access = new StateAccess(unsafe, delegate,
                        unsafe.objectFieldOffset(delegate.getDeclaredField("digestSpi")),
                        unsafe.objectFieldOffset(Class.forName("sun.security.provider.SHA2")
                                .getDeclaredField("state")));
                access.check();
                LOG.info("Password hashes: PBKDF2-HMAC-SHA256 on the JDK's SHA-256 state, two compressions an iteration");
                return access;
            } catch (ReflectiveOperationException | GeneralSecurityException | RuntimeException | LinkageError e) {
                LOG.log(Level.INFO, "The JDK's SHA-256 state is out of reach: password hashes use"
                        + " PBKDF2WithHmacSHA256 as the providers offer it, about twice as slow", e);
                return null;
            }
        }

        MessageDigest newDigest() {
            try {
                MessageDigest digest = MessageDigest.getInstance("SHA-256", "SUN");
                if (!delegate.isInstance(digest)) {
                    throw new IllegalStateException("SHA-256 of the SUN provider is a " + digest.getClass().getName());
                }
                Object spi = unsafe.getObject(digest, spiField);
                if (spi == null || !spi.getClass().getName().equals("sun.security.provider.SHA2$SHA256")) {
                    throw new IllegalStateException("SHA-256 of the SUN provider is " + spi);
                }
                return digest;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("no SHA-256 from the SUN provider", e);
            }
        }

        int[] state(MessageDigest digest) {
            int[] state = (int[]) unsafe.getObject(unsafe.getObject(digest, spiField), stateField);
            if (state.length != LENGTH / 4) {
                throw new IllegalStateException("SHA-256's state has " + state.length + " words");
            }
            return state;
        }

        /**
         * Known answers: RFC 7914's first vector, and the JDK's own output for a key longer than a block with an
         * unpaired surrogate in it, and for an empty password.
         */
        private void check() {
            byte[] rfc = twoCompressions(this, "passwd".toCharArray(), "salt".getBytes(StandardCharsets.US_ASCII), 1);
            if (!Arrays.equals(rfc, HexFormat.of().parseHex(
                    "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"))) {
                throw new IllegalStateException("RFC 7914's vector gave " + HexFormat.of().formatHex(rfc));
            }
            char[] longKey = "a password longer than SHA-256's 64-byte block, \u00FCber \uD83D\uDD11 \uD800".repeat(2)
                    .toCharArray();
            byte[] salt = "a salt that takes two blocks with its padding, over 55 bytes".getBytes(StandardCharsets.US_ASCII);
            for (char[] password : new char[][] {longKey, new char[0]}) {
                if (!Arrays.equals(twoCompressions(this, password, salt, 3), jdk(password, salt, 3))) {
                    throw new IllegalStateException("the JDK's PBKDF2 gave other bytes");
                }
            }
        }
    }
}
