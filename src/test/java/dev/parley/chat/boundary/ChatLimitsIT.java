package dev.parley.chat.boundary;

import static dev.parley.chat.boundary.FrameAssertions.assertAck;
import static dev.parley.chat.boundary.FrameAssertions.assertError;
import static dev.parley.chat.boundary.FrameAssertions.assertMessage;
import static dev.parley.chat.boundary.FrameAssertions.assertSystem;
import static dev.parley.chat.boundary.FrameAssertions.assertTyping;
import static dev.parley.chat.boundary.FrameAssertions.assertWelcome;
import static dev.parley.chat.boundary.FrameAssertions.message;
import static dev.parley.chat.boundary.FrameAssertions.roomMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.Await;
import dev.parley.testing.Reply;
import dev.parley.testing.TestUser;
import dev.parley.testing.UniqueNames;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** What the server refuses, and how it keeps one client from hurting the others: limits and errors. */
class ChatLimitsIT extends DeployedChat {

    private static final int MAX_FRAME = 64 * 1024;

    /** A frame and the error text it gets; {@code clientId} when the error names the message. */
    private record Refusal(String frame, String code, String message, String clientId) {
    }

    @Test
    void malformedFramesGetAnErrorOrANoticeTheSessionStaysOpenAndNothingIsStored() {
        TestUser alice = TestUser.register(http, "lim");
        TestUser carol = TestUser.register(http, "lim");
        TestUser bob = TestUser.register(http, "lim");
        String to = bob.username();
        String needsStrings = "A message needs a string 'content' and a string 'recipient'.";
        String badClientId = "'clientId' must be a string of 1 to 64 characters.";
        List<Refusal> refusals = List.of(
                new Refusal("{not json", "bad_request", "The frame is not valid JSON.", null),
                new Refusal("{\"type\":\"message\",\"content\":\"cut off", "bad_request", "The frame is not valid JSON.", null),
                new Refusal("[1,2,3]", "bad_request", "A frame must be a JSON object.", null),
                new Refusal("\"message\"", "bad_request", "A frame must be a JSON object.", null),
                new Refusal("{}", "bad_request", "The frame needs a string member 'type'.", null),
                new Refusal("{\"type\":42,\"content\":\"hi\"}", "bad_request", "The frame needs a string member 'type'.", null),
                new Refusal("{\"type\":\"shout\",\"content\":\"hi\"}", "bad_request", "Unknown frame type 'shout'.", null),
                new Refusal(frame(Json.createObjectBuilder().add("content", 42).add("recipient", to).add("clientId", "x-1")),
                        "bad_request", needsStrings, "x-1"),
                new Refusal(frame(Json.createObjectBuilder().add("content", "hi").add("recipient", 7).add("clientId", "x-2")),
                        "bad_request", needsStrings, "x-2"),
                new Refusal(frame(Json.createObjectBuilder().add("recipient", to).add("clientId", "x-3")),
                        "bad_request", needsStrings, "x-3"),
                new Refusal(frame(Json.createObjectBuilder().add("content", " \n ").add("recipient", to).add("clientId", "x-4")),
                        "bad_request", "A message needs some content.", "x-4"),
                // Refused alike on every database (PostgreSQL cannot store it in text, H2 can).
                new Refusal(frame(Json.createObjectBuilder().add("content", "nul\u0000byte").add("recipient", to).add("clientId", "x-nul")),
                        "bad_request", "A message may not contain the character U+0000.", "x-nul"),
                new Refusal(frame(Json.createObjectBuilder().add("content", "hi").add("recipient", to).add("clientId", 12)),
                        "bad_request", badClientId, null),
                new Refusal(frame(Json.createObjectBuilder().add("content", "hi").add("recipient", to).add("clientId", "")),
                        "bad_request", badClientId, null),
                new Refusal(frame(Json.createObjectBuilder().add("content", "hi").add("recipient", to).add("clientId", "x".repeat(65))),
                        "bad_request", badClientId, null),
                new Refusal(frame(Json.createObjectBuilder().add("content", "hi").add("recipient", to)
                        .add("clientId", "\uD83D\uDE00".repeat(65))), "bad_request", badClientId, null),
                new Refusal("{\"type\":\"typing\",\"recipient\":42}", "bad_request",
                        "A typing indicator's 'recipient' must be a string.", null),
                new Refusal("{\"type\":\"sync\",\"after\":\"zero\"}", "bad_request",
                        "'sync' needs a number 'after' (a message id, 0 for all).", null),
                new Refusal(frame(Json.createObjectBuilder().add("content", "hi").add("recipient", "nobody-by-this-name")
                        .add("clientId", "x-5")), "unknown_recipient", "No such user: nobody-by-this-name", "x-5"));
        ChatClient v1 = chat.v1(alice);
        ChatClient compat = chat.compat(carol);
        long before = v1.sendAcked(message(to, "before", "b-0"));

        for (Refusal refusal : refusals) {
            int errors = v1.frames("error").size();
            v1.sendText(refusal.frame());
            JsonObject error = v1.awaitFrames("an error for " + refusal.frame(),
                    f -> f.stream().filter(e -> "error".equals(e.getString("type"))).count() > errors).stream()
                    .filter(e -> "error".equals(e.getString("type"))).toList().get(errors);
            assertError(error, refusal.code(), refusal.message(), refusal.clientId());

            int notices = compat.frames().size();
            compat.sendText(refusal.frame());
            assertSystem(compat.awaitFrames("a notice for " + refusal.frame(), f -> f.size() > notices).get(notices),
                    refusal.message());
        }

        long after = v1.sendAcked(message(to, "after", "b-1"));
        compat.send(message(to, "compat after", "b-2"));
        List<JsonObject> stored = history(bob, alice.username(), "&after=" + before);
        assertEquals(1, stored.size(), stored::toString);
        assertMessage(stored.get(0), after, alice.username(), to, "after", "b-1");
        List<JsonObject> storedFromCarol = historyUntil(bob, carol.username(), 1);
        assertMessage(storedFromCarol.get(0), carol.username(), to, "compat after", "b-2");
        assertEquals(List.of("error"), v1.frames().stream().map(f -> f.getString("type"))
                .filter(t -> !Set.of("system", "ack", "presence").contains(t)).distinct().toList(), "no other frames");
    }

