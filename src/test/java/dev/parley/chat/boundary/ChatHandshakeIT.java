package dev.parley.chat.boundary;

import static dev.parley.chat.boundary.FrameAssertions.assertMessage;
import static dev.parley.chat.boundary.FrameAssertions.assertWelcome;
import static dev.parley.chat.boundary.FrameAssertions.roomMessage;
import static dev.parley.testing.ProblemAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.Await;
import dev.parley.testing.Reply;
import dev.parley.testing.TestUser;
import dev.parley.testing.TokenSigner;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The WebSocket handshake: credentials, origins, the session limit, paths and the subprotocol. */
class ChatHandshakeIT extends DeployedChat {

    private static final String NO_CREDENTIAL = "A valid token or ticket is required.";

    @Test
    void aBearerTokenOpensACompatSessionWhoseFirstFrameIsTheWelcome() {
        TestUser alice = TestUser.register(http, "hs");

        ChatClient client = chat.keep(ChatClient.to(http.base()).bearer(alice.token()).connect());

        assertEquals("", client.subprotocol(), "no subprotocol offered: compat");
        assertWelcome(client.awaitFrames("the first frame", frames -> !frames.isEmpty()).get(0));
    }

    @Test
    void offeringParleyV1NegotiatesIt() {
        TestUser alice = TestUser.register(http, "hs");

        ChatClient client = chat.keep(ChatClient.to(http.base()).bearer(alice.token()).v1().connect());

        assertEquals("parley.v1", client.subprotocol());
        assertWelcome(client.awaitFrames("the first frame", frames -> !frames.isEmpty()).get(0));
    }

    @Test
    void aTicketOpensOneSessionOnly() {
        TestUser alice = TestUser.register(http, "hs");
        Reply issued = http.post("api/ws-ticket").bearer(alice.token()).send();
        assertEquals(200, issued.status(), issued::toString);
        assertEquals(Set.of("ticket", "expiresIn"), issued.json().keySet());
        assertEquals(30, issued.json().getInt("expiresIn"), "a ticket lives 30 s");
        String ticket = issued.json().getString("ticket");

        ChatClient client = chat.open(ChatClient.to(http.base()).ticket(ticket));
        client.send(roomMessage("opened with a ticket", null));
        assertMessage(client.awaitMessage("opened with a ticket"), alice.username(), "", "opened with a ticket", null);

        assertEquals(401, ChatClient.to(http.base()).ticket(ticket).refused(), "a ticket works once");
        assertProblem(http.post("api/ws-ticket").send(), 401, "Authentication is required: send a valid bearer token.");
    }

    @Test
    void theOriginalClientsConnectWithTheTokenInTheUrlUnderAnyPathAndAreWhoTheTokenSays() {
        TestUser alice = TestUser.register(http, "hs");
        TestUser bob = TestUser.register(http, "hs");

        // The original client puts its own user id in the path; here it claims to be bob.
        ChatClient client = chat.open(ChatClient.to(http.base()).path("ws/" + bob.id()).token(alice.token()));
        client.send(roomMessage("who am I?", null));

        assertMessage(client.awaitMessage("who am I?"), alice.username(), "", "who am I?", null);
        assertEquals("", client.subprotocol());
    }

    @Test
    void withoutAValidCredentialTheUpgradeIsRefusedWith401AndNothingIsUpgraded() {
        TestUser alice = TestUser.register(http, "hs");
        Instant now = Instant.now();
        TokenSigner serverKey = TokenSigner.serverKey();
        String expired = serverKey.sign(TokenSigner.claims(alice.id(), alice.username(),
                now.minus(Duration.ofHours(2)), Duration.ofHours(1)).build());
        String otherKey = TokenSigner.newKey().sign(TokenSigner.claims(alice).build());
        String otherIssuer = serverKey.sign(TokenSigner.claims(alice).add("iss", "someone-else").build());
        TestUser revoked = alice.withNewToken(http);
        assertEquals(204, http.post("api/logout").bearer(revoked.token()).send().status());
        String valid = alice.token();

        Map<String, Map<String, String>> refusals = new LinkedHashMap<>();
        refusals.put("ws", Map.of());
        refusals.put("ws/" + alice.id(), Map.of());
        refusals.put("ws?token=not.a.token", Map.of());
        refusals.put("ws?token=" + enc(expired), Map.of());
        refusals.put("ws?token=" + enc(otherKey), Map.of());
        refusals.put("ws?token=" + enc(otherIssuer), Map.of());
        refusals.put("ws?token=" + enc(revoked.token()), Map.of());
        refusals.put("ws?ticket=no-such-ticket", Map.of());
        refusals.put("ws?t=basic", Map.of("Authorization", "Basic YWxpY2U6c2VjcmV0"));
        // A ticket comes before a token in the URL: a bad ticket is not rescued by a good token.
        refusals.put("ws?ticket=no-such-ticket&token=" + enc(valid), Map.of());
        // Signed right but revoked: the runtime lets it through, Parley refuses it.
        refusals.put("ws?t=revoked", Map.of("Authorization", "Bearer " + revoked.token()));
        refusals.forEach((path, headers) -> {
            try (RawWebSocket raw = RawWebSocket.open(http.base(), path, headers)) {
                assertProblem(raw.handshake().reply(), 401, NO_CREDENTIAL);
                assertNotUpgraded(raw.handshake());
            }
        });

        // A bearer token the runtime's MicroProfile JWT cannot verify is refused by the runtime itself,
        // before Parley sees the request: 401 all the same, and first match wins, so a good token in the
        // URL does not rescue a bad bearer. (Its body comes without a Content-Type on an upgrade request.)
        for (String bearer : List.of(expired, otherKey, otherIssuer, "not.a.token")) {
            for (String path : List.of("ws", "ws?token=" + enc(valid))) {
                try (RawWebSocket raw = RawWebSocket.open(http.base(), path, Map.of("Authorization", "Bearer " + bearer))) {
                    assertEquals(401, raw.handshake().status(), raw.handshake()::toString);
                    assertNotUpgraded(raw.handshake());
                }
            }
        }
        // And as the JDK's WebSocket client sees it.
        assertEquals(401, ChatClient.to(http.base()).bearer(expired).refused());
        assertEquals(401, ChatClient.to(http.base()).token(revoked.token()).refused());
    }

