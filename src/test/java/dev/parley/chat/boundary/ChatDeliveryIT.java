package dev.parley.chat.boundary;

import static dev.parley.chat.boundary.FrameAssertions.assertAck;
import static dev.parley.chat.boundary.FrameAssertions.assertMessage;
import static dev.parley.chat.boundary.FrameAssertions.assertPresence;
import static dev.parley.chat.boundary.FrameAssertions.assertSystem;
import static dev.parley.chat.boundary.FrameAssertions.assertTyping;
import static dev.parley.chat.boundary.FrameAssertions.assertWelcome;
import static dev.parley.chat.boundary.FrameAssertions.id;
import static dev.parley.chat.boundary.FrameAssertions.isMessage;
import static dev.parley.chat.boundary.FrameAssertions.message;
import static dev.parley.chat.boundary.FrameAssertions.roomMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.Await;
import dev.parley.testing.Reply;
import dev.parley.testing.TestUser;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Who receives what, in which order, and what a client is told: CONTRACT.md section 3, delivery. */
class ChatDeliveryIT extends DeployedChat {

    @Test
    void aRoomMessageReachesEverySessionTheSendersOwnIncludedAndIsAckedWithItsId() {
        TestUser alice = TestUser.register(http, "dl");
        TestUser bob = TestUser.register(http, "dl");
        ChatClient aliceV1 = chat.v1(alice);
        ChatClient aliceCompat = chat.compat(alice);
        ChatClient bobCompat = chat.compat(bob);
        ChatClient bobV1 = chat.v1(bob);

        // sender and time from the client are ignored
        aliceV1.send(Json.createObjectBuilder(roomMessage("hello, room", "c-1"))
                .add("sender", bob.username()).add("time", "1999-12-31T23:59:59Z").build());

        long id = assertAck(aliceV1.awaitAck("c-1"), "c-1");
        for (ChatClient session : List.of(aliceV1, aliceCompat, bobCompat, bobV1)) {
            assertMessage(session.awaitMessage("hello, room"), id, alice.username(), "", "hello, room", "c-1");
        }
    }

    @Test
    void aDirectMessageReachesTheRecipientsSessionsAndTheSendersOtherSessionsButNotTheSendingOne() {
        TestUser alice = TestUser.register(http, "dl");
        TestUser bob = TestUser.register(http, "dl");
        TestUser carol = TestUser.register(http, "dl");
        ChatClient sending = chat.v1(alice);
        ChatClient aliceOther = chat.compat(alice);
        ChatClient bobV1 = chat.v1(bob);
        ChatClient bobCompat = chat.compat(bob);
        ChatClient carolV1 = chat.v1(carol);

        // The recipient's name in any case; frames carry the name as registered.
        long id = sending.sendAcked(message(bob.username().toUpperCase(), "psst, bob", "d-1"));
        for (ChatClient session : List.of(aliceOther, bobV1, bobCompat)) {
            assertMessage(session.awaitMessage("psst, bob"), id, alice.username(), bob.username(), "psst, bob", "d-1");
        }
        // Everyone receives in id order: once a later room message arrived, the direct one would have.
        sending.send(roomMessage("later, in the room", "d-2"));
        for (ChatClient session : List.of(sending, carolV1)) {
            session.awaitMessage("later, in the room");
            assertFalse(session.frames().stream().anyMatch(f -> isMessage(f) && id(f) == id),
                    () -> "only its ack reaches the sending session, nothing the bystander: " + session.frames());
        }
    }