    @Test
    void contentOf4001CharactersIsTooLargeAnd4000AreStoredEvenOutsideTheBasicPlane() {
        TestUser alice = TestUser.register(http, "lim");
        TestUser bob = TestUser.register(http, "lim");
        ChatClient v1 = chat.v1(alice);
        ChatClient compat = chat.compat(alice);
        String tooLong = "a".repeat(4001);
        String longest = "b".repeat(4000);
        String emoji = "\uD83D\uDE00".repeat(4000); // 4,000 characters, 8,000 UTF-16 units, 16,000 bytes

        v1.send(message(bob.username(), tooLong, "big"));
        assertError(v1.awaitError("big"), "too_large", "A message may have at most 4000 characters.", "big");
        compat.send(message(bob.username(), tooLong, "big-compat"));
        assertSystem(compat.awaitFrames("the notice", f -> f.size() == 2).get(1),
                "A message may have at most 4000 characters.");
        long longestId = v1.sendAcked(message(bob.username(), longest, "longest"));
        long emojiId = v1.sendAcked(message(bob.username(), emoji, "emoji"));

        List<JsonObject> stored = history(bob, alice.username(), "");
        assertEquals(List.of(longestId, emojiId), stored.stream().map(FrameAssertions::id).toList());
        assertMessage(stored.get(0), longestId, alice.username(), bob.username(), longest, "longest");
        assertMessage(stored.get(1), emojiId, alice.username(), bob.username(), emoji, "emoji");
    }

    @Test
    void namesAndClientIdsOfTheLongestLengthOutsideTheBasicPlaneAreStored() {
        TestUser alice = TestUser.register(http, UniqueNames.longestOutsideTheBasicPlane(), UniqueNames.email());
        TestUser bob = TestUser.register(http, UniqueNames.longestOutsideTheBasicPlane(), UniqueNames.email());
        ChatClient v1 = chat.v1(alice);
        String clientId = "\uD83D\uDE00".repeat(64); // 64 characters, 128 UTF-16 units

        long id = v1.sendAcked(message(bob.username(), "long names", clientId));

        List<JsonObject> stored = history(bob, URLEncoder.encode(alice.username(), StandardCharsets.UTF_8), "");
        assertEquals(1, stored.size(), stored::toString);
        assertMessage(stored.get(0), id, alice.username(), bob.username(), "long names", clientId);
    }

    @Test
    void theLimitsAreThereForAnyClientToReadBeforeItSends() {
        Reply reply = http.get("api/limits").send();

        assertEquals(200, reply.status(), reply::toString);
        assertEquals(Json.createObjectBuilder().add("maxContentLength", 4000).add("maxFrameBytes", MAX_FRAME).build(),
                reply.json());
    }

