package dev.parley.accounts.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.TokenSigner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeysTest {

    @TempDir
    Path dataDir;

    @Test
    void aKeyIsGeneratedOnFirstStartReadableByItsOwnerOnly() throws IOException {
        Path file = dataDir.resolve(SigningKeys.GENERATED_FILE);

        String pem = SigningKeys.generatedKeyPem(file);

        assertEquals(pem, Files.readString(file));
        assertTrue(pem.startsWith("-----BEGIN PRIVATE KEY-----\n"), pem);
        assertTrue(pem.endsWith("-----END PRIVATE KEY-----\n"), pem);
        assertEquals(2048, SigningKeys.parsePrivateKey(pem).getModulus().bitLength());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(List.of(file), Files.list(dataDir).toList(), "no temporary file left behind");
    }

    @Test
    void theGeneratedKeyIsReloadedNotReplaced() throws IOException {
        Path file = dataDir.resolve(SigningKeys.GENERATED_FILE);
        String first = SigningKeys.generatedKeyPem(file);

        String again = SigningKeys.generatedKeyPem(file);

        assertEquals(first, again);
    }

    @Test
    void processesStartingTogetherAgreeOnOneKey() throws Exception {
        Path file = dataDir.resolve(SigningKeys.GENERATED_FILE);
        ExecutorService starts = Executors.newFixedThreadPool(4);
        try {
            List<Callable<String>> tasks = IntStream.range(0, 8)
                    .<Callable<String>>mapToObj(i -> () -> SigningKeys.generatedKeyPem(file)).toList();
            List<String> keys = starts.invokeAll(tasks).stream().map(SigningKeysTest::result).toList();

            String kept = Files.readString(file);
            assertTrue(keys.stream().allMatch(kept::equals), "every one uses the key that is kept");
            assertEquals(List.of(file), Files.list(dataDir).toList(), "no temporary file left behind");
        } finally {
            starts.shutdownNow();
        }
    }

    @Test
    void aKeyInPkcs8PemIsRead() {
        TokenSigner operatorsKey = TokenSigner.newKey();

        RSAPrivateCrtKey key = SigningKeys.parsePrivateKey(operatorsKey.privateKeyPem());

        assertEquals(operatorsKey.privateKey(), key);
    }

    @Test
    void thePublicKeyIsDerivedFromThePrivateOne() {
        TokenSigner operatorsKey = TokenSigner.newKey();

        SigningKeys keys = new SigningKeys(operatorsKey.privateKey());

        assertEquals(operatorsKey.publicKey(), keys.publicKey());
        assertEquals(operatorsKey.publicKeyPem(), keys.publicKeyPem());
    }

    @Test
    void somethingElseIsNoKey() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> SigningKeys.parsePrivateKey("-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n"));

        assertEquals("the token signing key is not an RSA private key in PKCS#8 PEM", refused.getMessage());
        assertThrows(IllegalStateException.class, () -> SigningKeys.parsePrivateKey("not even base64 !"));
    }

    private static String result(Future<String> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
