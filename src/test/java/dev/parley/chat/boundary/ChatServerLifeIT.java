package dev.parley.chat.boundary;

import static dev.parley.chat.boundary.FrameAssertions.assertAck;
import static dev.parley.chat.boundary.FrameAssertions.assertMessage;
import static dev.parley.chat.boundary.FrameAssertions.assertSystem;
import static dev.parley.chat.boundary.FrameAssertions.assertWelcome;
import static dev.parley.chat.boundary.FrameAssertions.ids;
import static dev.parley.chat.boundary.FrameAssertions.message;
import static dev.parley.chat.boundary.FrameAssertions.roomMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.Await;
import dev.parley.testing.JsonHttp;
import dev.parley.testing.Reply;
import dev.parley.testing.ServerOptions;
import dev.parley.testing.ServerProcess;
import dev.parley.testing.TargetServer;
import dev.parley.testing.TestUser;
import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a session sees of the server's own life: pings, ticket expiry, shutdown and restart, and limits an
 * operator set (a page of history, an offline replay). These need a server of their own, started by the
 * test (shorter intervals, smaller limits, a restart on the same data directory).
 */
class ChatServerLifeIT {

    private static final Duration PING_INTERVAL = Duration.ofSeconds(1);
    private static final Duration PONG_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration TICKET_LIFETIME = Duration.ofSeconds(2);
    private static final int MESSAGES_PAGE_SIZE = 3;
    private static final int REPLAY_LIMIT = 3;
    private static final List<String> SETTINGS = List.of(
            "-Dparley.ws.ping-interval=" + PING_INTERVAL,
            "-Dparley.ws.pong-timeout=" + PONG_TIMEOUT,
            "-Dparley.ws.ticket-lifetime=" + TICKET_LIFETIME,
            "-Dparley.messages.page-size=" + MESSAGES_PAGE_SIZE,
            "-Dparley.ws.replay-limit=" + REPLAY_LIMIT);

    private static Path dataDir;
    private static ServerProcess server;

    private JsonHttp http;
    private ChatClients chat;

