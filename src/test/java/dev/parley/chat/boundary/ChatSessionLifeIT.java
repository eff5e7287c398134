package dev.parley.chat.boundary;

import static dev.parley.chat.boundary.FrameAssertions.assertError;
import static dev.parley.chat.boundary.FrameAssertions.roomMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.TestUser;
import dev.parley.testing.TokenSigner;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How long a session lives: its token's expiry, renewal with {@code auth}, and logout. */
class ChatSessionLifeIT extends DeployedChat {

    private static final ChatClient.Closed LOGGED_OUT = new ChatClient.Closed(1008, "logged out");

    /** Long enough to open a few sessions on a busy machine, short enough to wait for. */
    private static final Duration SHORT = Duration.ofSeconds(10);

    @Test
    void aSessionWhoseTokenExpiresIsClosedWith1008UnlessAnAuthFrameRenewedIt() {
        TestUser alice = TestUser.register(http, "life");
        ChatClient renewed = chat.open(ChatClient.to(http.base()).bearer(shortLived(alice)).v1());
        ChatClient expiring = chat.open(ChatClient.to(http.base()).bearer(shortLived(alice)).v1());
        String compatToken = shortLived(alice);
        Instant expiry = Instant.ofEpochSecond(TokenSigner.claimsOf(compatToken).getJsonNumber("exp").longValue());
        ChatClient expiringCompat = chat.open(ChatClient.to(http.base()).token(compatToken));

        renewed.send(auth(alice.token()));
        // Frames are handled in order: once this is acked, the renewal is done.
        renewed.sendAcked(roomMessage("renewed", "a-1"));

        assertEquals(new ChatClient.Closed(1008, "token expired"), expiring.awaitClose());
        assertEquals(new ChatClient.Closed(1008, "token expired"), expiringCompat.awaitClose());
        assertFalse(Instant.now().isBefore(expiry), "closed only once the token expired");
        assertTrue(renewed.closed().isEmpty(), () -> "the renewed session was closed: " + renewed.closed());
        renewed.sendAcked(roomMessage("still here", "a-2"));
    }

    @Test
    void anAuthFrameWithATokenNotValidForTheSessionIsRefusedAndChangesNothing() {
        TestUser alice = TestUser.register(http, "life");
        TestUser bob = TestUser.register(http, "life");
        ChatClient session = chat.v1(alice);
        TokenSigner serverKey = TokenSigner.serverKey();
        Instant now = Instant.now();
        List<JsonObject> refused = List.of(
                auth(bob.token()),
                auth(serverKey.sign(TokenSigner.claims(alice.id(), alice.username(), now.minus(Duration.ofHours(2)),
                        Duration.ofHours(1)).build())),
                auth(TokenSigner.newKey().sign(TokenSigner.claims(alice).build())),
                auth("not.a.token"),
                Json.createObjectBuilder().add("type", "auth").add("token", 42).build(),
                Json.createObjectBuilder().add("type", "auth").add("token", JsonValue.NULL).build());

        for (int i = 0; i < refused.size(); i++) {
            session.send(refused.get(i));
            int count = i + 1;
            List<JsonObject> errors = session.awaitFrames("the refusal", f -> f.stream()
                    .filter(e -> "error".equals(e.getString("type"))).count() == count).stream()
                    .filter(e -> "error".equals(e.getString("type"))).toList();
            assertError(errors.get(i), "unauthorized", "That token is not valid for this session.", null);
        }
        session.sendAcked(roomMessage("still alice", "u-1"));
    }

    @Test
    void logoutClosesTheSessionsOpenedWithThatTokenOnly() {
        TestUser alice = TestUser.register(http, "life");
        TestUser otherLogin = alice.withNewToken(http);
        ChatClient byBearer = chat.v1(alice);
        ChatClient byUrl = chat.compat(alice);
        ChatClient byTicket = chat.open(ChatClient.to(http.base()).ticket(ticket(alice)).v1());
        ChatClient otherSession = chat.v1(otherLogin);
        String unusedTicket = ticket(alice);
        String otherLoginsTicket = ticket(otherLogin);

        assertEquals(204, http.post("api/logout").bearer(alice.token()).send().status());

        for (ChatClient session : List.of(byBearer, byUrl, byTicket)) {
            assertEquals(LOGGED_OUT, session.awaitClose());
        }
        otherSession.sendAcked(roomMessage("still logged in", "l-1"));
        assertTrue(otherSession.closed().isEmpty());
        assertEquals(401, ChatClient.to(http.base()).bearer(alice.token()).refused());
        assertEquals(401, ChatClient.to(http.base()).ticket(unusedTicket).refused(),
                "a ticket stops working with the token it was traded for");
        chat.open(ChatClient.to(http.base()).ticket(otherLoginsTicket).v1()).sendAcked(roomMessage("other ticket", "l-2"));
    }

    @Test
    void logoutEverywhereClosesEverySessionOfTheUserAndNoOneElses() {
        TestUser alice = TestUser.register(http, "life");
        TestUser bob = TestUser.register(http, "life");
        TestUser otherLogin = alice.withNewToken(http);
        ChatClient first = chat.v1(alice);
        ChatClient second = chat.compat(otherLogin);
        ChatClient bobs = chat.v1(bob);
        String otherLoginsTicket = ticket(otherLogin);
        String bobsTicket = ticket(bob);

        assertEquals(204, http.post("api/logout").bearer(alice.token())
                .json(Json.createObjectBuilder().add("all", true).build()).send().status());

        assertEquals(LOGGED_OUT, first.awaitClose());
        assertEquals(LOGGED_OUT, second.awaitClose());
        bobs.sendAcked(roomMessage("bob stays", "b-1"));
        assertEquals(401, ChatClient.to(http.base()).token(otherLogin.token()).refused());
        assertEquals(401, ChatClient.to(http.base()).ticket(otherLoginsTicket).refused(),
                "a ticket of any of the user's tokens stops working");
        chat.open(ChatClient.to(http.base()).ticket(bobsTicket).v1()).sendAcked(roomMessage("bob's ticket", "b-2"));
    }

    private String ticket(TestUser user) {
        return http.post("api/ws-ticket").bearer(user.token()).send().json().getString("ticket");
    }

    /** A token signed with the server's key that expires {@link #SHORT} from now. */
    private static String shortLived(TestUser user) {
        return TokenSigner.serverKey().sign(TokenSigner.claims(user.id(), user.username(), Instant.now(), SHORT).build());
    }

    private static JsonObject auth(String token) {
        return Json.createObjectBuilder().add("type", "auth").add("token", token).build();
    }
}
