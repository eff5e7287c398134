package dev.parley.payara;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.chat.control.ChatPrincipal;
import dev.parley.chat.control.WsTickets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ClusterWsTicketsTest {

    @Test
    void aHeldTicketReadsBackAsItWasKept() {
        WsTickets.Held held = new WsTickets.Held(
                new ChatPrincipal(9, "zoë", "jti-9", Instant.parse("2026-01-02T03:04:05.678Z")), 3,
                Instant.parse("2026-01-02T02:05:00Z"));

        assertEquals(held, ClusterWsTickets.decode(ClusterWsTickets.encode(held)));
    }

    @Test
    void aTicketKeptByAnOlderMemberHasAGenerationNoTokenHas() {
        String older = "{\"user\":9,\"username\":\"zo\u00eb\",\"jti\":\"jti-9\","
                + "\"tokenExpiresAt\":\"2026-01-02T03:04:05.678Z\",\"expiresAt\":\"2026-01-02T02:05:00Z\"}";

        WsTickets.Held held = ClusterWsTickets.decode(older);

        assertEquals(-1, held.tokenGeneration());
        assertEquals(new ChatPrincipal(9, "zo\u00eb", "jti-9", Instant.parse("2026-01-02T03:04:05.678Z")), held.principal());
    }
}
