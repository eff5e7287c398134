package dev.parley.chat.boundary;

import static dev.parley.chat.boundary.FrameAssertions.assertMessage;
import static dev.parley.chat.boundary.FrameAssertions.ids;
import static dev.parley.chat.boundary.FrameAssertions.message;
import static dev.parley.chat.boundary.FrameAssertions.roomMessage;
import static dev.parley.testing.ProblemAssertions.assertProblem;
import static dev.parley.testing.ProblemAssertions.field;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.testing.Reply;
import dev.parley.testing.TestUser;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** {@code GET /api/messages}: the room's and a direct conversation's history, paged by cursors. */
class ChatHistoryIT extends DeployedChat {

    @Test
    void theRoomIsListedInAscendingIdOrderInTheShapeOfMessageFramesAndPagedByCursors() {
        TestUser alice = TestUser.register(http, "hist");
        ChatClient session = chat.v1(alice);
        long marker = session.sendAcked(roomMessage("marker", "h-m"));
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(session.sendAcked(roomMessage("history " + i, "h-" + i)));
        }

        List<JsonObject> page = messages(alice, "?after=" + marker);
        assertEquals(ids, ids(page));
        for (int i = 0; i < 5; i++) {
            assertMessage(page.get(i), ids.get(i), alice.username(), "", "history " + i, "h-" + i);
        }
        assertEquals(ids.subList(0, 2), ids(messages(alice, "?after=" + marker + "&limit=2")));
        assertEquals(ids.subList(2, 4), ids(messages(alice, "?after=" + ids.get(1) + "&limit=2")));
        assertEquals(ids.subList(2, 4), ids(messages(alice, "?before=" + ids.get(4) + "&limit=2")));
        assertEquals(ids.subList(0, 1), ids(messages(alice, "?before=" + ids.get(1) + "&limit=1")));
        List<Long> newest = ids(messages(alice, ""));
        assertEquals(ids, newest.subList(newest.size() - 5, newest.size()), "without a cursor, the newest");
        assertEquals(List.of(), messages(alice, "?after=" + ids.get(4)));
    }

    @Test
    void aDirectConversationIsSeenByItsTwoUsersOnly() {
        TestUser alice = TestUser.register(http, "hist");
        TestUser bob = TestUser.register(http, "hist");
        TestUser carol = TestUser.register(http, "hist");
        ChatClient aliceSession = chat.v1(alice);
        ChatClient bobSession = chat.v1(bob);
        long first = aliceSession.sendAcked(message(bob.username(), "hi bob", "d-1"));
        long second = bobSession.sendAcked(message(alice.username(), "hi alice", "d-2"));
        long third = aliceSession.sendAcked(message(bob.username(), "how are you?", "d-3"));
        long toCarol = aliceSession.sendAcked(message(carol.username(), "hi carol", "d-4"));
        aliceSession.sendAcked(roomMessage("not direct", "d-5"));

        List<JsonObject> conversation = messages(alice, "?with=" + bob.username());
        assertEquals(List.of(first, second, third), ids(conversation));
        assertMessage(conversation.get(0), first, alice.username(), bob.username(), "hi bob", "d-1");
        assertMessage(conversation.get(1), second, bob.username(), alice.username(), "hi alice", "d-2");
        assertEquals(conversation, messages(bob, "?with=" + alice.username()), "both see the same conversation");
        assertEquals(conversation, messages(bob, "?with=" + alice.username().toUpperCase()), "names in any case");
        assertEquals(List.of(toCarol), ids(messages(carol, "?with=" + alice.username())));
        assertEquals(List.of(), messages(carol, "?with=" + bob.username()));
        assertEquals(List.of(second, third), ids(messages(alice, "?with=" + bob.username() + "&after=" + first)));
    }

    @Test
    void withoutALimitAPageHoldsTheNewest50AndAtMost200() {
        TestUser alice = TestUser.register(http, "hist");
        TestUser bob = TestUser.register(http, "hist");
        ChatClient aliceSession = chat.v1(alice);
        ChatClient bobSession = chat.v1(bob);
        List<Long> ids = new ArrayList<>();
        // Within each user's burst of 30.
        IntStream.range(0, 28).forEach(i -> ids.add(aliceSession.sendAcked(message(bob.username(), "a" + i, "a" + i))));
        IntStream.range(0, 27).forEach(i -> ids.add(bobSession.sendAcked(message(alice.username(), "b" + i, "b" + i))));

        assertEquals(ids.subList(5, 55), ids(messages(alice, "?with=" + bob.username())));
        assertEquals(ids, ids(messages(alice, "?with=" + bob.username() + "&limit=200")));
    }

    @Test
    void badQueriesAreRefused() {
        TestUser alice = TestUser.register(http, "hist");
        String limit = "limit: must be 1 to 200";
        for (String bad : List.of("0", "201", "-1", "ten", "")) {
            assertProblem(get(alice, "?limit=" + bad), 400, limit, field("limit", "must be 1 to 200"));
        }
        for (String cursor : List.of("before", "after")) {
            assertProblem(get(alice, "?" + cursor + "=soon"), 400, cursor + ": must be a message id",
                    field(cursor, "must be a message id"));
        }
        assertProblem(get(alice, "?before=10&after=5"), 400, "before: give 'before' or 'after', not both",
                field("before", "give 'before' or 'after', not both"));
        assertProblem(get(alice, "?with=nobody-by-this-name"), 404, "No such user: nobody-by-this-name");
        assertProblem(http.get("api/messages").send(), 401, "Authentication is required: send a valid bearer token.");
        assertEquals(200, get(alice, "?limit=200").status());
        assertEquals(200, get(alice, "?limit=1").status());
    }


    private Reply get(TestUser user, String query) {
        return http.get("api/messages" + query).bearer(user.token()).send();
    }

    private List<JsonObject> messages(TestUser user, String query) {
        Reply reply = get(user, query);
        assertEquals(200, reply.status(), reply::toString);
        return reply.jsonArray().getValuesAs(JsonObject.class);
    }
}