    @Test
    void aFrameOfExactly64KiBIsReadAndOneByteMoreClosesTheSessionWith1009() {
        TestUser alice = TestUser.register(http, "lim");
        try (RawWebSocket raw = chat.keep(RawWebSocket.connect(http.base(), alice.token(), "parley.v1"))) {
            assertWelcome(raw.readJson());

            raw.sendText(padded(roomMessage("exactly 64 KiB", "max"), MAX_FRAME));
            JsonObject copy = raw.readJson();
            assertMessage(copy, alice.username(), "", "exactly 64 KiB", "max");
            assertAck(raw.readJson(), "max");

            raw.sendText(padded(roomMessage("one byte more", "over"), MAX_FRAME + 1));
            RawWebSocket.Frame close = raw.readSkippingPings(ChatClient.TIMEOUT).orElseThrow();
            assertEquals(RawWebSocket.CLOSE, close.opcode(), close::text);
            assertEquals(1009, close.closeCode());
        }
    }

    @Test
    void aMessageInFragmentsIsReadWholeAndOneOverTheLimitClosesWith1009BeforeItEnds() {
        TestUser alice = TestUser.register(http, "lim");
        try (RawWebSocket raw = chat.keep(RawWebSocket.connect(http.base(), alice.token(), "parley.v1"))) {
            assertWelcome(raw.readJson());
            String whole = roomMessage("sent in three fragments", "frag").toString();
            int third = whole.length() / 3;

            raw.sendFragments(List.of(whole.substring(0, third), whole.substring(third, 2 * third),
                    whole.substring(2 * third)), true);
            assertMessage(raw.readJson(), alice.username(), "", "sent in three fragments", "frag");
            assertAck(raw.readJson(), "frag");

            // A stream that would go on for megabytes: refused at the fragment that crosses 64 KiB, unfinished.
            String fragment = "x".repeat(60_000);
            raw.sendFragments(List.of("{\"type\":\"message\",\"content\":\"" + fragment, fragment, fragment), false);
            RawWebSocket.Frame close = raw.readSkippingPings(ChatClient.TIMEOUT).orElseThrow();
            assertEquals(RawWebSocket.CLOSE, close.opcode(), close::text);
            assertEquals(1009, close.closeCode());
        }
    }

    @Test
    void framesSentAllAtOnceAreReadOneByOneHoweverLarge() {
        TestUser alice = TestUser.register(http, "lim");
        try (RawWebSocket raw = chat.keep(RawWebSocket.connect(http.base(), alice.token(), "parley.v1"))) {
            assertWelcome(raw.readJson());
            // As a client flushing its outbox on reconnect: 1.9 MB in one write, no frame over the limit.
            List<String> clientIds = IntStream.range(0, 29).mapToObj(i -> "p-" + i).toList();
            raw.sendTexts(clientIds.stream().map(c -> padded(roomMessage("pipelined " + c, c), MAX_FRAME)).toList());

            List<String> acked = new ArrayList<>();
            while (acked.size() < clientIds.size()) {
                JsonObject answer = raw.readJson();
                if ("ack".equals(answer.getString("type"))) {
                    acked.add(answer.getString("clientId"));
                }
            }
            assertEquals(clientIds, acked);
        }
    }

    @Test
    void aBurstOverThirtyMessagesIsRateLimitedAndOnlyTheAcceptedAreStored() {
        TestUser alice = TestUser.register(http, "lim");
        TestUser bob = TestUser.register(http, "lim");
        ChatClient v1 = chat.v1(alice);
        int sent = 60;

        long start = System.nanoTime();
        IntStream.range(0, sent).forEach(i -> v1.send(message(bob.username(), "burst " + i, "r-" + i)));
        List<JsonObject> answers = v1.awaitFrames("an answer to each", f -> f.stream()
                .filter(a -> a.containsKey("clientId") && Set.of("ack", "error").contains(a.getString("type")))
                .count() == sent);
        double seconds = (System.nanoTime() - start) / 1e9;

        Map<String, String> outcome = answers.stream().filter(a -> a.containsKey("clientId"))
                .collect(Collectors.toMap(a -> a.getString("clientId"), a -> a.getString("type")));
        List<String> acked = IntStream.range(0, sent).mapToObj(i -> "r-" + i).filter(c -> "ack".equals(outcome.get(c))).toList();
        assertEquals(IntStream.range(0, 30).mapToObj(i -> "r-" + i).toList(), acked.subList(0, 30), "a burst of 30 is allowed");
        // Beyond the burst, 10 a second: the accepted are as many as the time it took allows.
        assertTrue(acked.size() <= 30 + 10 * seconds + 1, () -> acked.size() + " accepted in " + seconds + " s");
        List<JsonObject> refused = v1.frames("error");
        assertEquals(sent - acked.size(), refused.size(), refused::toString);
        assertTrue(refused.size() > 0, () -> "nothing refused in " + seconds + " s");
        for (JsonObject error : refused) {
            assertError(error, "rate_limited", "Too many messages: slow down.", error.getString("clientId"));
        }
        assertEquals(acked, history(bob, alice.username(), "&limit=200").stream().map(m -> m.getString("clientId")).toList());
        assertTrue(v1.closed().isEmpty(), "a burst is refused, not punished");
    }

