package dev.parley.accounts.boundary;

import static dev.parley.testing.ProblemAssertions.NO_VALID_TOKEN;
import static dev.parley.testing.ProblemAssertions.assertProblem;
import static dev.parley.testing.ProblemAssertions.assertUnauthorized;
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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /api/users}, {@code /api/users/{id or username}} and {@code /api/users/me}. */
class UserDirectoryIT extends DeployedParley {

    TestUser viewer;

    @BeforeEach
    void loggedInViewer() {
        viewer = TestUser.register(http, "viewer");
    }

    @Test
    void theDirectoryListsUsersWithAPrefixOrderedByUsername() {
        String prefix = "dir" + UniqueNames.suffix();
        // Registered out of order, mixed case: the order is by username without regard to case.
        TestUser carol = TestUser.register(http, prefix + "_carol", UniqueNames.email());
        TestUser alice = TestUser.register(http, prefix + "_Alice", UniqueNames.email());
        TestUser bob = TestUser.register(http, prefix + "_bob", UniqueNames.email());

        assertEquals(List.of(alice.username(), bob.username(), carol.username()), names("api/users?q=" + prefix));
        assertEquals(List.of(alice.username(), bob.username(), carol.username()),
                names("api/users?q=" + prefix.toUpperCase()), "the prefix ignores case");
        assertEquals(List.of(bob.username()), names("api/users?q=" + prefix + "_b"));
    }

    @Test
    void pagesFollowEachOtherWithAfterAndLimit() {
        String prefix = "page" + UniqueNames.suffix();
        List<String> all = List.of("a", "b", "c", "d", "e").stream()
                .map(letter -> TestUser.register(http, prefix + "_" + letter, UniqueNames.email()).username())
                .toList();

        assertEquals(all.subList(0, 2), names("api/users?q=" + prefix + "&limit=2"));
        assertEquals(all.subList(2, 4), names("api/users?q=" + prefix + "&limit=2&after=" + all.get(1)));
        assertEquals(all.subList(4, 5), names("api/users?q=" + prefix + "&limit=2&after=" + all.get(3)));
        assertEquals(List.of(), names("api/users?q=" + prefix + "&limit=2&after=" + all.get(4)));
        assertEquals(all, names("api/users?q=" + prefix + "&limit=200"));
    }

    @Test
    void withoutALimitTheWholeTeamIsInOneAnswerAsTheOriginalClientNeedsIt() {
        String prefix = "team" + UniqueNames.suffix();
        List<String> team = new ArrayList<>();
        for (int i = 0; i < 55; i++) {
            String username = String.format("%s_%02d", prefix, i);
            Reply registered = http.post("api/users")
                    .json(TestUser.registration(username, UniqueNames.email(), TestUser.PASSWORD)).send();
            assertEquals(201, registered.status(), registered::toString);
            team.add(username);
        }

        Reply reply = http.get("api/users?q=" + prefix).bearer(viewer.token()).send();

        assertEquals(team, reply.jsonArray().getValuesAs(JsonObject.class).stream().map(u -> u.getString("username")).toList());
        assertEquals(Optional.empty(), reply.header("Link"), "nobody left out, no next page");
    }

    @Test
    void aFullPageLinksToTheNextAndTheLastDoesNot() {
        String prefix = "link" + UniqueNames.suffix();
        List<String> all = List.of("a", "b", "c").stream()
                .map(letter -> TestUser.register(http, prefix + "_" + letter, UniqueNames.email()).username())
                .toList();

        Reply first = http.get("api/users?q=" + prefix + "&limit=2").bearer(viewer.token()).send();
        String link = first.header("Link").orElseThrow(() -> new AssertionError(first));
        assertEquals("</api/users?q=" + prefix + "&limit=2&after=" + all.get(1) + ">; rel=\"next\"", link);

        Reply last = http.get(link.substring(2, link.indexOf('>'))).bearer(viewer.token()).send();
        assertEquals(List.of(all.get(2)), last.jsonArray().getValuesAs(JsonObject.class).stream()
                .map(u -> u.getString("username")).toList());
        assertEquals(Optional.empty(), last.header("Link"));
    }

    @Test
    void aPrefixIsTakenLiterallyNotAsAPattern() {
        String prefix = "lit" + UniqueNames.suffix();
        TestUser.register(http, prefix + "_x", UniqueNames.email());
        TestUser.register(http, prefix + "ax", UniqueNames.email());

        assertEquals(List.of(prefix + "_x"), names("api/users?q=" + prefix + "_"));
        assertEquals(List.of(), names("api/users?q=" + prefix + "%25"));
    }

