package dev.parley.accounts.boundary;

import static dev.parley.testing.ProblemAssertions.assertProblem;
import static dev.parley.testing.ProblemAssertions.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.Await;
import dev.parley.testing.DeployedParley;
import dev.parley.testing.Reply;
import dev.parley.testing.TestUser;
import dev.parley.testing.TokenSigner;
import dev.parley.testing.UniqueNames;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code POST /api/login}: credentials for a token, and the throttle on guessing. */
class LoginIT extends DeployedParley {

    /** {@code parley.login.free-failures}: failures before the throttle starts. */
    private static final int FREE_FAILURES = 5;
    private static final Pattern THROTTLED = Pattern.compile("Too many failed logins: try again in (\\d+) s\\.");

    TestUser user;

    @BeforeEach
    void registeredUser() {
        user = TestUser.register(http, "login");
    }

    @Test
    void loginByEmailAnswersTokenAndOwnView() {
        Instant before = Instant.now().minusSeconds(1);
        JsonObject credentials = Json.createObjectBuilder()
                .add("email", user.email()).add("password", user.password()).build();

        Reply reply = http.post("api/login").json(credentials).send();

        assertEquals(200, reply.status(), reply::toString);
        assertEquals("application/json", reply.mediaType());
        JsonObject body = reply.json();
        assertEquals(Set.of("token", "tokenType", "expiresAt", "user"), body.keySet());
        assertEquals("Bearer", body.getString("tokenType"));
        Instant expiresAt = Instant.parse(body.getString("expiresAt"));
        assertEquals(TokenSigner.claimsOf(body.getString("token")).getJsonNumber("exp").longValue(),
                expiresAt.getEpochSecond());
        // A working day, as the original server's tokens: its client cannot renew one (logout still ends it at once).
        assertTrue(!expiresAt.isBefore(before.plus(Duration.ofHours(24)))
                && !expiresAt.isAfter(Instant.now().plus(Duration.ofHours(24)).plusSeconds(1)),
                () -> "a day from now: " + expiresAt);
        assertEquals(Json.createObjectBuilder()
                .add("id", user.id())
                .add("username", user.username())
                .add("email", user.email())
                .add("status", "")
                .add("online", false)
                .add("lastSeen", JsonValue.NULL)
                .build(), body.getJsonObject("user"));
        assertFalse(reply.body().contains(user.password()));
    }

    @Test
    void loginByUsernameIgnoresCase() {
        Reply reply = http.post("api/login")
                .json(TestUser.credentials(user.username().toUpperCase(), user.password())).send();

        assertEquals(200, reply.status(), reply::toString);
        assertEquals(user.id(), reply.json().getJsonObject("user").getJsonNumber("id").longValue());
    }

    @Test
    void loginByEmailIgnoresCaseAndSurroundingSpace() {
        JsonObject credentials = Json.createObjectBuilder()
                .add("email", " " + user.email().toUpperCase() + " ").add("password", user.password()).build();

        Reply reply = http.post("api/login").json(credentials).send();

        assertEquals(200, reply.status(), reply::toString);
    }

    @Test
    void theTokenOfALoginWorks() {
        Reply me = http.get("api/users/me").bearer(user.token()).send();

        assertEquals(200, me.status(), me::toString);
        assertEquals(user.username(), me.json().getString("username"));
    }

    @Test
    void anUnknownUserAndAWrongPasswordLookTheSame() {
        Reply wrongPassword = http.post("api/login")
                .json(TestUser.credentials(user.username(), "not the password")).send();
        Reply unknownUser = http.post("api/login")
                .json(TestUser.credentials(UniqueNames.username("ghost"), user.password())).send();
        JsonObject unknownEmail = Json.createObjectBuilder()
                .add("email", UniqueNames.email()).add("password", user.password()).build();
        Reply unknownByEmail = http.post("api/login").json(unknownEmail).send();

        for (Reply reply : new Reply[]{wrongPassword, unknownUser, unknownByEmail}) {
            assertProblem(reply, 401, "invalid credentials");
            assertEquals(wrongPassword.body(), reply.body());
            assertEquals(wrongPassword.headers().map().keySet(), reply.headers().map().keySet());
        }
    }

