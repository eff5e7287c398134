package dev.parley.accounts.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * PBKDF2-HMAC-SHA256 password hashes, stored as {@code pbkdf2-sha256$<iterations>$<salt>$<hash>}.
 * The iteration count travels with the hash, so raising it later upgrades each hash at its owner's
 * next login ({@link #needsRehash}). The derivation is {@link Pbkdf2Sha256}'s: the JDK's bytes, faster.
 */
@ApplicationScoped
public class PasswordHasher {

    /** OWASP's current recommendation for PBKDF2-HMAC-SHA256; configuration may only raise it. */
    public static final int MIN_ITERATIONS = 600_000;

    private static final Logger LOG = Logger.getLogger(PasswordHasher.class.getName());
    private static final String PREFIX = "pbkdf2-sha256";
    private static final int SALT_BYTES = 16;

    private final SecureRandom random = new SecureRandom();
    private int iterations;
    /** Verified against when there is no user, so that an unknown name costs what a wrong password costs. */
    private volatile String decoy;

    @Resource
    ManagedExecutorService executor;

    @Inject
    public PasswordHasher(@ConfigProperty(name = "parley.password.pbkdf2-iterations") int iterations) {
        if (iterations < MIN_ITERATIONS) {
            LOG.warning(() -> "parley.password.pbkdf2-iterations=" + iterations + " is below OWASP's "
                    + MIN_ITERATIONS + "; using " + MIN_ITERATIONS);
        }
        this.iterations = Math.max(iterations, MIN_ITERATIONS);
    }

    /**
     * Makes the decoy at start, on a thread of its own: it costs a hash, which the first registration paid on
     * top of its own when the bean made it as it was created (a first start's first message waited for three
     * hashes, on a JVM that had not compiled them yet). A login of an unknown user in the first moment after
     * start, before the decoy is made, waits for it: up to one more hash, once in the server's life.
     */
    void prepareDecoy(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        try {
            executor.execute(this::decoy);
        } catch (RejectedExecutionException e) {
            LOG.log(Level.FINE, "the decoy hash is made by the first login that needs it", e);
        }
    }

    /** The decoy hash, made on first need; a login that needs it while it is being made waits for it. */
    String decoy() {
        String made = decoy;
        if (made == null) {
            synchronized (this) {
                if (decoy == null) {
                    decoy = hash("decoy password that matches nothing");
                }
                made = decoy;
            }
        }
        return made;
    }

    /** For CDI's proxy only. */
    protected PasswordHasher() {
    }

    public String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return PREFIX + "$" + iterations + "$" + b64.encodeToString(salt) + "$"
                + b64.encodeToString(derive(password, salt, iterations));
    }

    public boolean verify(String password, String stored) {
        String[] parts = stored.split("\\$");
        if (parts.length != 4 || !PREFIX.equals(parts[0])) {
            return false;
        }
        Base64.Decoder b64 = Base64.getDecoder();
        byte[] expected = b64.decode(parts[3]);
        byte[] actual = derive(password, b64.decode(parts[2]), Integer.parseInt(parts[1]));
        return MessageDigest.isEqual(expected, actual);
    }

    /** Spends the time of one verification, for a login whose user does not exist. */
    public void verifyDecoy(String password) {
        verify(password, decoy());
    }

    public boolean needsRehash(String stored) {
        String[] parts = stored.split("\\$");
        return parts.length != 4 || Integer.parseInt(parts[1]) < iterations;
    }

    private static byte[] derive(String password, byte[] salt, int iterations) {
        char[] chars = password.toCharArray();
        try {
            return Pbkdf2Sha256.derive(chars, salt, iterations);
        } finally {
            Arrays.fill(chars, '\0');
        }
    }
}