    @Test
    void theMessageAllowanceOutlivesTheUsersSessionsSoReconnectingDoesNotRefillIt() {
        TestUser alice = TestUser.register(http, "lim");
        TestUser bob = TestUser.register(http, "lim");
        ChatClient watcher = chat.v1(bob);

        ChatClient first = chat.v1(alice);
        long start = System.nanoTime();
        long acked = acks(first, bob, "before", 31);
        first.close();
        // Sent once the server has handled the close of alice's last session.
        watcher.await("alice offline", f -> "presence".equals(f.getString("type"))
                && alice.username().equals(f.getString("user")) && !f.getBoolean("online"));
        ChatClient second = chat.v1(alice);
        acked += acks(second, bob, "after", 31);
        double seconds = (System.nanoTime() - start) / 1e9;

        // One allowance across both sessions: a burst of 30, then 10 a second, however often the user
        // reconnects (the clock starts at the first burst; a refilled allowance would take 30 more at once).
        long accepted = acked;
        assertTrue(accepted <= 30 + 10 * seconds + 1, () -> accepted + " of 62 accepted in " + seconds + " s");
        second.frames("error").forEach(error ->
                assertError(error, "rate_limited", "Too many messages: slow down.", error.getString("clientId")));
    }

    @Test
    void typingOverABurstOfFiveAndTwoASecondIsDroppedSilentlyAndLeavesTheMessageAllowanceAlone() {
        TestUser alice = TestUser.register(http, "lim");
        TestUser bob = TestUser.register(http, "lim");
        ChatClient aliceV1 = chat.v1(alice);
        ChatClient bobV1 = chat.v1(bob);
        aliceV1.send(message(bob.username(), "ready?", "ty-0"));
        bobV1.awaitMessage("ready?");
        JsonObject typing = Json.createObjectBuilder().add("type", "typing").add("recipient", bob.username()).build();
        int sent = 40;

        long start = System.nanoTime();
        IntStream.range(0, sent).forEach(i -> aliceV1.send(typing));
        // More than the message allowance's burst of 30: refused with rate_limited if typing used it up.
        aliceV1.send(message(bob.username(), "after typing", "ty-1"));
        // Typing is relayed as it is read, the message after its commit: whatever typing was relayed is ahead of it.
        bobV1.awaitMessage("after typing");
        double seconds = (System.nanoTime() - start) / 1e9;

        List<JsonObject> relayed = bobV1.frames("typing");
        relayed.forEach(frame -> assertTyping(frame, alice.username(), bob.username()));
        assertTrue(relayed.size() >= 5, () -> "a burst of 5 is relayed, not " + relayed.size());
        assertTrue(relayed.size() <= 5 + 2 * seconds + 1, () -> relayed.size() + " of " + sent + " relayed in " + seconds + " s");
        aliceV1.awaitAck("ty-1");
        assertEquals(List.of(), aliceV1.frames("error"), "a dropped typing indicator gets no error");
        assertTrue(aliceV1.closed().isEmpty(), "typing too fast is not flooding");
    }

