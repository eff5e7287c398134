package dev.parley.accounts.boundary;

import static dev.parley.testing.ProblemAssertions.NO_VALID_TOKEN;
import static dev.parley.testing.ProblemAssertions.TOKEN_NO_LONGER_VALID;
import static dev.parley.testing.ProblemAssertions.assertProblem;
import static dev.parley.testing.ProblemAssertions.assertUnauthorized;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.DeployedParley;
import dev.parley.testing.Reply;
import dev.parley.testing.TestUser;
import dev.parley.testing.TokenSigner;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tokens: what they claim, which ones the server refuses (tokens the test signs itself), logout and
 * refresh.
 */
class TokensIT extends DeployedParley {

    TestUser user;
    TokenSigner serverKey;

    @BeforeEach
    void loggedInUser() {
        user = TestUser.register(http, "tokens");
        serverKey = TokenSigner.serverKey();
    }

    @Test
    void aTokenCarriesTheClaimsOfTheContract() {
        long now = Instant.now().getEpochSecond();
        JsonObject header = TokenSigner.headerOf(user.token());
        JsonObject claims = TokenSigner.claimsOf(user.token());

        assertEquals("RS256", header.getString("alg"));
        assertEquals("JWT", header.getString("typ"));
        assertTrue(serverKey.verifies(user.token()), "signed with the server's key");
        assertTrue(claims.keySet().containsAll(
                Set.of("iss", "sub", "upn", "groups", "iat", "exp", "jti", "userId", "username")), claims::toString);
        assertEquals("parley", claims.getString("iss"));
        assertEquals(Long.toString(user.id()), claims.getString("sub"));
        assertEquals(user.username(), claims.getString("upn"));
        assertEquals(Json.createArrayBuilder().add("user").build(), claims.getJsonArray("groups"));
        long iat = claims.getJsonNumber("iat").longValue();
        assertTrue(Math.abs(iat - now) <= 60, () -> "issued now: " + claims);
        assertEquals(iat + 24 * 3600, claims.getJsonNumber("exp").longValue(), "a day, parley.jwt.lifetime");
        assertTrue(!claims.getString("jti").isBlank());
        assertEquals(user.id(), claims.getJsonNumber("userId").longValue());
        assertEquals(user.username(), claims.getString("username"));
    }

    @Test
    void everyTokenHasItsOwnId() {
        TestUser again = user.withNewToken(http);

        assertNotEquals(TokenSigner.claimsOf(user.token()).getString("jti"),
                TokenSigner.claimsOf(again.token()).getString("jti"));
    }

    @Test
    void aTokenTheTestSignsWithTheServerKeyIsAccepted() {
        // Shows that the forgeries below fail for what is wrong with them, not for how the test signs.
        String token = serverKey.sign(TokenSigner.claims(user).build());

        assertMe(200, token);
    }

    @Test
    void aValidlySignedTokenWhoseSubjectIsNoUserIdIsRefusedNotAFault() {
        String token = serverKey.sign(TokenSigner.claims(user).add("sub", "not-a-number").build());

        assertMe(401, token);
    }

    @Test
    void anExpiredTokenIsRefused() {
        Instant twoHoursAgo = Instant.now().minus(Duration.ofHours(2));
        String token = serverKey.sign(TokenSigner.claims(user.id(), user.username(), twoHoursAgo,
                Duration.ofHours(1)).build());

        assertRefused(token, NO_VALID_TOKEN);
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRefused() {
        String token = TokenSigner.newKey().sign(TokenSigner.claims(user).build());

        assertRefused(token, NO_VALID_TOKEN);
    }

    @Test
    void anUnsignedTokenIsRefused() {
        String token = TokenSigner.unsigned(TokenSigner.claims(user).build());

        assertRefused(token, NO_VALID_TOKEN);
    }

    @Test
    void anHs256TokenKeyedWithThePublicKeyIsRefused() {
        JsonObject claims = TokenSigner.claims(user).build();

        assertRefused(TokenSigner.hs256(claims, serverKey.publicKeyPem().getBytes(StandardCharsets.US_ASCII)),
                NO_VALID_TOKEN);
        assertRefused(TokenSigner.hs256(claims, serverKey.publicKey().getEncoded()), NO_VALID_TOKEN);
    }

    @Test
    void aTokenOfAnotherIssuerIsRefused() {
        String token = serverKey.sign(TokenSigner.claims(user).add("iss", "someone-else").build());

        assertRefused(token, NO_VALID_TOKEN);
    }

    @Test
    void aValidTokenWithoutTheUserRoleIsForbidden() {
        // Roles are enforced on every runtime (RESTEasy only with resteasy.role.based.security, in web.xml).
        String token = serverKey.sign(TokenSigner.claims(user).add("groups", Json.createArrayBuilder()).build());

        assertProblem(http.get("api/users/me").bearer(token).send(), 403, "This is not allowed.");
    }

    @Test
    void aTamperedTokenIsRefused() {
        String[] parts = user.token().split("\\.");
        JsonObject claims = Json.createObjectBuilder(TokenSigner.claimsOf(user.token()))
                .add("groups", Json.createArrayBuilder().add("user").add("admin")).build();
        String payload = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));

