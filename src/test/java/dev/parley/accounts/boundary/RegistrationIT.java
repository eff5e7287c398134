package dev.parley.accounts.boundary;

import static dev.parley.testing.ProblemAssertions.assertProblem;
import static dev.parley.testing.ProblemAssertions.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.parley.testing.DeployedParley;
import dev.parley.testing.Reply;
import dev.parley.testing.TestUser;
import dev.parley.testing.UniqueNames;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code POST /api/users}: who may register under which name. */
class RegistrationIT extends DeployedParley {

    private static final String PASSWORD = "s3cret-enough";

    @Test
    void registrationAnswersCreatedWithLocationAndTheOwnView() {
        String username = UniqueNames.username("reg");
        String email = UniqueNames.email();
        JsonObject body = Json.createObjectBuilder(TestUser.registration(username, email, PASSWORD))
                .add("status", "  out to lunch ").build();

        Reply reply = http.post("api/users").json(body).send();

        assertEquals(201, reply.status(), reply::toString);
        assertEquals("application/json", reply.mediaType());
        JsonObject user = reply.json();
        long id = user.getJsonNumber("id").longValue();
        assertEquals(http.uri("api/users/" + id).toString(), reply.header("Location").orElseThrow());
        assertEquals(Json.createObjectBuilder()
                .add("id", id)
                .add("username", username)
                .add("email", email)
                .add("status", "out to lunch")
                .add("online", false)
                .add("lastSeen", JsonValue.NULL)
                .build(), user);
        assertFalse(reply.body().contains(PASSWORD), "the password must never leave the server");
        assertFalse(reply.body().contains("argon2"), "nor its hash");
    }

    @Test
    void theLocationNamesTheNewUser() {
        TestUser user = TestUser.register(http);
        Reply reply = http.get("api/users/" + user.id()).bearer(user.token()).send();
        assertEquals(200, reply.status(), reply::toString);
        assertEquals(user.username(), reply.json().getString("username"));
    }

    @Test
    void aUsernameDifferingOnlyInCaseIsTaken() {
        String username = UniqueNames.username("Case");
        register(username, UniqueNames.email());

        Reply again = http.post("api/users")
                .json(TestUser.registration(username.toUpperCase(), UniqueNames.email(), PASSWORD)).send();

        assertProblem(again, 409, "username is taken", field("username", "is taken"));
    }

    @Test
    void anEmailIsTakenRegardlessOfCase() {
        String email = UniqueNames.email();
        register(UniqueNames.username("mail"), email);

        Reply again = http.post("api/users")
                .json(TestUser.registration(UniqueNames.username("mail"), email.toUpperCase(), PASSWORD)).send();

        assertProblem(again, 409, "email is taken", field("email", "is taken"));
    }

