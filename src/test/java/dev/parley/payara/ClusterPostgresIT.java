package dev.parley.payara;

import static dev.parley.chat.boundary.FrameAssertions.assertMessage;
import static dev.parley.chat.boundary.FrameAssertions.assertPresence;
import static dev.parley.chat.boundary.FrameAssertions.assertTyping;
import static dev.parley.chat.boundary.FrameAssertions.isMessage;
import static dev.parley.chat.boundary.FrameAssertions.message;
import static dev.parley.chat.boundary.FrameAssertions.roomMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.chat.boundary.ChatClient;
import dev.parley.chat.boundary.ChatClients;
import dev.parley.chat.boundary.FrameAssertions;
import dev.parley.testing.Await;
import dev.parley.testing.JsonHttp;
import dev.parley.testing.PayaraProcess;
import dev.parley.testing.ServerOptions;
import dev.parley.testing.TestUser;
import dev.parley.testing.TokenSigner;
import dev.parley.testing.UniqueNames;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two real Payara Micro instances, A and B, in one cluster: one PostgreSQL schema (an H2 file cannot be
 * shared, hence the PostgreSQL suite, {@code mvn verify -Ppostgres}), one signing key, and a data grid
 * on two loopback ports configured by {@code payara-config/hazelcast.xml}. People on A and people on B
 * chat as if on one server. Both start once for the class, side by side.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterPostgresIT {

    /** Both instances started together serve in about 18 s; the grid forms within a few more. */
    private static final Duration CLUSTER_FORMS = Duration.ofSeconds(60);

    static PayaraProcess a;
    static PayaraProcess b;
    static JsonHttp httpA;
    static JsonHttp httpB;

    ChatClients onA;
    ChatClients onB;

    @BeforeAll
    static void startTwoMembers() throws IOException {
        String run = UniqueNames.suffix();
        Path key = Files.createDirectories(ServerOptions.dataDir().resolveSibling("it-cluster-" + run))
                .resolve("signing-key.pem");
        Files.writeString(key, TokenSigner.newKey().privateKeyPem());
        List<String> sameKey = List.of("-Dparley.jwt.private-key.location=" + key.toAbsolutePath(),
                "-Dparley.cluster.min-members=2");
        List<Integer> gridPorts = List.of(ServerOptions.freePort(), ServerOptions.freePort());
        CompletableFuture<PayaraProcess> startingA = CompletableFuture.supplyAsync(() -> PayaraProcess.startClusterMember(
                ServerOptions.dataDir().resolveSibling("it-cluster-" + run + "-a"), sameKey, gridPorts.get(0), gridPorts));
        CompletableFuture<PayaraProcess> startingB = CompletableFuture.supplyAsync(() -> PayaraProcess.startClusterMember(
                ServerOptions.dataDir().resolveSibling("it-cluster-" + run + "-b"), sameKey, gridPorts.get(1), gridPorts));
        try {
            a = startingA.join();
            b = startingB.join();
        } catch (CompletionException e) {
            stopBoth();
            startingA.thenAccept(PayaraProcess::close);
            startingB.thenAccept(PayaraProcess::close);
            throw e;
        }
        httpA = new JsonHttp(a.uri());
        httpB = new JsonHttp(b.uri());
        for (JsonHttp http : List.of(httpA, httpB)) {
            Await.until("both members in the cluster, seen from " + http.base(), CLUSTER_FORMS,
                    () -> http.health().get("ready").send().status() == 200);
        }
    }

    @AfterAll
    static void stopBoth() {
        for (PayaraProcess server : new PayaraProcess[] {a, b}) {
            if (server != null) {
                server.close();
            }
        }
    }

    @AfterEach
    void closeSessions() throws Exception {
        if (onA != null) {
            onA.close();
        }
        if (onB != null) {
            onB.close();
        }
    }

    private void sessions() {
        onA = new ChatClients(a.uri());
        onB = new ChatClients(b.uri());
    }

    /** Last, since B leaves: with {@code min-members=2}, A alone is taken out of rotation and says why. */
    @Test
    @Order(Integer.MAX_VALUE)
    void aMemberLeftAloneBelowMinMembersIsNotReady() {
        b.stop();

        Await.until("A to notice that B left", CLUSTER_FORMS, () -> httpA.health().get("ready").send().status() == 503);
        JsonObject ready = httpA.health().get("ready").send().json();
        JsonObject cluster = ready.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(check -> "cluster".equals(check.getString("name"))).findFirst().orElseThrow();
        assertEquals("DOWN", cluster.getString("status"), cluster::toString);
        assertEquals("1", text(cluster.getJsonObject("data"), "members"), cluster::toString);
        assertEquals(200, httpA.health().get("live").send().status(), "alive: only out of rotation");
    }

    @Test
    void readinessShowsTheClusterOfTwoOnBothMembers() {
        for (JsonHttp http : List.of(httpA, httpB)) {
            JsonObject ready = http.health().get("ready").send().json();
            JsonObject cluster = ready.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                    .filter(check -> "cluster".equals(check.getString("name"))).findFirst().orElseThrow();
            assertEquals("UP", cluster.getString("status"), cluster::toString);
            JsonObject data = cluster.getJsonObject("data");
            assertEquals("true", text(data, "clustered"), data::toString);
            assertEquals("2", text(data, "members"), data::toString);
            assertTrue(text(data, "thisMember").contains("127.0.0.1"), data::toString);
        }
    }

    @Test
    void aRoomMessageSentOnAReachesBAndTheSenderSeesItOnce() {
        sessions();
        TestUser alice = TestUser.register(httpA, "ann");
        TestUser bob = TestUser.register(httpB, "bob");
        ChatClient aliceOnA = onA.v1(alice);
        ChatClient bobOnB = onB.v1(bob);

        String content = "hello across " + UniqueNames.suffix();
        long id = aliceOnA.sendAcked(roomMessage(content, "c-room"));

        assertMessage(bobOnB.awaitMessage(content), id, alice.username(), "", content, "c-room");
        assertEquals(1, aliceOnA.frames("message").stream().filter(m -> content.equals(m.getString("content"))).count(),
                "the sender's own instance does not get its message back from the grid");
    }

    @Test
    void aDirectMessageReachesTheRecipientAndTheSendersOtherSessionOnTheOtherMember() {
        sessions();
        TestUser alice = TestUser.register(httpA, "ada");
        TestUser bob = TestUser.register(httpB, "ben");
        ChatClient aliceOnA = onA.v1(alice);
        ChatClient aliceOnB = onB.v1(alice);
        ChatClient bobOnB = onB.compat(bob);

        String content = "psst " + UniqueNames.suffix();
        long id = aliceOnA.sendAcked(message(bob.username(), content, "c-direct"));

        assertMessage(bobOnB.awaitMessage(content), id, alice.username(), bob.username(), content, "c-direct");
        assertMessage(aliceOnB.awaitMessage(content), id, alice.username(), bob.username(), content, "c-direct");
    }

    @Test
    void idsIncreaseInTheOrderMessagesAreStoredOnEitherMemberAndSyncOnBReplaysAsMessages() {
        sessions();
        TestUser ann = TestUser.register(httpA, "ann");
        TestUser bo = TestUser.register(httpB, "bo");
        ChatClient annOnA = onA.v1(ann);
        ChatClient boOnB = onB.v1(bo);
        String run = UniqueNames.suffix();

        List<Long> ids = new ArrayList<>();
        for (int turn = 0; turn < 7; turn++) {
            ChatClient sender = turn % 2 == 0 ? annOnA : boOnB;
            ids.add(sender.sendAcked(roomMessage("turn " + turn + " " + run, "c-turn-" + turn)));
        }
        assertEquals(ids.stream().sorted().toList(), ids, "ids in the order the members stored the messages");

        // The last one (from A) has reached B: a session opening on B now replays it with the rest.
        boOnB.awaitMessage("turn 6 " + run);
        ChatClient carolOnB = onB.v1(TestUser.register(httpB, "cy"));
        carolOnB.send(Json.createObjectBuilder().add("type", "sync").add("after", ids.get(0)).build());
        List<Long> replayed = carolOnB.awaitFrames("the sync's six messages",
                        frames -> frames.stream().filter(f -> isMessage(f) && f.getString("content").endsWith(run)).count() == 6)
                .stream().filter(f -> isMessage(f) && f.getString("content").endsWith(run))
                .map(FrameAssertions::id).toList();
        assertEquals(ids.subList(1, 7), replayed);
    }

    @Test
    void presenceAndTypingCrossAndTheDirectoryOfEitherMemberKnowsWhoIsOnline() {
        sessions();
        TestUser watcher = TestUser.register(httpB, "wat");
        TestUser carol = TestUser.register(httpA, "cat");
        ChatClient watcherOnB = onB.v1(watcher);

        ChatClient carolOnA = onA.v1(carol);
        assertPresence(watcherOnB.await("carol online", f -> isPresence(f, carol, true)), carol.username(), true);
        assertTrue(online(httpB, watcher, carol), "B's directory shows a user whose session is on A");

        carolOnA.send(Json.createObjectBuilder().add("type", "typing").add("recipient", watcher.username()).build());
        assertTyping(watcherOnB.await("typing"), carol.username(), watcher.username());

        // A second session on B and closing it again: carol stays online, nobody is told otherwise.
        ChatClient carolOnB = onB.v1(carol);
        carolOnB.close();
        carolOnA.close();
        assertPresence(watcherOnB.await("carol offline", f -> isPresence(f, carol, false)), carol.username(), false);
        assertEquals(1, watcherOnB.frames("presence").stream().filter(f -> isPresence(f, carol, false)).count(),
                "offline once, when carol's last session anywhere closed: " + watcherOnB.frames("presence"));
        Await.until("A's directory to show carol offline", ChatClient.TIMEOUT, () -> !online(httpA, watcher, carol));
    }

    @Test
    void aTicketIssuedByAWorksOnceOnB() {
        TestUser dan = TestUser.register(httpA, "dan");
        String ticket = httpA.post("api/ws-ticket").bearer(dan.token()).send().json().getString("ticket");

        try (ChatClient onB = ChatClient.to(b.uri()).ticket(ticket).v1().connect()) {
            onB.await("system");
        }
        assertEquals(401, ChatClient.to(b.uri()).ticket(ticket).refused(), "a ticket works once, on B");
        assertEquals(401, ChatClient.to(a.uri()).ticket(ticket).refused(), "and not again on A");
    }

    @Test
    void logoutOnAClosesTheSessionOnBWith1008() {
        sessions();
        TestUser eve = TestUser.register(httpA, "eve");
        ChatClient eveOnB = onB.v1(eve);

        assertEquals(204, httpA.post("api/logout").bearer(eve.token()).send().status());

        assertEquals(1008, eveOnB.awaitClose().code());
        assertEquals(401, httpB.get("api/users/me").bearer(eve.token()).send().status());
    }

    /** A check's datum as text: Payara writes booleans as strings. */
    private static String text(JsonObject data, String name) {
        return data.get(name) instanceof JsonString string ? string.getString() : String.valueOf(data.get(name));
    }

    private static boolean isPresence(JsonObject frame, TestUser user, boolean online) {
        return "presence".equals(frame.getString("type", null)) && user.username().equals(frame.getString("user"))
                && frame.getBoolean("online") == online;
    }

    private static boolean online(JsonHttp http, TestUser asker, TestUser user) {
        return http.get("api/users/" + user.username()).bearer(asker.token()).send().json().getBoolean("online");
    }
}
