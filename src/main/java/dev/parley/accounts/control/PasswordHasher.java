package dev.parley.accounts.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Argon2id password hashes in the PHC string format ({@link StoredHash.Argon2id}). The cost travels with each
 * hash, so raising it later, like a hash of Parley's earlier PBKDF2, upgrades the hash at its owner's next login
 * ({@link #needsRehash}). Bouncy Castle's Argon2, pure Java: no JDK internals.
 */
@ApplicationScoped
public class PasswordHasher {

    /** OWASP's first choice for Argon2id (19 MiB, 2 passes, 1 lane); configuration may only raise them. */
    public static final int MIN_MEMORY_KIB = 19_456;
    public static final int MIN_ITERATIONS = 2;
    public static final int MIN_PARALLELISM = 1;

    private static final Logger LOG = Logger.getLogger(PasswordHasher.class.getName());
    private static final Argon2Cost OWASP = new Argon2Cost(MIN_MEMORY_KIB, MIN_ITERATIONS, MIN_PARALLELISM);

    private final SecureRandom random = new SecureRandom();
    private Argon2Cost cost;
    /**
     * One hash per core at once: each holds its memory cost while it runs (19 MiB, and 32 HTTP workers could
     * otherwise hash at once), and more at once would not finish sooner. Fair: waiting logins go in turn.
     */
    private Semaphore hashing;
    /** How long a password waits for a core before the caller is told to come back ({@link HashingBusy}). */
    @Inject
    @ConfigProperty(name = "parley.password.max-wait")
    Duration maxWait = Duration.ofSeconds(2);

    /** Verified against when there is no user, so that an unknown name costs what a wrong password costs. */
    private volatile String decoy;

    @Resource
    ManagedExecutorService executor;

    @Inject
    public PasswordHasher(@ConfigProperty(name = "parley.password.argon2-memory-kib") int memoryKib,
            @ConfigProperty(name = "parley.password.argon2-iterations") int iterations,
            @ConfigProperty(name = "parley.password.argon2-parallelism") int parallelism) {
        this(new Argon2Cost(memoryKib, iterations, parallelism), Runtime.getRuntime().availableProcessors());
    }

    PasswordHasher(Argon2Cost configured, int hashesAtOnce) {
        List<String> low = new ArrayList<>();
        if (configured.memoryKib() < MIN_MEMORY_KIB) {
            low.add("parley.password.argon2-memory-kib=" + configured.memoryKib());
        }
        if (configured.iterations() < MIN_ITERATIONS) {
            low.add("parley.password.argon2-iterations=" + configured.iterations());
        }
        if (configured.parallelism() < MIN_PARALLELISM) {
            low.add("parley.password.argon2-parallelism=" + configured.parallelism());
        }
        this.cost = configured.atLeast(OWASP);
        if (!low.isEmpty()) {
            LOG.warning(() -> String.join(", ", low) + " below OWASP's Argon2id " + OWASP + "; using " + cost);
        }
        this.hashing = new Semaphore(Math.max(1, hashesAtOnce), true);
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
        byte[] salt = new byte[StoredHash.Argon2id.SALT_BYTES];
        random.nextBytes(salt);
        return bounded(() -> StoredHash.Argon2id.of(password, salt, cost)).phc();
    }

    /** False for a wrong password and for a stored value that is no hash Parley knows. */
    public boolean verify(String password, String stored) {
        return StoredHash.parse(stored).map(hash -> bounded(() -> hash.matches(password))).orElse(false);
    }

    /** Spends the time of one verification, for a login whose user does not exist. */
    public void verifyDecoy(String password) {
        verify(password, decoy());
    }

    /** True for a hash that is not Argon2id at the configured cost or more: the login that verified it replaces it. */
    public boolean needsRehash(String stored) {
        return StoredHash.parse(stored).map(hash -> hash.weakerThan(cost)).orElse(true);
    }

    /** Logins waiting for a core to hash on (an estimate, as {@link Semaphore#getQueueLength()}). */
    int waitingForAHash() {
        return hashing.getQueueLength();
    }

    /** Runs one hash once a core is free for it; {@link HashingBusy} if none is within {@link #maxWait}. */
    <T> T bounded(Supplier<T> oneHash) {
        try {
            if (!hashing.tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new HashingBusy();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HashingBusy();
        }
        try {
            return oneHash.get();
        } finally {
            hashing.release();
        }
    }
}
