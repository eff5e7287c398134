package dev.parley.accounts.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.accounts.entity.User;
import dev.parley.testing.MutableClock;
import dev.parley.testing.TokenSigner;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TokenIssuerTest {

    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");

    private final TokenSigner key = TokenSigner.newKey();
    private final TokenIssuer issuer = new TokenIssuer();
    private final User alice = user(42, "alice");

    @BeforeEach
    void configure() {
        issuer.issuer = "parley";
        issuer.lifetime = Duration.ofHours(1);
        issuer.clock = new MutableClock(NOW);
        issuer.keys = () -> new SigningKeys(key.privateKey());
    }

    @Test
    void aTokenIsSignedWithRs256ByTheKey() {
        String token = issuer.issue(alice).token();

        assertEquals(Json.createObjectBuilder().add("alg", "RS256").add("typ", "JWT").build(),
                TokenSigner.headerOf(token));
        assertTrue(key.verifies(token), "the RS256 signature verifies with the public key");
        assertFalse(TokenSigner.newKey().verifies(token), "and with no other");
    }

    @Test
    void aTokenCarriesTheClaimsOfTheContract() {
        TokenIssuer.IssuedToken issued = issuer.issue(alice);
        JsonObject claims = TokenSigner.claimsOf(issued.token());

        assertEquals(Set.of("iss", "sub", "upn", "groups", "iat", "exp", "jti", "userId", "username", "gen"),
                claims.keySet());
        assertEquals("parley", claims.getString("iss"));
        assertEquals("42", claims.getString("sub"));
        assertEquals("alice", claims.getString("upn"));
        assertEquals(Json.createArrayBuilder().add("user").build(), claims.getJsonArray("groups"));
        assertEquals(NOW.getEpochSecond(), claims.getJsonNumber("iat").longValue());
        assertEquals(NOW.getEpochSecond() + 3600, claims.getJsonNumber("exp").longValue());
        assertEquals(42, claims.getJsonNumber("userId").longValue());
        assertEquals("alice", claims.getString("username"));
        assertEquals(0, claims.getInt("gen"));
        assertEquals(issued.jti(), claims.getString("jti"));
        assertEquals(issued.jti(), UUID.fromString(issued.jti()).toString());
        assertEquals(NOW.plus(Duration.ofHours(1)), issued.expiresAt());
    }

    @Test
    void theLifetimeIsConfigurable() {
        issuer.lifetime = Duration.ofMinutes(5);

        JsonObject claims = TokenSigner.claimsOf(issuer.issue(alice).token());

        assertEquals(300, claims.getJsonNumber("exp").longValue() - claims.getJsonNumber("iat").longValue());
    }

    @Test
    void aTokenCarriesTheUsersTokenGeneration() {
        User loggedOutEverywhereTwice = user(1, "alice", 2);

        assertEquals(2, TokenSigner.claimsOf(issuer.issue(loggedOutEverywhereTwice).token())
                .getInt(TokenIssuer.GENERATION_CLAIM));
    }

    @Test
    void everyTokenHasItsOwnId() {
        assertNotEquals(issuer.issue(alice).jti(), issuer.issue(alice).jti());
    }

    @Test
    void aNameOutsideAsciiSurvivesEncoding() {
        String name = "\u5C71\u7530\u305F\u308D\u3046";

        JsonObject claims = TokenSigner.claimsOf(issuer.issue(user(7, name)).token());

        assertEquals(name, claims.getString("upn"));
        assertEquals(name, claims.getString("username"));
    }

    /** A stored user: the database would have given it its id. */
    static User user(long id, String username) {
        return user(id, username, 0);
    }

    private static User user(long id, String username, int tokenGeneration) {
        return new User(id, username, Usernames.key(username), username + "@example.test",
                username + "@example.test", "$argon2id$v=19$m=19456,t=2,p=1$AAAA$AAAA", "", NOW, null, tokenGeneration);
    }
}
