package dev.parley.testing;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Tokens the tests make themselves: with the server's own signing key (read from its data directory,
 * where a server without a configured key generates {@code jwt-private-key.pem}) to show which claims
 * Parley accepts, and with another key, no signature or a forged one to show that it refuses them.
 */
public final class TokenSigner {

    /** The file a server without a configured key keeps its generated key in (PKCS#8 PEM). */
    public static final String SERVER_KEY_FILE = "jwt-private-key.pem";

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final RSAPrivateCrtKey privateKey;
    private final RSAPublicKey publicKey;

    private TokenSigner(RSAPrivateCrtKey privateKey) {
        this.privateKey = privateKey;
        try {
            this.publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(
                    new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The key of the server Arquillian runs (its data directory is {@code it.dataDir}). */
    public static TokenSigner serverKey() {
        return serverKey(ServerOptions.dataDir());
    }

    /** The key a server generated in {@code dataDir}. */
    public static TokenSigner serverKey(Path dataDir) {
        try {
            return fromPem(Files.readString(dataDir.resolve(SERVER_KEY_FILE)));
        } catch (IOException e) {
            throw new UncheckedIOException("the server has no generated key in " + dataDir, e);
        }
    }

    /** An RSA private key in PKCS#8 PEM. */
    public static TokenSigner fromPem(String pem) {
        String base64 = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        try {
            return new TokenSigner((RSAPrivateCrtKey) KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64))));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an RSA private key in PKCS#8 PEM", e);
        }
    }

    /** A fresh 2048-bit key that no server knows. */
    public static TokenSigner newKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            return new TokenSigner((RSAPrivateCrtKey) pair.getPrivate());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public RSAPrivateCrtKey privateKey() {
        return privateKey;
    }

    /** The private key in PKCS#8 PEM, as {@code parley.jwt.private-key} takes it. */
    public String privateKeyPem() {
        return pem("PRIVATE KEY", privateKey.getEncoded());
    }

    public RSAPublicKey publicKey() {
        return publicKey;
    }

    /** The public key in PEM (X.509 SubjectPublicKeyInfo), as {@code mp.jwt.verify.publickey} takes it. */
    public String publicKeyPem() {
        return pem("PUBLIC KEY", publicKey.getEncoded());
    }

    /** An RS256 token with the usual header. */
    public String sign(JsonObject claims) {
        return sign(headerFor("RS256"), claims);
    }

    /** An RS256 signature over any header and claims. */
    public String sign(JsonObject header, JsonObject claims) {
        String input = encode(header) + "." + encode(claims);
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(privateKey);
            rsa.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + BASE64URL.encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether this key's public half verifies the token's RS256 signature. */
    public boolean verifies(String token) {
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            return false;
        }
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(publicKey);
            rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            return rsa.verify(Base64.getUrlDecoder().decode(parts[2]));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** A token with {@code "alg": "none"} and an empty signature. */
    public static String unsigned(JsonObject claims) {
        return encode(headerFor("none")) + "." + encode(claims) + ".";
    }

    /** An HS256 token: with a public key as the secret, the classic algorithm-confusion forgery. */
    public static String hs256(JsonObject claims, byte[] secret) {
        String input = encode(headerFor("HS256")) + "." + encode(claims);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return input + "." + BASE64URL.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The claims Parley itself puts in a token for this user, issued at {@code issuedAt} for
     * {@code lifetime}; a builder, so a test can change one.
     */
    public static JsonObjectBuilder claims(long userId, String username, Instant issuedAt, Duration lifetime) {
        return Json.createObjectBuilder()
                .add("iss", "parley")
                .add("sub", Long.toString(userId))
                .add("upn", username)
                .add("groups", Json.createArrayBuilder().add("user"))
                .add("iat", issuedAt.getEpochSecond())
                .add("exp", issuedAt.plus(lifetime).getEpochSecond())
                .add("jti", UUID.randomUUID().toString())
                .add("userId", userId)
                .add("username", username);
    }

    /** Valid claims for this user: issued now, for an hour. */
    public static JsonObjectBuilder claims(TestUser user) {
        return claims(user.id(), user.username(), Instant.now(), Duration.ofHours(1));
    }

    /** The decoded header of a token. */
    public static JsonObject headerOf(String token) {
        return decode(token.split("\\.")[0]);
    }

    /** The decoded claims of a token. */
    public static JsonObject claimsOf(String token) {
        return decode(token.split("\\.")[1]);
    }

    private static JsonObject headerFor(String alg) {
        return Json.createObjectBuilder().add("alg", alg).add("typ", "JWT").build();
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static String encode(JsonObject json) {
        return BASE64URL.encodeToString(json.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static JsonObject decode(String part) {
        String json = new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }
}