    @Test
    void fiftyConcurrentRegistrationsOfOneNameMakeExactlyOneUser() {
        String username = UniqueNames.username("race");
        List<CompletableFuture<Reply>> attempts = IntStream.range(0, 50)
                .mapToObj(i -> http.post("api/users")
                        .json(TestUser.registration(username, UniqueNames.email(), PASSWORD)).sendAsync())
                .toList();
        List<Reply> replies = attempts.stream().map(CompletableFuture::join).toList();

        Map<Integer, Long> statuses = replies.stream()
                .collect(Collectors.groupingBy(Reply::status, Collectors.counting()));
        assertEquals(Map.of(201, 1L, 409, 49L), statuses, () -> "statuses " + statuses + "; e.g. "
                + replies.stream().filter(r -> r.status() != 201 && r.status() != 409).findFirst());
        replies.stream().filter(r -> r.status() == 409)
                .forEach(r -> assertProblem(r, 409, "username is taken", field("username", "is taken")));

        TestUser viewer = TestUser.register(http);
        Reply directory = http.get("api/users?q=" + username).bearer(viewer.token()).send();
        assertEquals(200, directory.status(), directory::toString);
        assertEquals(List.of(username), directory.jsonArray().getValuesAs(JsonObject.class).stream()
                .map(u -> u.getString("username")).toList());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "zero\u200Bwidth", // a zero-width space inside
        "bidi\u202Eevil", // RIGHT-TO-LEFT OVERRIDE
        "\u200Dleading", // a zero-width joiner
        "wide\u3000space", // an ideographic space
    })
    void invisibleAndBidiCharactersAreRefused(String username) {
        Reply reply = http.post("api/users")
                .json(TestUser.registration(username, UniqueNames.email(), PASSWORD)).send();

        assertProblem(reply, 400, "username: may contain only letters, digits, '_', '.' and '-'",
                field("username", "may contain only letters, digits, '_', '.' and '-'"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "p\u0430ypal", // Latin with a Cyrillic a
        "\u0441ats", // a Cyrillic c before Latin letters
        "abc\u03B1", // Latin and Greek
    })
    void namesMixingScriptsAreRefused(String confusable) {
        Reply reply = http.post("api/users")
                .json(TestUser.registration(confusable + UniqueNames.suffix(), UniqueNames.email(), PASSWORD)).send();

        assertProblem(reply, 400, "username: must not mix letters of different scripts",
                field("username", "must not mix letters of different scripts"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "pay\uD835\uDC29al", // MATHEMATICAL BOLD SMALL P
        "\uFF50\uFF41\uFF59\uFF50\uFF41\uFF4C", // full-width letters
    })
    void compatibilityFormsOfLettersAreRefused(String lookalike) {
        Reply reply = http.post("api/users")
                .json(TestUser.registration(lookalike + "_" + UniqueNames.digits(), UniqueNames.email(), PASSWORD))
                .send();

        assertProblem(reply, 400,
                "username: must not use full-width, mathematical or other compatibility forms of characters",
                field("username", "must not use full-width, mathematical or other compatibility forms of characters"));
    }

    @Test
    void namesOfOneOtherScriptAreWelcome() {
        // Cyrillic only, and Japanese, which mixes Han with kana by nature.
        for (String prefix : List.of("\u0438\u0432\u0430\u043D", "\u5C71\u7530\u305F\u308D\u3046")) {
            String username = prefix + "_" + UniqueNames.digits();
            Reply reply = http.post("api/users")
                    .json(TestUser.registration(username, UniqueNames.email(), PASSWORD)).send();
            assertEquals(201, reply.status(), reply::toString);
        }
    }

    @Test
    void usernamesAreNormalizedToNfc() {
        String suffix = UniqueNames.suffix();
        String decomposed = "cafe\u0301_" + suffix; // e + COMBINING ACUTE ACCENT
        String composed = "caf\u00E9_" + suffix; // é

        Reply registered = http.post("api/users")
                .json(TestUser.registration(decomposed, UniqueNames.email(), PASSWORD)).send();
        assertEquals(201, registered.status(), registered::toString);
        assertEquals(composed, registered.json().getString("username"));

        Reply again = http.post("api/users")
                .json(TestUser.registration(composed, UniqueNames.email(), PASSWORD)).send();
        assertProblem(again, 409, "username is taken", field("username", "is taken"));

        Reply login = http.post("api/login").json(TestUser.credentials(composed, PASSWORD)).send();
        assertEquals(200, login.status(), login::toString);
        assertEquals(composed, login.json().getJsonObject("user").getString("username"));
    }

    @Test
    void aPasswordOfOneMegabyteIsRefusedBeforeHashing() {
        String huge = "x".repeat(1024 * 1024);

        Reply reply = http.post("api/users")
                .json(TestUser.registration(UniqueNames.username("huge"), UniqueNames.email(), huge)).send();

        assertProblem(reply, 400, "password: must be 8 to 128 characters long",
                field("password", "must be 8 to 128 characters long"));
    }

    @Test
    void passwordsOf8And128CharactersAreAccepted() {
        for (String password : List.of("12345678", "p".repeat(128))) {
            Reply reply = http.post("api/users")
                    .json(TestUser.registration(UniqueNames.username("pw"), UniqueNames.email(), password)).send();
            assertEquals(201, reply.status(), reply::toString);
        }
    }

    @Test
    void lengthsCountCharactersSoEmojiAndLettersOutsideTheBasicPlaneCountOnce() {
        String username = UniqueNames.longestOutsideTheBasicPlane();
        String password = "\uD83D\uDD11".repeat(128); // 128 characters, 256 UTF-16 units
        String status = "\uD83C\uDF89".repeat(140);

        Reply registered = http.post("api/users").json(Json.createObjectBuilder(
                TestUser.registration(username, UniqueNames.email(), password)).add("status", status).build()).send();

        assertEquals(201, registered.status(), registered::toString);
        assertEquals(username, registered.json().getString("username"));
        assertEquals(status, registered.json().getString("status"));
        Reply login = http.post("api/login").json(TestUser.credentials(username, password)).send();
        assertEquals(200, login.status(), login::toString);
        assertEquals(username, login.json().getJsonObject("user").getString("username"));

        Reply tooShort = http.post("api/users").json(Json.createObjectBuilder(TestUser.registration(
                UniqueNames.username("pw"), UniqueNames.email(), "\uD83D\uDD11".repeat(7))).add("status", status + "!").build()).send();
        assertProblem(tooShort, 400, "The request has 2 invalid fields.",
                field("password", "must be 8 to 128 characters long"),
                field("status", "must be at most 140 characters"));
    }

    @Test
    void everyInvalidFieldIsListed() {
        JsonObject body = Json.createObjectBuilder()
                .add("username", "ab")
                .add("email", "not an address")
                .add("password", "short")
                .add("status", "s".repeat(141))
                .build();

        Reply reply = http.post("api/users").json(body).send();

        assertProblem(reply, 400, "The request has 4 invalid fields.",
                field("email", "must be an e-mail address"),
                field("password", "must be 8 to 128 characters long"),
                field("status", "must be at most 140 characters"),
                field("username", "must be 3 to 32 characters long"));
    }

    @Test
    void missingMembersAreListed() {
        Reply reply = http.post("api/users").json(JsonValue.EMPTY_JSON_OBJECT).send();

        assertProblem(reply, 400, "The request has 3 invalid fields.",
                field("email", "is required"),
                field("password", "is required"),
                field("username", "is required"));
    }

    @Test
    void aUsernameLongerThan32CharactersIsRefused() {
        Reply reply = http.post("api/users")
                .json(TestUser.registration("n".repeat(33), UniqueNames.email(), PASSWORD)).send();

        assertProblem(reply, 400, "username: must be 3 to 32 characters long",
                field("username", "must be 3 to 32 characters long"));
    }

    @Test
    void malformedJsonIsRefused() {
        for (String malformed : List.of("{\"username\":", "not json", "[]", "\"a string\"")) {
            Reply reply = http.post("api/users").body(malformed, "application/json").send();
            assertProblem(reply, 400, "The request body is not valid JSON of the expected shape.");
        }
    }

    @Test
    void anEmptyBodyIsRefused() {
        Reply reply = http.post("api/users").body("", "application/json").send();

        assertProblem(reply, 400, "body: a JSON body is required", field("body", "a JSON body is required"));
    }

    @Test
    void unknownMembersAreIgnored() {
        String username = UniqueNames.username("extra");
        JsonObject body = Json.createObjectBuilder(TestUser.registration(username, UniqueNames.email(), PASSWORD))
                .add("isAdmin", true)
                .add("id", 1)
                .add("passwordHash", "$argon2id$v=19$m=19456,t=2,p=1$" + "A".repeat(22) + "$" + "A".repeat(43))
                .add("nested", Json.createObjectBuilder().add("a", 1))
                .build();

        Reply reply = http.post("api/users").json(body).send();

        assertEquals(201, reply.status(), reply::toString);
        assertEquals(username, reply.json().getString("username"));
        Reply login = http.post("api/login").json(TestUser.credentials(username, PASSWORD)).send();
        assertEquals(200, login.status(), "the password given, not the hash smuggled in, is the password");
    }

    @Test
    void theResponseNamesNoOtherMembers() {
        Reply reply = register(UniqueNames.username("keys"), UniqueNames.email());

        assertEquals(Set.of("id", "username", "email", "status", "online", "lastSeen"), reply.json().keySet());
    }

    private Reply register(String username, String email) {
        Reply reply = http.post("api/users").json(TestUser.registration(username, email, PASSWORD)).send();
        assertEquals(201, reply.status(), reply::toString);
        return reply;
    }
}