    @BeforeAll
    static void startServer() {
        dataDir = ServerOptions.dataDir().resolveSibling("it-data-chat-server-life");
        server = ServerProcess.start(dataDir, SETTINGS);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void clients() {
        http = new JsonHttp(server.uri());
        chat = new ChatClients(server.uri());
    }

    @AfterEach
    void closeClients() throws Exception {
        chat.close();
    }

    @Test
    void aClientThatNeverAnswersPingsIsClosedWhileOneThatDoesStaysOpen() {
        TestUser alice = TestUser.register(http, "life");
        ChatClient answering = chat.v1(alice);
        Instant opened = Instant.now();
        RawWebSocket silent = chat.keep(RawWebSocket.connect(server.uri(), alice.token(), "parley.v1"));

        assertWelcome(silent.readJson());
        int pings = 0;
        Optional<RawWebSocket.Frame> frame = silent.read(ChatClient.TIMEOUT);
        while (frame.isPresent() && frame.get().opcode() == RawWebSocket.PING) {
            pings++;
            frame = silent.read(ChatClient.TIMEOUT);
        }

        assertTrue(frame.isPresent(), "a close frame, not just the end of the connection");
        assertEquals(RawWebSocket.CLOSE, frame.get().opcode(), frame.get()::text);
        assertEquals(1001, frame.get().closeCode());
        assertTrue(pings >= 1, "it was pinged first");
        assertFalse(Instant.now().isBefore(opened.plus(PONG_TIMEOUT)), "not before the pong timeout");
        assertTrue(answering.closed().isEmpty(), () -> "the answering client was closed: " + answering.closed());
        answering.sendAcked(roomMessage("still here", "p-1"));
    }

    @Test
    void aTicketWorksForItsLifetimeOnly() {
        TestUser alice = TestUser.register(http, "life");
        JsonObject fresh = ticket(alice);
        assertEquals(TICKET_LIFETIME.toSeconds(), fresh.getInt("expiresIn"));
        chat.open(ChatClient.to(server.uri()).ticket(fresh.getString("ticket")));

        JsonObject old = ticket(alice);
        Instant expired = Instant.now().plus(TICKET_LIFETIME).plusMillis(100);
        Await.until("the ticket's lifetime to pass", TICKET_LIFETIME.multipliedBy(10), () -> Instant.now().isAfter(expired));
        assertEquals(401, ChatClient.to(server.uri()).ticket(old.getString("ticket")).refused());
    }

    @Test
    void theHistorysPageWithoutALimitIsThePageSizeTheOperatorSet() {
        TestUser alice = TestUser.register(http, "life");
        TestUser bob = TestUser.register(http, "life");
        List<Long> ids = sendDirect(alice, bob, MESSAGES_PAGE_SIZE + 1, "paged");

        assertEquals(ids.subList(1, ids.size()), ids(history(alice, "?with=" + bob.username())),
                "the newest " + MESSAGES_PAGE_SIZE);
        assertEquals(ids, ids(history(alice, "?limit=" + ids.size() + "&with=" + bob.username())),
                "a limit still asks for more");
    }

    @Test
    void aCompatClientBackFromAwayGetsTheNewestOfWhatItMissedAfterANoticeOfTheOlderOnes() {
        TestUser alice = TestUser.register(http, "life");
        TestUser bob = TestUser.register(http, "life");
        List<Long> ids = sendDirect(alice, bob, REPLAY_LIMIT + 2, "away");

        List<JsonObject> frames = replayTo(bob, REPLAY_LIMIT);
        assertEquals(2 + REPLAY_LIMIT, frames.size(), frames::toString);
        assertWelcome(frames.get(0));
        assertSystem(frames.get(1), "2 older direct messages sent to you while you were away are not shown here; "
                + "the newest " + REPLAY_LIMIT + " follow.");
        for (int i = 0; i < REPLAY_LIMIT; i++) {
            int sent = i + 2;
            assertMessage(frames.get(2 + i), ids.get(sent), alice.username(), bob.username(), "away " + sent, "away-" + sent);
        }
    }

    @Test
    void aCompatClientThatMissedAsManyAsTheReplayLimitGetsThemAllWithoutANotice() {
        TestUser alice = TestUser.register(http, "life");
        TestUser bob = TestUser.register(http, "life");
        List<Long> ids = sendDirect(alice, bob, REPLAY_LIMIT, "exactly");

        // A notice would come before the messages, so it would be among these frames.
        List<JsonObject> frames = replayTo(bob, REPLAY_LIMIT);
        assertEquals(1 + REPLAY_LIMIT, frames.size(), frames::toString);
        assertWelcome(frames.get(0));
        assertEquals(ids, ids(frames.subList(1, frames.size())));
    }

    @Test
    void aRestartLosesNoAcknowledgedMessageAndShutdownClosesSessionsWith1001() {
        TestUser alice = TestUser.register(http, "life");
        TestUser bob = TestUser.register(http, "life");
        ChatClient aliceSession = chat.v1(alice);
        ChatClient bobSession = chat.compat(bob);
        long start = aliceSession.sendAcked(roomMessage("before the restart", "start"));
        Map<String, JsonObject> sent = new LinkedHashMap<>();
        for (int i = 0; i < 20; i++) {
            String clientId = "r-" + i;
            sent.put(clientId, i % 3 == 0 ? message(bob.username(), "direct " + i, clientId)
                    : roomMessage("room " + i, clientId));
            aliceSession.send(sent.get(clientId));
        }
        Map<String, Long> acked = new LinkedHashMap<>();
        sent.keySet().forEach(clientId -> acked.put(clientId, assertAck(aliceSession.awaitAck(clientId), clientId)));

        server.stop(); // SIGTERM, as an operator stops it
        ChatClient.Closed goingAway = new ChatClient.Closed(1001, TargetServer.current().shutdownCloseReason());
        assertEquals(goingAway, aliceSession.awaitClose());
        assertEquals(goingAway, bobSession.awaitClose());
        assertTrue(bobSession.frames("message").size() >= 1, "bob was receiving until then");

        server = ServerProcess.start(dataDir, SETTINGS);
        JsonHttp restarted = new JsonHttp(server.uri());
        List<JsonObject> room = restarted.get("api/messages?limit=200&after=" + start).bearer(alice.token()).send()
                .jsonArray().getValuesAs(JsonObject.class);
        List<JsonObject> direct = restarted.get("api/messages?limit=200&with=" + bob.username()).bearer(alice.token())
                .send().jsonArray().getValuesAs(JsonObject.class);
        List<JsonObject> stored = new ArrayList<>(room);
        stored.addAll(direct);
        stored.sort((a, b) -> Long.compare(FrameAssertions.id(a), FrameAssertions.id(b)));
        assertEquals(List.copyOf(acked.values()), stored.stream().map(FrameAssertions::id).toList(),
                "exactly what was acknowledged, nothing more");
        for (JsonObject message : stored) {
            String clientId = message.getString("clientId");
            JsonObject original = sent.get(clientId);
            assertMessage(message, acked.get(clientId), alice.username(),
                    original.getString("recipient").isEmpty() ? "" : bob.username(), original.getString("content"), clientId);
        }
    }


    /** {@code count} direct messages from a v1 session of {@code from}, each acked: "label i", client id "label-i". */
    private List<Long> sendDirect(TestUser from, TestUser to, int count, String label) {
        ChatClient session = chat.v1(from);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(session.sendAcked(message(to.username(), label + " " + i, label + "-" + i)));
        }
        return ids;
    }

    /** What a compat session of {@code user} receives first, up to and with {@code messages} messages. */
    private List<JsonObject> replayTo(TestUser user, int messages) {
        return chat.compat(user).awaitFrames("the notice and the replay",
                f -> f.stream().filter(FrameAssertions::isMessage).count() >= messages);
    }

    private List<JsonObject> history(TestUser user, String query) {
        Reply reply = http.get("api/messages" + query).bearer(user.token()).send();
        assertEquals(200, reply.status(), reply::toString);
        return reply.jsonArray().getValuesAs(JsonObject.class);
    }

    private JsonObject ticket(TestUser user) {
        Reply reply = http.post("api/ws-ticket").bearer(user.token()).send();
        assertEquals(200, reply.status(), reply::toString);
        return reply.json();
    }
}
