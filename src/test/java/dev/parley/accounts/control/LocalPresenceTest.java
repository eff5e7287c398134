package dev.parley.accounts.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LocalPresenceTest {

    @Test
    void onlineFromTheFirstReportUntilTheLast() {
        LocalPresence presence = new LocalPresence();

        assertTrue(presence.online(1), "offline everywhere until now");
        assertFalse(presence.online(1), "online already");
        assertTrue(presence.isOnline(1));
        assertFalse(presence.isOnline(2));
        assertTrue(presence.offline(1), "offline now");
        assertFalse(presence.isOnline(1));
        assertFalse(presence.offline(1), "was not online");
    }
}