        assertRefused(parts[0] + "." + payload + "." + parts[2], NO_VALID_TOKEN);
    }

    @Test
    void aTokenForAUserWhoDoesNotExistIsRefused() {
        String token = serverKey.sign(TokenSigner.claims(Long.MAX_VALUE - 7, "nobody_at_all", Instant.now(),
                Duration.ofHours(1)).build());

        assertRefused(token, TOKEN_NO_LONGER_VALID);
    }

    @Test
    void garbageIsRefused() {
        assertRefused("garbage", NO_VALID_TOKEN);
        assertRefused("", NO_VALID_TOKEN);
    }

    @Test
    void noTokenIsRefused() {
        assertUnauthorized(http.get("api/users/me").send(), NO_VALID_TOKEN);
    }

    @Test
    void logoutEndsThatTokenAtOnceAndNoOther() {
        TestUser secondDevice = user.withNewToken(http);

        Reply logout = http.post("api/logout").bearer(user.token()).send();

        assertEquals(204, logout.status(), logout::toString);
        assertEquals("", logout.body());
        assertRefused(user.token(), TOKEN_NO_LONGER_VALID);
        assertMe(200, secondDevice.token());
    }

    @Test
    void logoutWithAFalseAllEndsOnlyThatToken() {
        TestUser secondDevice = user.withNewToken(http);

        Reply logout = http.post("api/logout").bearer(user.token())
                .json(Json.createObjectBuilder().add("all", false).build()).send();

        assertEquals(204, logout.status(), logout::toString);
        assertRefused(user.token(), TOKEN_NO_LONGER_VALID);
        assertMe(200, secondDevice.token());
    }

    @Test
    void logoutEverywhereEndsEveryTokenOfTheUserAndNoOtherUsers() {
        TestUser secondDevice = user.withNewToken(http);
        TestUser someoneElse = TestUser.register(http, "bystander");

        Reply logout = http.post("api/logout").bearer(user.token())
                .json(Json.createObjectBuilder().add("all", true).build()).send();

        assertEquals(204, logout.status(), logout::toString);
        assertRefused(user.token(), TOKEN_NO_LONGER_VALID);
        assertRefused(secondDevice.token(), TOKEN_NO_LONGER_VALID);
        assertMe(200, someoneElse.token());
        assertMe(200, user.withNewToken(http).token());
    }

    @Test
    void aLoggedOutTokenCannotLogOutAgainNorRefresh() {
        http.post("api/logout").bearer(user.token()).send();

        assertUnauthorized(http.post("api/logout").bearer(user.token()).send(), TOKEN_NO_LONGER_VALID);
        assertUnauthorized(http.post("api/token/refresh").bearer(user.token()).send(), TOKEN_NO_LONGER_VALID);
    }

    @Test
    void logoutNeedsAToken() {
        assertUnauthorized(http.post("api/logout").send(), NO_VALID_TOKEN);
    }

    @Test
    void refreshAnswersAFreshWorkingToken() {
        Reply reply = http.post("api/token/refresh").bearer(user.token()).send();

        assertEquals(200, reply.status(), reply::toString);
        JsonObject body = reply.json();
        assertEquals(Set.of("token", "tokenType", "expiresAt", "user"), body.keySet());
        assertEquals("Bearer", body.getString("tokenType"));
        assertEquals(user.email(), body.getJsonObject("user").getString("email"));
        String fresh = body.getString("token");
        assertNotEquals(TokenSigner.claimsOf(user.token()).getString("jti"), TokenSigner.claimsOf(fresh).getString("jti"));
        assertEquals(TokenSigner.claimsOf(fresh).getJsonNumber("exp").longValue(),
                Instant.parse(body.getString("expiresAt")).getEpochSecond());
        assertMe(200, fresh);
        assertMe(200, user.token());
    }

    @Test
    void refreshNeedsAToken() {
        assertUnauthorized(http.post("api/token/refresh").send(), NO_VALID_TOKEN);
        assertUnauthorized(http.post("api/token/refresh").bearer("garbage").send(), NO_VALID_TOKEN);
    }

    private void assertMe(int status, String token) {
        Reply reply = http.get("api/users/me").bearer(token).send();
        assertEquals(status, reply.status(), reply::toString);
    }

    private void assertRefused(String token, String detail) {
        assertUnauthorized(http.get("api/users/me").bearer(token).send(), detail);
    }
}