    @Test
    void aLoginNeedsAnEmailOrAUsername() {
        JsonObject noIdentifier = Json.createObjectBuilder().add("password", "whatever1").build();

        Reply reply = http.post("api/login").json(noIdentifier).send();

        assertProblem(reply, 400, "email: give an e-mail or a username",
                field("email", "give an e-mail or a username"));
    }

    @Test
    void aLoginNeedsAPassword() {
        JsonObject noPassword = Json.createObjectBuilder().add("username", user.username()).build();

        Reply reply = http.post("api/login").json(noPassword).send();

        assertProblem(reply, 400, "password: is required", field("password", "is required"));
    }

    @Test
    void anOverlongPasswordIsRefusedUnhashed() {
        Reply reply = http.post("api/login")
                .json(TestUser.credentials(user.username(), "x".repeat(1024 * 1024))).send();

        assertProblem(reply, 400, "password: must be at most 128 characters",
                field("password", "must be at most 128 characters"));
    }

    @Test
    void malformedJsonIsRefused() {
        Reply reply = http.post("api/login").body("{\"username\": \"a\", ", "application/json").send();

        assertProblem(reply, 400, "The request body is not valid JSON of the expected shape.");
    }

    @Test
    void afterFiveFailuresTheNextAttemptWaitsAndThenTheRightPasswordWorks() {
        for (int i = 0; i < FREE_FAILURES; i++) {
            Reply failed = http.post("api/login").json(TestUser.credentials(user.username(), "wrong guess " + i)).send();
            assertProblem(failed, 401, "invalid credentials");
        }

        // Even the right password must wait now: otherwise the throttle would tell a guesser when a guess is right.
        Reply throttled = http.post("api/login").json(TestUser.credentials(user.username(), user.password())).send();
        long retryAfter = assertThrottled(throttled);
        assertTrue(retryAfter >= 1 && retryAfter <= 2, () -> "the first back-off is a second: " + throttled);

        Reply login = Await.until("the back-off to end", Duration.ofSeconds(retryAfter + 10),
                () -> http.post("api/login").json(TestUser.credentials(user.username(), user.password())).send(),
                reply -> reply.status() != 429);
        assertEquals(200, login.status(), login::toString);
    }

    @Test
    void theThrottleCountsLoginsByEmailAndByNameAsOneAccount() {
        for (int i = 0; i < FREE_FAILURES; i++) {
            JsonObject byEmail = Json.createObjectBuilder()
                    .add("email", user.email()).add("password", "wrong guess " + i).build();
            assertProblem(http.post("api/login").json(byEmail).send(), 401, "invalid credentials");
        }

        assertThrottled(http.post("api/login").json(TestUser.credentials(user.username(), "another guess")).send());
    }

    @Test
    void unknownNamesAreThrottledAlike() {
        String ghost = UniqueNames.username("ghost");
        for (int i = 0; i < FREE_FAILURES; i++) {
            assertProblem(http.post("api/login").json(TestUser.credentials(ghost, "guess " + i)).send(),
                    401, "invalid credentials");
        }

        assertThrottled(http.post("api/login").json(TestUser.credentials(ghost, "guess")).send());
    }

    @Test
    void anotherAccountIsNotThrottled() {
        TestUser other = TestUser.register(http, "bystander");
        for (int i = 0; i < FREE_FAILURES + 1; i++) {
            http.post("api/login").json(TestUser.credentials(user.username(), "wrong guess " + i)).send();
        }

        Reply login = http.post("api/login").json(TestUser.credentials(other.username(), other.password())).send();

        assertEquals(200, login.status(), login::toString);
    }

    /** Asserts a 429 with a matching {@code Retry-After}; returns its seconds. */
    private static long assertThrottled(Reply reply) {
        assertEquals(429, reply.status(), reply::toString);
        String detail = reply.json().getString("detail");
        Matcher matcher = THROTTLED.matcher(detail);
        assertTrue(matcher.matches(), () -> "detail: " + detail);
        assertProblem(reply, 429, detail);
        assertEquals(matcher.group(1), reply.header("Retry-After").orElseThrow(), "Retry-After in seconds");
        return Long.parseLong(matcher.group(1));
    }
}
