package dev.parley.accounts.control;

import dev.parley.platform.DataDirectory;
import dev.parley.platform.EarlyConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * The RSA key pair that signs and verifies tokens. It is needed before CDI exists (the runtime reads
 * the public key from MicroProfile Config at deployment), hence one lazily loaded instance per class
 * loader rather than a bean.
 * <p>
 * Where the private key comes from, first match wins: {@code parley.jwt.private-key} (a PKCS#8 PEM
 * value), {@code parley.jwt.private-key.location} (a PEM file: a path or a {@code file:} URL), or
 * {@code jwt-private-key.pem} in the data directory, generated there on first start. The public key is
 * derived from the private one, so an operator configures one thing.
 */
public final class SigningKeys {

    static final String PRIVATE_KEY = "parley.jwt.private-key";
    static final String PRIVATE_KEY_LOCATION = "parley.jwt.private-key.location";
    static final String GENERATED_FILE = "jwt-private-key.pem";

    private static final Logger LOG = Logger.getLogger(SigningKeys.class.getName());
    private static SigningKeys loaded;
    private static final AtomicBoolean preparing = new AtomicBoolean();

    private final RSAPrivateCrtKey privateKey;
    private final RSAPublicKey publicKey;

    SigningKeys(RSAPrivateCrtKey privateKey) {
        this.privateKey = privateKey;
        try {
            this.publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(
                    new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot derive the public key", e);
        }
    }

    public static synchronized SigningKeys get() {
        if (loaded == null) {
            loaded = new SigningKeys(parsePrivateKey(privateKeyPem()));
        }
        return loaded;
    }

    /**
     * Starts {@link #get()} on a thread of its own, once ({@link SigningKeyPreparation}); whoever calls
     * {@code get()} meanwhile waits for it. Generating a key on first start takes 0.3 to 1 s of CPU on a
     * cold JVM. A failure here is left to the next {@code get()}, which tries again and throws to its
     * caller.
     */
    static void prepareInBackground() {
        if (!preparing.compareAndSet(false, true)) {
            return;
        }
        Thread thread = new Thread(() -> {
            try {
                get();
            } catch (RuntimeException e) {
                LOG.fine(() -> "preparing the token signing key failed; the first use tries again: " + e);
            }
        }, "parley-signing-key");
        thread.setDaemon(true);
        thread.start();
    }

    public RSAPrivateCrtKey privateKey() {
        return privateKey;
    }

    public RSAPublicKey publicKey() {
        return publicKey;
    }

    public String publicKeyPem() {
        return pem("PUBLIC KEY", publicKey.getEncoded());
    }

    private static String privateKeyPem() {
        String value = EarlyConfig.get(PRIVATE_KEY);
        if (value != null) {
            return value;
        }
        try {
            String location = EarlyConfig.get(PRIVATE_KEY_LOCATION);
            if (location != null) {
                Path file = location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location);
                return Files.readString(file);
            }
            return generatedKeyPem(DataDirectory.resolve().resolve(GENERATED_FILE));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the token signing key", e);
        }
    }

    /** The key kept in the data directory; made on first start, readable by its owner only. */
    static String generatedKeyPem(Path file) throws IOException {
        if (Files.exists(file)) {
            return Files.readString(file);
        }
        String pem;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            pem = pem("PRIVATE KEY", generator.generateKeyPair().getPrivate().getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate an RSA key pair", e);
        }
        Path temp = Files.createTempFile(file.getParent(), "jwt", ".tmp");
        try {
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            LOG.fine("no POSIX permissions on this file system");
        }
        Files.writeString(temp, pem);
        try {
            publishWithoutReplacing(temp, file);
            LOG.info(() -> "generated a token signing key in " + file);
        } catch (FileAlreadyExistsException anotherWasFaster) {
            LOG.fine("another process generated the token signing key first; using that one");
        } finally {
            Files.deleteIfExists(temp);
        }
        // Read back: if another process made a key meanwhile, its key wins, in every process alike.
        return Files.readString(file);
    }

    /**
     * Makes the complete {@code temp} file appear as {@code file}, unless {@code file} exists. Not
     * {@code Files.move(..., ATOMIC_MOVE)}: on POSIX that is rename(2), which silently replaces a key
     * another process has just made and is already signing with. A hard link is atomic and never
     * replaces; where the file system has none, a plain move, which refuses an existing file.
     */
    private static void publishWithoutReplacing(Path temp, Path file) throws IOException {
        try {
            Files.createLink(file, temp);
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (UnsupportedOperationException | FileSystemException noHardLinks) {
            Files.move(temp, file);
        }
    }

    static RSAPrivateCrtKey parsePrivateKey(String pem) {
        String base64 = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        try {
            return (RSAPrivateCrtKey) KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            throw new IllegalStateException("the token signing key is not an RSA private key in PKCS#8 PEM", e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