    @Test
    void aListShowsNoEmailButTheCallersOwn() {
        String prefix = "mail" + UniqueNames.suffix();
        TestUser me = TestUser.register(http, prefix + "_me", UniqueNames.email());
        TestUser other = TestUser.register(http, prefix + "_other", UniqueNames.email());

        Reply reply = http.get("api/users?q=" + prefix).bearer(me.token()).send();

        assertEquals(200, reply.status(), reply::toString);
        assertEquals(List.of(ownView(me), publicView(other)), reply.jsonArray());
        assertFalse(reply.body().contains(other.email()));
    }

    @Test
    void aLimitOutside1To200IsRefused() {
        for (String limit : List.of("0", "201", "-1")) {
            Reply reply = http.get("api/users?limit=" + limit).bearer(viewer.token()).send();
            assertProblem(reply, 400, "limit: must be 1 to 200", field("limit", "must be 1 to 200"));
        }
    }

    @Test
    void aLimitThatIsNoNumberIsRefused() {
        Reply reply = http.get("api/users?limit=ten").bearer(viewer.token()).send();

        assertProblem(reply, 400, "limit: must be 1 to 200", field("limit", "must be 1 to 200"));
    }

    @Test
    void theDirectoryNeedsAToken() {
        assertUnauthorized(http.get("api/users").send(), NO_VALID_TOKEN);
    }

    @Test
    void aUserIsFoundByIdAndByUsernameWithoutTheirEmail() {
        TestUser other = TestUser.register(http, "other");

        for (String reference : List.of(Long.toString(other.id()), other.username(), other.username().toUpperCase())) {
            Reply reply = http.get("api/users/" + reference).bearer(viewer.token()).send();
            assertEquals(200, reply.status(), reply::toString);
            assertEquals("application/json", reply.mediaType());
            assertEquals(publicView(other), reply.json());
        }
    }

    @Test
    void aUsernameInAnotherScriptIsFoundByItsPath() {
        TestUser other = TestUser.register(http, "\u0438\u0432\u0430\u043D_" + UniqueNames.digits(), UniqueNames.email());

        Reply reply = http.get("api/users/" + URLEncoder.encode(other.username(), StandardCharsets.UTF_8))
                .bearer(viewer.token()).send();

        assertEquals(200, reply.status(), reply::toString);
        assertEquals(other.id(), reply.json().getJsonNumber("id").longValue());
    }

    @Test
    void onesOwnEntryShowsTheEmail() {
        Reply reply = http.get("api/users/" + viewer.id()).bearer(viewer.token()).send();

        assertEquals(200, reply.status(), reply::toString);
        assertEquals(ownView(viewer), reply.json());
    }

    @Test
    void anUnknownUserIsNotFound() {
        for (String reference : List.of(UniqueNames.username("nobody"), Long.toString(Long.MAX_VALUE - 3))) {
            Reply reply = http.get("api/users/" + reference).bearer(viewer.token()).send();
            assertProblem(reply, 404, "No such user.");
        }
    }

    @Test
    void oneUserNeedsAToken() {
        assertUnauthorized(http.get("api/users/" + viewer.id()).send(), NO_VALID_TOKEN);
    }

    @Test
    void meIsTheCallersOwnView() {
        Reply reply = http.get("api/users/me").bearer(viewer.token()).send();

        assertEquals(200, reply.status(), reply::toString);
        assertEquals("application/json", reply.mediaType());
        assertEquals(ownView(viewer), reply.json());
    }

    private List<String> names(String path) {
        Reply reply = http.get(path).bearer(viewer.token()).send();
        assertEquals(200, reply.status(), reply::toString);
        return reply.jsonArray().getValuesAs(JsonObject.class).stream().map(u -> u.getString("username")).toList();
    }

    private static JsonObject ownView(TestUser user) {
        return Json.createObjectBuilder(publicView(user)).add("email", user.email()).build();
    }

    private static JsonObject publicView(TestUser user) {
        return Json.createObjectBuilder()
                .add("id", user.id())
                .add("username", user.username())
                .add("status", "")
                .add("online", false)
                .add("lastSeen", JsonValue.NULL)
                .build();
    }
}
