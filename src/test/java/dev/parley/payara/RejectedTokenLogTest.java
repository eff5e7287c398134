package dev.parley.payara;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class RejectedTokenLogTest {

    @Test
    void aRejectionWithAStackTraceBecomesOneLineThatSaysWhy() {
        LogRecord record = new LogRecord(Level.INFO, "Exception trying to parse JWT token.");
        record.setThrown(new IllegalStateException(new IllegalArgumentException("JWT token expired")));

        assertTrue(RejectedTokenLog.shorten(record), "still logged");
        assertNull(record.getThrown());
        assertEquals("rejected a token: JWT token expired", record.getMessage());
        assertEquals(Level.INFO, record.getLevel());
    }

    @Test
    void nothingTokenLikeSurvivesInTheReason() {
        String token = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJlLXNpZ25hdHVyZQ";
        String reason = RejectedTokenLog.reason(new IllegalArgumentException("Invalid JWS header:\n " + token));

        assertFalse(reason.contains("eyJ"), reason);
        assertFalse(reason.contains("\n"), reason);
        assertEquals("Invalid JWS header: …", reason);
    }

    @Test
    void aLongReasonIsCut() {
        String reason = RejectedTokenLog.reason(new IllegalStateException("bad claim ".repeat(40)));

        assertEquals(161, reason.length(), reason);
    }

    @Test
    void recordsWithoutAThrowableAreLeftAlone() {
        LogRecord record = new LogRecord(Level.WARNING, "something else");

        assertTrue(RejectedTokenLog.shorten(record));
        assertEquals("something else", record.getMessage());
        assertEquals(Level.WARNING, record.getLevel());
    }
}
