package dev.parley.payara;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.accounts.control.TokensRevoked;
import dev.parley.chat.control.Frame;
import org.junit.jupiter.api.Test;

class EnvelopeTest {

    @Test
    void aRouteToOneUserTravelsWithItsFrameAndWatermark() {
        Frame frame = new Frame("{\"type\":\"message\",\"content\":\"h\\u00e9 \\\"you\\\"\"}", true);

        Envelope decoded = Envelope.decode(Envelope.toUser(42, frame, 1234).encode());

        Envelope.Route route = (Envelope.Route) decoded;
        assertEquals(new Envelope.Route(42, frame, 1234), route);
        assertFalse(route.toEveryone());
    }

    @Test
    void aRouteToEveryoneStaysOneForEveryone() {
        Frame frame = new Frame("{\"type\":\"presence\"}", false);

        Envelope.Route route = (Envelope.Route) Envelope.decode(Envelope.toEveryone(frame, 0).encode());

        assertTrue(route.toEveryone());
        assertEquals(frame, route.frame());
    }

    @Test
    void aLogoutOfOneTokenOrOfEveryTokenTravels() {
        for (TokensRevoked revoked : new TokensRevoked[] {new TokensRevoked(7, "jti-1"), new TokensRevoked(7, null)}) {
            assertEquals(new Envelope.Revoke(revoked), Envelope.decode(new Envelope.Revoke(revoked).encode()));
        }
    }

    @Test
    void noUserZero() {
        assertThrows(IllegalArgumentException.class, () -> Envelope.toUser(0, new Frame("{}", true), 0));
    }

    @Test
    void anUnknownKindIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Envelope.decode("{\"kind\":\"gossip\"}"));
    }
}