    @Test
    void idsIncreaseAndEverySessionSeesOneConversationInIdOrder() throws Exception {
        List<TestUser> users = IntStream.range(0, 3).mapToObj(i -> TestUser.register(http, "order")).toList();
        List<ChatClient> sessions = new ArrayList<>();
        List<ChatClient> senders = new ArrayList<>();
        for (TestUser user : users) {
            senders.add(chat.v1(user));
            sessions.add(chat.v1(user));
            sessions.add(chat.compat(user));
        }
        int perSender = 25;

        ExecutorService pool = Executors.newFixedThreadPool(senders.size());
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (int s = 0; s < senders.size(); s++) {
                ChatClient sender = senders.get(s);
                TestUser next = users.get((s + 1) % users.size());
                int from = s;
                sent.add(pool.submit(() -> IntStream.range(0, perSender).forEach(i -> sender.send(i % 5 == 4
                        ? message(next.username(), "direct " + from + "/" + i, "o-" + from + "-" + i)
                        : roomMessage("room " + from + "/" + i, "o-" + from + "-" + i)))));
            }
            for (Future<?> f : sent) {
                f.get(ChatClient.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        // Each sender's acks: one per message, ids increasing in the order it sent them.
        for (int s = 0; s < senders.size(); s++) {
            ChatClient sender = senders.get(s);
            List<JsonObject> acks = sender.awaitFrames("all acks", f -> f.stream()
                    .filter(a -> "ack".equals(a.getString("type"))).count() == perSender)
                    .stream().filter(a -> "ack".equals(a.getString("type"))).toList();
            for (int i = 0; i < perSender; i++) {
                assertAck(acks.get(i), "o-" + s + "-" + i);
            }
            assertIncreasing(acks.stream().map(FrameAssertions::id).toList(), "acks of sender " + s);
        }
        // Every other session: the 60 room messages, and 10 direct ones (5 to its user, 5 copies of its
        // user's own), ids strictly increasing, and the room part the same sequence for all.
        int roomMessages = senders.size() * perSender * 4 / 5;
        int directMessages = 2 * perSender / 5;
        List<Long> roomOrder = null;
        for (ChatClient session : sessions) {
            List<JsonObject> received = session.awaitFrames("all messages", f -> f.stream()
                    .filter(FrameAssertions::isMessage).count() == roomMessages + directMessages)
                    .stream().filter(FrameAssertions::isMessage).toList();
            assertIncreasing(received.stream().map(FrameAssertions::id).toList(), "messages of a session");
            List<Long> room = received.stream().filter(m -> m.getString("recipient").isEmpty())
                    .map(FrameAssertions::id).toList();
            if (roomOrder == null) {
                roomOrder = room;
            }
            assertEquals(roomOrder, room, "every session sees the room in the same order");
        }
    }

    @Test
    void aCompatSessionGetsTheDirectMessagesItMissedRightAfterTheWelcome() {
        TestUser alice = TestUser.register(http, "dl");
        TestUser bob = TestUser.register(http, "dl");
        ChatClient aliceV1 = chat.v1(alice);
        aliceV1.send(message(bob.username(), "while you were out", "m-1"));
        aliceV1.send(message(bob.username(), "and another thing", "m-2"));
        long first = assertAck(aliceV1.awaitAck("m-1"), "m-1");
        long second = assertAck(aliceV1.awaitAck("m-2"), "m-2");

        ChatClient bobCompat = chat.compat(bob);

        List<JsonObject> frames = bobCompat.awaitFrames("the missed messages", f -> f.size() >= 3);
        assertWelcome(frames.get(0));
        assertMessage(frames.get(1), first, alice.username(), bob.username(), "while you were out", "m-1");
        assertMessage(frames.get(2), second, alice.username(), bob.username(), "and another thing", "m-2");

        // Delivered once: after the last session closed, a new one starts after them.
        bobCompat.close();
        Await.until("bob to be offline", ChatClient.TIMEOUT, () -> !online(alice, bob));
        ChatClient again = chat.compat(bob);
        aliceV1.send(roomMessage("marker", "m-3"));
        List<JsonObject> next = again.awaitFrames("the marker", f -> f.size() >= 2);
        assertWelcome(next.get(0));
        assertMessage(next.get(1), alice.username(), "", "marker", "m-3");
    }

    @Test
    void aV1ClientAsksForWhatItMissedWithSync() {
        TestUser alice = TestUser.register(http, "dl");
        TestUser bob = TestUser.register(http, "dl");
        ChatClient aliceV1 = chat.v1(alice);
        ChatClient bobBefore = chat.v1(bob);
        aliceV1.send(roomMessage("the last bob saw", "s-0"));
        long seen = id(bobBefore.awaitMessage("the last bob saw"));
        bobBefore.close();
        Await.until("bob to be offline", ChatClient.TIMEOUT, () -> !online(alice, bob));
        aliceV1.send(message(bob.username(), "direct, while away", "s-1"));
        aliceV1.send(roomMessage("room, while away", "s-2"));
        long direct = assertAck(aliceV1.awaitAck("s-1"), "s-1");
        long room = assertAck(aliceV1.awaitAck("s-2"), "s-2");

        ChatClient bobV1 = chat.v1(bob);
        bobV1.send(Json.createObjectBuilder().add("type", "sync").add("after", seen).build());

        List<JsonObject> frames = bobV1.awaitFrames("the replay", f -> f.stream().filter(FrameAssertions::isMessage).count() >= 2);
        assertWelcome(frames.get(0));
        List<JsonObject> replayed = frames.stream().filter(FrameAssertions::isMessage).toList();
        assertEquals(2, replayed.size(), replayed::toString);
        assertMessage(replayed.get(0), direct, alice.username(), bob.username(), "direct, while away", "s-1");
        assertMessage(replayed.get(1), room, alice.username(), "", "room, while away", "s-2");
        // A v1 session is not replayed to unasked: the two came once, answering the sync. A sync with
        // nothing after its id answers nothing. Bob's own message is stored after his sync has run (both
        // go through the writer in the order he sent them), so its ack says the sync is done before
        // Alice sends again.
        bobV1.send(Json.createObjectBuilder().add("type", "sync").add("after", room).build());
        bobV1.send(roomMessage("bob is back", "s-b"));
        bobV1.awaitAck("s-b");
        aliceV1.send(roomMessage("after the sync", "s-3"));
        bobV1.awaitMessage("after the sync");
        assertEquals(List.of("direct, while away", "room, while away", "bob is back", "after the sync"),
                bobV1.frames("message").stream().map(m -> m.getString("content")).toList(),
                () -> bobV1.frames().toString());
    }

    @Test
    void aResentClientIdIsStoredOnceAndAckedWithTheOriginalId() {
        TestUser alice = TestUser.register(http, "dl");
        TestUser bob = TestUser.register(http, "dl");
        ChatClient aliceV1 = chat.v1(alice);
        ChatClient bobV1 = chat.v1(bob);
        ChatClient bobMarker = chat.v1(bob);

        aliceV1.send(message(bob.username(), "once only", "same"));
        JsonObject firstAck = aliceV1.awaitAck("same");
        long id = assertAck(firstAck, "same");
        aliceV1.send(message(bob.username(), "once only, resent", "same"));
        aliceV1.send(message(bob.username(), "a different one", "other"));
        aliceV1.awaitAck("other");

        List<JsonObject> acks = aliceV1.frames("ack");
        assertEquals(3, acks.size(), acks::toString);
        assertEquals(firstAck, acks.get(1), "the resend is acked exactly as the original");
        bobV1.awaitMessage("a different one");
        assertEquals(List.of("once only", "a different one"),
                bobV1.frames("message").stream().map(m -> m.getString("content")).toList());
        List<JsonObject> history = http.get("api/messages?with=" + alice.username()).bearer(bob.token()).send().jsonArray()
                .getValuesAs(JsonObject.class);
        assertEquals(List.of(id), history.stream().filter(m -> "same".equals(m.getString("clientId", null)))
                .map(FrameAssertions::id).toList());

        // A client id is the sender's own: the same one from bob is another message.
        bobMarker.send(message(alice.username(), "bob's own", "same"));
        assertTrue(assertAck(bobMarker.awaitAck("same"), "same") > id);
    }

    @Test
    void presenceTellsV1SessionsWhenAUsersFirstSessionOpensAndTheLastCloses() {
        TestUser alice = TestUser.register(http, "dl");
        TestUser bob = TestUser.register(http, "dl");
        ChatClient watcher = chat.v1(alice);
        Instant before = Instant.now().minusSeconds(1);

        ChatClient bobFirst = chat.compat(bob);
        Instant cameOnline = assertPresence(watcher.await("bob online",
                f -> "presence".equals(f.getString("type")) && bob.username().equals(f.getString("user"))),
                bob.username(), true);
        assertTrue(http.get("api/users/" + bob.username()).bearer(alice.token()).send().json().getBoolean("online"));
        ChatClient bobSecond = chat.v1(bob);
        bobFirst.close();
        bobSecond.close();

        watcher.await("bob offline", f -> "presence".equals(f.getString("type"))
                && bob.username().equals(f.getString("user")) && !f.getBoolean("online"));
        List<JsonObject> presence = watcher.frames("presence").stream()
                .filter(p -> bob.username().equals(p.getString("user"))).toList();
        assertEquals(2, presence.size(), () -> "one when the first opened, one when the last closed: " + presence);
        Instant wentOffline = assertPresence(presence.get(1), bob.username(), false);
        assertFalse(cameOnline.isBefore(before));
        assertFalse(wentOffline.isBefore(cameOnline));
        // The user directory agrees, to the millisecond the frames show.
        Reply bobView = Await.until("bob's last seen time", ChatClient.TIMEOUT,
                () -> http.get("api/users/" + bob.username()).bearer(alice.token()).send(),
                view -> !view.json().getBoolean("online") && view.json().get("lastSeen") instanceof JsonString);
        assertEquals(wentOffline, Instant.parse(bobView.json().getString("lastSeen")).truncatedTo(ChronoUnit.MILLIS));
    }

    @Test
    void typingIsRelayedToV1SessionsOnlyAndNeverStored() {
        TestUser alice = TestUser.register(http, "dl");
        TestUser bob = TestUser.register(http, "dl");
        TestUser carol = TestUser.register(http, "dl");
        ChatClient aliceV1 = chat.v1(alice);
        ChatClient bobV1 = chat.v1(bob);
        ChatClient bobCompat = chat.compat(bob);
        ChatClient carolV1 = chat.v1(carol);
        // Typing is not stored, so it does not wait in line behind a session's replay the way messages do:
        // once a message sent now has reached every session, they all receive whatever comes next.
        aliceV1.send(roomMessage("everyone here?", "t-0"));
        List.of(aliceV1, bobV1, bobCompat, carolV1).forEach(session -> session.awaitMessage("everyone here?"));

        aliceV1.send(Json.createObjectBuilder().add("type", "typing").add("recipient", "").build());
        assertTyping(bobV1.await("typing"), alice.username(), "");
        assertTyping(carolV1.await("typing"), alice.username(), "");
        aliceV1.send(Json.createObjectBuilder().add("type", "typing").add("recipient", bob.username()).build());
        bobV1.awaitFrames("the direct typing", f -> f.stream().filter(t -> "typing".equals(t.getString("type"))).count() == 2);
        assertTyping(bobV1.frames("typing").get(1), alice.username(), bob.username());

        aliceV1.send(roomMessage("done typing", "t-1"));
        for (ChatClient session : List.of(bobCompat, carolV1)) {
            session.awaitMessage("done typing");
        }
        assertEquals(List.of("system", "message", "message"),
                bobCompat.frames().stream().map(f -> f.getString("type")).toList());
        assertEquals(1, carolV1.frames("typing").size(), "a direct typing indicator only reaches its recipient");
        assertEquals(List.of(), http.get("api/messages?with=" + bob.username()).bearer(alice.token()).send().jsonArray());
    }

    @Test
    void aCompatClientOnlyEverReceivesTheOriginalFramesInTheirOriginalShapes() {
        TestUser alice = TestUser.register(http, "dl");
        TestUser bob = TestUser.register(http, "dl");
        ChatClient compat = chat.compat(alice);
        ChatClient bobV1 = chat.v1(bob);

        // What would give a v1 session ack, error, presence and typing frames:
        compat.send(roomMessage("from a compat client", "k-1"));
        compat.awaitMessage("from a compat client");
        compat.sendText("{not json");
        compat.awaitFrames("a notice", f -> f.size() == 3);
        compat.send(message("nobody-by-this-name", "hello?", "k-2"));
        compat.awaitFrames("a notice", f -> f.size() == 4);
        bobV1.send(Json.createObjectBuilder().add("type", "typing").add("recipient", "").build());
        chat.v1(TestUser.register(http, "dl")).close();
        bobV1.send(message(alice.username(), "direct to compat", "k-3"));

        List<JsonObject> frames = compat.awaitFrames("the direct message", f -> f.stream()
                .anyMatch(m -> "direct to compat".equals(m.getString("content", null))));
        assertEquals(List.of("system", "message", "system", "system", "message"),
                frames.stream().map(f -> f.getString("type")).toList(), frames::toString);
        assertWelcome(frames.get(0));
        assertMessage(frames.get(1), alice.username(), "", "from a compat client", "k-1");
        assertSystem(frames.get(2), "The frame is not valid JSON.");
        assertSystem(frames.get(3), "No such user: nobody-by-this-name");
        assertMessage(frames.get(4), bob.username(), alice.username(), "direct to compat", "k-3");
    }

    @Test
    void theWelcomeComesFirstEvenWhileOthersFloodTheRoom() throws Exception {
        List<TestUser> talkers = IntStream.range(0, 4).mapToObj(i -> TestUser.register(http, "flood")).toList();
        TestUser newcomer = TestUser.register(http, "new");
        List<ChatClient> talking = talkers.stream().map(chat::v1).toList();
        ScheduledExecutorService timer = Executors.newScheduledThreadPool(talking.size());
        List<ChatClient> joined = new ArrayList<>();
        try {
            // Each talker at its sustained rate, 10 a second: the room is busy for as long as it takes.
            for (int t = 0; t < talking.size(); t++) {
                ChatClient talker = talking.get(t);
                int from = t;
                int[] count = {0};
                timer.scheduleAtFixedRate(() -> talker.send(roomMessage("busy " + from + "/" + count[0]++, null)),
                        0, 100, TimeUnit.MILLISECONDS);
            }
            talking.get(0).awaitFrames("the room to be busy", f -> f.stream().filter(FrameAssertions::isMessage).count() >= 8);
            for (int i = 0; i < 10; i++) {
                ChatClient.Connector connector = ChatClient.to(http.base()).bearer(newcomer.token());
                joined.add(chat.keep((i % 2 == 0 ? connector.v1() : connector).connect()));
            }
            for (ChatClient session : joined) {
                session.awaitFrames("some of the flood", f -> f.stream().filter(FrameAssertions::isMessage).count() >= 3);
            }
        } finally {
            timer.shutdownNow();
        }
        for (ChatClient session : joined) {
            assertWelcome(session.frames().get(0));
            assertEquals(1, session.frames("system").size(), () -> "one welcome: " + session.frames());
        }
    }

    private boolean online(TestUser asking, TestUser user) {
        return http.get("api/users/" + user.username()).bearer(asking.token()).send().json().getBoolean("online");
    }

    private static void assertIncreasing(List<Long> ids, String what) {
        for (int i = 1; i < ids.size(); i++) {
            assertTrue(ids.get(i - 1) < ids.get(i), what + " out of order at " + i + ": " + ids);
        }
    }
}
