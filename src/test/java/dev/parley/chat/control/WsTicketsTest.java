package dev.parley.chat.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.accounts.control.TokenRevocations;
import dev.parley.accounts.entity.User;
import dev.parley.testing.Await;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WsTicketsTest {

    private final LocalWsTickets tickets = new LocalWsTickets();

    @BeforeEach
    void configure() {
        tickets.lifetime = Duration.ofSeconds(30);
        tickets.revocations = new TokenRevocations() {
            @Override
            public Optional<User> holder(long userId, String jti, int generation) {
                return Optional.of(new User((long) userId, "ann", "ann", "", "", "", "", Instant.EPOCH, null, generation));
            }
        };
    }

    @Test
    void aTicketWorksOnceForItsLifetime() {
        ChatPrincipal ann = new ChatPrincipal(1, "ann", "jti-1", Instant.now().plus(Duration.ofHours(1)));
        String ticket = tickets.issue(ann, 0);

        assertEquals(Optional.of(ann), tickets.redeem(ticket));
        assertEquals(Optional.empty(), tickets.redeem(ticket), "once");
    }

    @Test
    void aTicketNeverOutlivesTheTokenItWasTradedFor() {
        // Traded 2 s before its token expires (the lifetime is 30 s): it ends with the token.
        ChatPrincipal ann = new ChatPrincipal(1, "ann", "jti-1", Instant.now().plus(Duration.ofSeconds(2)));
        String ticket = tickets.issue(ann, 0);
        String late = tickets.issue(ann, 0);
        assertEquals(Optional.of(ann), tickets.redeem(ticket), "while the token works");

        Await.until("the token's expiry", Duration.ofSeconds(30), () -> Instant.now().isAfter(ann.expiresAt()));

        assertEquals(Optional.empty(), tickets.redeem(late), "the token expired, so did its ticket");
    }
}