    @Test
    void syncRequestsOverABurstOfTenAndOneASecondAreRateLimitedAndLeaveTheMessageAllowanceAlone() {
        TestUser alice = TestUser.register(http, "lim");
        ChatClient v1 = chat.v1(alice);
        long latest = v1.sendAcked(roomMessage("sync from here", "sy-0"));
        JsonObject sync = Json.createObjectBuilder().add("type", "sync").add("after", latest).build();
        int sent = 30;

        long start = System.nanoTime();
        IntStream.range(0, sent).forEach(i -> v1.send(sync));
        // More than the sync allowance's burst: refused with rate_limited if syncs used up messages.
        v1.send(roomMessage("after the syncs", "sy-1"));
        // Refusals are sent as each frame is read, before the message after them is even stored.
        v1.awaitAck("sy-1");
        double seconds = (System.nanoTime() - start) / 1e9;

        List<JsonObject> refused = v1.frames("error");
        refused.forEach(error -> assertError(error, "rate_limited", "Too many sync requests: slow down.", null));
        int ran = sent - refused.size();
        assertTrue(ran >= 10, () -> "a burst of 10 runs, not " + ran);
        assertTrue(ran <= 10 + seconds + 1, () -> ran + " of " + sent + " syncs ran in " + seconds + " s");
        assertTrue(v1.closed().isEmpty(), "a burst is refused, not punished");
    }

    @Test
    void aClientThatKeepsFloodingIsClosedWith1008WhileAnotherUsersMessagesGoThroughAsFastAsBefore() {
        TestUser flooder = TestUser.register(http, "lim");
        TestUser other = TestUser.register(http, "lim");
        ChatClient flood = chat.v1(flooder);
        ChatClient sender = chat.v1(other);
        List<Long> before = roundTrips(sender, "before", 8, () -> true);

        // Five times the allowed rate, for as long as the server lets it.
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        AtomicInteger sent = new AtomicInteger();
        timer.scheduleAtFixedRate(() -> {
            if (flood.closed().isEmpty()) {
                int n = sent.getAndIncrement();
                flood.send(roomMessage("flood " + n, "f-" + n));
            }
        }, 0, 20, TimeUnit.MILLISECONDS);
        try {
            flood.await("the first refusal", f -> "error".equals(f.getString("type")));
            List<Long> during = roundTrips(sender, "during", 8, () -> flood.closed().isEmpty());

            ChatClient.Closed closed = flood.awaitClose();
            assertEquals(new ChatClient.Closed(1008, "flooding"), closed);
            assertTrue(during.size() >= 4, () -> "only " + during.size() + " round trips fell within the flood");
            assertTrue(median(during) <= 10 * median(before), () -> "round trips before " + before + ", during " + during);
        } finally {
            timer.shutdownNow();
        }
        assertTrue(sender.closed().isEmpty());
        sender.send(roomMessage("after the flood", "after"));
        sender.awaitAck("after");
    }

