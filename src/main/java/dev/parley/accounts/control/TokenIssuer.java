package dev.parley.accounts.control;

import static dev.parley.platform.JsonProcessing.JSON;

import dev.parley.ParleyApplication;
import dev.parley.accounts.entity.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Signs the RS256 tokens that the runtime verifies. Besides the claims MicroProfile JWT needs, a token
 * carries {@code userId} and {@code username} for clients of the original server, and {@code gen},
 * the user's token generation at issue (see {@link TokenRevocations}).
 */
@ApplicationScoped
public class TokenIssuer {

    public static final String GENERATION_CLAIM = "gen";

    /** A signed token and what a client needs to know of it. */
    public record IssuedToken(String token, String jti, Instant expiresAt) {
    }

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.issuer")
    String issuer;

    @Inject
    @ConfigProperty(name = "parley.jwt.lifetime")
    Duration lifetime;

    Clock clock = Clock.systemUTC();

    /** The key pair that signs; the one of {@link SigningKeys#get()} unless a unit test gives another. */
    Supplier<SigningKeys> keys = SigningKeys::get;

    public IssuedToken issue(User user) {
        Instant now = clock.instant();
        Instant expiresAt = now.plus(lifetime);
        String jti = UUID.randomUUID().toString();
        JsonObject header = JSON.createObjectBuilder().add("alg", "RS256").add("typ", "JWT").build();
        JsonObject claims = JSON.createObjectBuilder()
                .add("iss", issuer)
                .add("sub", user.getId().toString())
                .add("upn", user.getUsername())
                .add("groups", JSON.createArrayBuilder().add(ParleyApplication.USER_ROLE))
                .add("iat", now.getEpochSecond())
                .add("exp", expiresAt.getEpochSecond())
                .add("jti", jti)
                .add("userId", user.getId())
                .add("username", user.getUsername())
                .add(GENERATION_CLAIM, user.getTokenGeneration())
                .build();
        String signingInput = base64(header.toString()) + "." + base64(claims.toString());
        return new IssuedToken(signingInput + "." + sign(signingInput), jti, expiresAt);
    }

    private String sign(String signingInput) {
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(keys.get().privateKey());
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
