package dev.parley.accounts.control;

import dev.parley.platform.Database;
import dev.parley.platform.JsonProcessing;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Verifies a token where the runtime's MicroProfile JWT cannot: the WebSocket handshake's
 * {@code ?token=} parameter and the in-band {@code auth} frame. The rules are the runtime's: RS256
 * only, {@code typ} JWT, signed by {@link SigningKeys}, the configured issuer, not expired, every
 * required claim present; and then not revoked.
 */
@ApplicationScoped
public class TokenVerifier {

    /** A token that passed every check. */
    public record VerifiedToken(long userId, String username, String jti, Instant expiresAt) {
    }

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.issuer")
    String issuer;

    @Inject
    TokenRevocations revocations;

    Clock clock = Clock.systemUTC();

    /**
     * The token, if it passed every check; empty if it did not. A database that cannot be reached is not
     * an answer about the token: that failure is thrown (see {@link Database#isUnavailable}).
     */
    public Optional<VerifiedToken> verify(String token) {
        try {
            String[] parts = token.split("\\.", -1);
            if (parts.length != 3) {
                return Optional.empty();
            }
            JsonObject header = parse(parts[0]);
            if (!"RS256".equals(header.getString("alg", null)) || !"JWT".equals(header.getString("typ", "JWT"))
                    || !signatureValid(parts)) {
                return Optional.empty();
            }
            JsonObject claims = parse(parts[1]);
            long exp = claims.getJsonNumber("exp").longValue();
            if (!issuer.equals(claims.getString("iss")) || !claims.containsKey("iat")
                    || clock.instant().getEpochSecond() >= exp) {
                return Optional.empty();
            }
            long userId = Long.parseLong(claims.getString("sub"));
            String jti = claims.getString("jti");
            int generation = claims.get(TokenIssuer.GENERATION_CLAIM) instanceof JsonNumber n ? n.intValue() : 0;
            return revocations.holder(userId, jti, generation)
                    .map(user -> new VerifiedToken(userId, user.getUsername(), jti, Instant.ofEpochSecond(exp)));
        } catch (RuntimeException malformed) {
            if (Database.isUnavailable(malformed)) {
                throw malformed;
            }
            // Missing or mistyped claims, bad base64, bad JSON: not a token of ours.
            return Optional.empty();
        }
    }

    private static boolean signatureValid(String[] parts) {
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(SigningKeys.get().publicKey());
            rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            return rsa.verify(Base64.getUrlDecoder().decode(parts[2]));
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static JsonObject parse(String base64) {
        String json = new String(Base64.getUrlDecoder().decode(base64), StandardCharsets.UTF_8);
        JsonValue value = JsonProcessing.read(json);
        if (!(value instanceof JsonObject object)) {
            throw new IllegalArgumentException("not a JSON object");
        }
        return object;
    }
}