    @Test
    void aClientThatStopsReadingIsClosedWhenItsQueueFillsWhileFiftyOthersKeepReceiving() throws Exception {
        List<TestUser> users = registerAll(27, "slow");
        TestUser slow = users.get(0);
        List<TestUser> listeners = users.subList(1, 6);
        TestUser talker = users.get(6);
        List<TestUser> fillers = users.subList(7, users.size());
        List<ChatClient> fifty = new ArrayList<>();
        for (TestUser listener : listeners) {
            for (int i = 0; i < 10; i++) {
                fifty.add(i % 2 == 0 ? chat.v1(listener) : chat.compat(listener));
            }
        }
        ChatClient talking = chat.v1(talker);
        List<ChatClient> filling = fillers.stream().map(chat::v1).toList();
        // Completes the handshake, then never reads a byte, not even its welcome. Opened last: it does not
        // answer pings either, and must fill its queue before the pong timeout closes it otherwise.
        RawWebSocket stalled = chat.keep(RawWebSocket.connect(http.base(), slow.token(), "parley.v1"));
        String big = "\u20AC".repeat(4000); // 12,000 bytes of UTF-8

        // The fillers fill the stalled client's queue with direct messages at their allowed rate (a burst,
        // then 10 a second each), while the talker talks to the room, which the fifty listen to.
        AtomicInteger talked = new AtomicInteger();
        ScheduledExecutorService timer = Executors.newScheduledThreadPool(4);
        try {
            for (ChatClient filler : filling) {
                IntStream.range(0, 25).forEach(i -> filler.send(message(slow.username(), big, null)));
                timer.scheduleAtFixedRate(() -> filler.send(message(slow.username(), big, null)), 0, 100,
                        TimeUnit.MILLISECONDS);
            }
            timer.scheduleAtFixedRate(() -> talking.send(roomMessage("talk " + talked.getAndIncrement(), null)), 0, 100,
                    TimeUnit.MILLISECONDS);
            talking.awaitFrames("the stalled client to be closed", Duration.ofSeconds(120), f -> f.stream()
                    .anyMatch(p -> "presence".equals(p.getString("type")) && slow.username().equals(p.getString("user"))
                            && !p.getBoolean("online")));
        } finally {
            timer.shutdownNow();
            timer.awaitTermination(ChatClient.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }

        // Everyone else heard everything the talker said, in order, and is still connected.
        List<String> said = IntStream.range(0, talked.get()).mapToObj(i -> "talk " + i).toList();
        for (ChatClient listener : fifty) {
            List<String> heard = listener.awaitFrames("all the talk", f -> f.stream()
                            .filter(m -> m.getString("content", "").startsWith("talk ")).count() == said.size())
                    .stream().map(m -> m.getString("content", "")).filter(c -> c.startsWith("talk ")).toList();
            assertEquals(said, heard);
            assertTrue(listener.closed().isEmpty(), () -> "a listener was closed: " + listener.closed());
        }
        // What had reached the stalled client's socket before the server gave up on it, in order, then the
        // end: the close frame (1008) sits behind the unread data, so the client usually never sees it.
        List<JsonObject> received = new ArrayList<>();
        Optional<RawWebSocket.Frame> frame = stalled.readSkippingPings(ChatClient.TIMEOUT);
        while (frame.isPresent() && frame.get().opcode() != RawWebSocket.CLOSE) {
            received.add(frame.get().json());
            frame = stalled.readSkippingPings(ChatClient.TIMEOUT);
        }
        assertWelcome(received.get(0));
        List<Long> ids = received.stream().filter(FrameAssertions::isMessage).map(FrameAssertions::id).toList();
        assertEquals(ids.stream().sorted().distinct().toList(), ids, "in id order");
        String end = frame.map(close -> "close " + close.closeCode() + " " + close.text()).orElse("end of connection");
        assertTrue(frame.isEmpty() || frame.get().closeCode() == 1008,
                () -> "after " + received.size() + " frames: " + end);
    }

    /** Registers users in parallel: each costs two password hashes. */
    private List<TestUser> registerAll(int count, String prefix) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<TestUser>> registered = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                registered.add(pool.submit(() -> TestUser.register(http, prefix)));
            }
            List<TestUser> users = new ArrayList<>();
            for (Future<TestUser> user : registered) {
                users.add(user.get(2, TimeUnit.MINUTES));
            }
            return users;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Sends {@code count} direct messages at once and waits for the answer to each: how many were acked. */
    private static long acks(ChatClient client, TestUser to, String prefix, int count) {
        IntStream.range(0, count).forEach(i -> client.send(message(to.username(), prefix + " " + i, prefix + "-" + i)));
        return client.awaitFrames("an answer to each", f -> f.stream()
                        .filter(a -> Set.of("ack", "error").contains(a.getString("type"))).count() == count)
                .stream().filter(a -> "ack".equals(a.getString("type"))).count();
    }

    /**
     * Sends {@code count} room messages one after the other, each when the last one was acked; the round
     * trips (ns) of those that ended while {@code counts} held.
     */
    private static List<Long> roundTrips(ChatClient sender, String label, int count, BooleanSupplier counts) {
        List<Long> trips = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String clientId = label + "-" + i;
            long start = System.nanoTime();
            sender.send(roomMessage(label + " " + i, clientId));
            sender.awaitAck(clientId);
            long trip = System.nanoTime() - start;
            if (counts.getAsBoolean()) {
                trips.add(trip);
            }
        }
        return trips;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private List<JsonObject> history(TestUser user, String with, String query) {
        return http.get("api/messages?with=" + with + query).bearer(user.token()).send().jsonArray()
                .getValuesAs(JsonObject.class);
    }

    /** The conversation once it holds {@code count} messages (a compat sender gets no ack to wait for). */
    private List<JsonObject> historyUntil(TestUser user, String with, int count) {
        return Await.until("the conversation with " + with, ChatClient.TIMEOUT,
                () -> history(user, with, ""), list -> list.size() >= count);
    }

    private static String frame(JsonObjectBuilder message) {
        return message.add("type", "message").build().toString();
    }

    /** The frame with a member {@code pad} that makes it exactly {@code bytes} long in UTF-8. */
    private static String padded(JsonObject frame, int bytes) {
        String empty = Json.createObjectBuilder(frame).add("pad", "").build().toString();
        int padding = bytes - empty.getBytes(StandardCharsets.UTF_8).length;
        String text = Json.createObjectBuilder(frame).add("pad", "x".repeat(padding)).build().toString();
        assertEquals(bytes, text.getBytes(StandardCharsets.UTF_8).length);
        return text;
    }

}