    @Test
    void aValidBearerWinsOverAnythingInTheUrl() {
        TestUser alice = TestUser.register(http, "hs");

        ChatClient client = chat.open(ChatClient.to(http.base()).bearer(alice.token())
                .query("ticket", "no-such-ticket").query("token", "not.a.token"));

        client.send(roomMessage("bearer first", null));
        assertMessage(client.awaitMessage("bearer first"), alice.username(), "", "bearer first", null);
    }

    @Test
    void anOriginNotAllowedIsRefusedWith403WhileSameOriginAndNoOriginAreAccepted() {
        TestUser alice = TestUser.register(http, "hs");
        URI server = http.base();
        String sameOrigin = "http://" + server.getHost() + ":" + server.getPort();

        for (String origin : List.of("http://evil.example", "https://" + server.getHost() + ".evil.example",
                "null", sameOrigin + ".evil.example")) {
            try (RawWebSocket raw = RawWebSocket.open(server, "ws",
                    Map.of("Authorization", "Bearer " + alice.token(), "Origin", origin))) {
                assertProblem(raw.handshake().reply(), 403, "This origin may not open a WebSocket here.");
                assertFalse(raw.handshake().header("Sec-WebSocket-Accept").isPresent());
            }
        }
        assertEquals(403, ChatClient.to(server).bearer(alice.token()).origin("http://evil.example").refused());

        chat.open(ChatClient.to(server).bearer(alice.token()).origin(sameOrigin));
        chat.open(ChatClient.to(server).bearer(alice.token()));
    }

    @Test
    void theEleventhSessionOfAUserIsRefusedUntilOneCloses() {
        TestUser alice = TestUser.register(http, "hs");
        TestUser bob = TestUser.register(http, "hs");
        List<ChatClient> sessions = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ChatClient.Connector connector = ChatClient.to(http.base()).bearer(alice.token());
            sessions.add(chat.open(i % 2 == 0 ? connector : connector.v1()));
        }

        try (RawWebSocket eleventh = RawWebSocket.open(http.base(), "ws",
                Map.of("Authorization", "Bearer " + alice.token()))) {
            assertProblem(eleventh.handshake().reply(), 429, "At most 10 open sessions per user: close one first.");
        }
        assertEquals(429, ChatClient.to(http.base()).token(alice.token()).refused());
        chat.compat(bob);

        sessions.get(3).close();
        ChatClient.Connector again = ChatClient.to(http.base()).bearer(alice.token());
        ChatClient reopened = Await.until("a session of alice to be accepted again", ChatClient.TIMEOUT,
                again::openUnlessRefused, Optional::isPresent).orElseThrow();
        chat.keep(reopened);
        assertWelcome(reopened.await("system"));
    }

    @Test
    void aPlainRequestToTheWebSocketPathIsABadRequest() {
        TestUser alice = TestUser.register(http, "hs");

        Reply plain = http.get("ws").bearer(alice.token()).send();

        assertProblem(plain, 400, "This is a WebSocket endpoint: send an upgrade request.");
        assertTrue(plain.header("Upgrade").isEmpty());
    }

    private static void assertNotUpgraded(RawWebSocket.Handshake answer) {
        assertEquals(Optional.of("Bearer"), answer.header("WWW-Authenticate"), answer::toString);
        assertFalse(answer.header("Sec-WebSocket-Accept").isPresent(), () -> "upgraded: " + answer);
        assertFalse(answer.header("Upgrade").isPresent(), () -> "upgraded: " + answer);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
