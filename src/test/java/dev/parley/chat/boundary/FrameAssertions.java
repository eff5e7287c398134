package dev.parley.chat.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Exact checks of the frames of CONTRACT.md section 3: each frame is compared whole, so a member too
 * many or too few fails the test. Only what the test cannot know in advance is taken from the frame
 * after it was checked: {@code time} (RFC 3339 in UTC, close to now) and a message's {@code id}.
 */
public final class FrameAssertions {

    public static final String WELCOME = "Welcome to the chat!";
    public static final String SYSTEM = "System";

    /** RFC 3339 in UTC as Parley writes it: {@code 2025-01-31T12:34:56.789Z}, the fraction optional. */
    private static final Pattern RFC_3339_UTC = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z");

    /** How far a frame's time may be from the test's clock: same machine, but a slow one. */
    private static final Duration CLOCK_LEEWAY = Duration.ofMinutes(2);

    private FrameAssertions() {
    }

    /** Asserts an RFC 3339 UTC timestamp close to now; returns it. */
    public static Instant assertTime(JsonValue value) {
        assertTrue(value instanceof JsonString, () -> "a time must be a string: " + value);
        String time = ((JsonString) value).getString();
        assertTrue(RFC_3339_UTC.matcher(time).matches(), () -> "not RFC 3339 UTC: " + time);
        Instant instant = Instant.parse(time);
        assertTrue(Duration.between(instant, Instant.now()).abs().compareTo(CLOCK_LEEWAY) < 0,
                () -> "a time far from now: " + time);
        return instant;
    }

    /** Exactly the welcome: the first frame of every session. */
    public static void assertWelcome(JsonObject frame) {
        assertSystem(frame, WELCOME);
    }

    /** Exactly a {@code system} notice with this content. */
    public static void assertSystem(JsonObject frame, String content) {
        assertEquals(common(frame, "system", content, SYSTEM, "").build(), frame);
    }

    /**
     * Exactly a {@code message} frame (also the shape of an entry of {@code GET /api/messages}); returns
     * its id. {@code clientId} null for a message sent without one.
     */
    public static long assertMessage(JsonObject frame, String sender, String recipient, String content,
                                     String clientId) {
        assertTrue(frame.get("id") instanceof JsonNumber n && n.isIntegral() && n.longValue() > 0,
                () -> "a message needs a positive integer id: " + frame);
        long id = frame.getJsonNumber("id").longValue();
        JsonObjectBuilder expected = common(frame, "message", content, sender, recipient).add("id", id);
        if (clientId != null) {
            expected.add("clientId", clientId);
        }
        assertEquals(expected.build(), frame);
        return id;
    }

    /** Exactly the {@code message} frame with this id. */
    public static void assertMessage(JsonObject frame, long id, String sender, String recipient, String content,
                                     String clientId) {
        assertEquals(id, assertMessage(frame, sender, recipient, content, clientId), () -> "the id of " + frame);
    }

    /** Exactly an {@code ack}; returns the id it acknowledges. */
    public static long assertAck(JsonObject frame, String clientId) {
        assertTrue(frame.get("id") instanceof JsonNumber n && n.isIntegral() && n.longValue() > 0,
                () -> "an ack needs a positive integer id: " + frame);
        long id = frame.getJsonNumber("id").longValue();
        assertEquals(common(frame, "ack", "", SYSTEM, "").add("id", id).add("clientId", clientId).build(), frame);
        return id;
    }

    /** Exactly an {@code error} frame; {@code clientId} null when the error answers no message. */
    public static void assertError(JsonObject frame, String code, String message, String clientId) {
        JsonObjectBuilder expected = common(frame, "error", message, SYSTEM, "").add("code", code).add("message", message);
        if (clientId != null) {
            expected.add("clientId", clientId);
        }
        assertEquals(expected.build(), frame);
    }

    /** Exactly a {@code presence} frame; returns its {@code lastSeen}. */
    public static Instant assertPresence(JsonObject frame, String user, boolean online) {
        Instant lastSeen = assertTime(frame.get("lastSeen"));
        assertEquals(common(frame, "presence", "", SYSTEM, "").add("user", user).add("online", online)
                .add("lastSeen", frame.get("lastSeen")).build(), frame);
        return lastSeen;
    }

    /** Exactly a relayed {@code typing} frame. */
    public static void assertTyping(JsonObject frame, String sender, String recipient) {
        assertEquals(common(frame, "typing", "", sender, recipient).build(), frame);
    }

    /** A frame of this type, content, sender and recipient, with the frame's own (checked) time. */
    private static JsonObjectBuilder common(JsonObject frame, String type, String content, String sender,
                                            String recipient) {
        assertEquals(type, frame.getString("type", null), () -> "the type of " + frame);
        assertTime(frame.get("time"));
        return Json.createObjectBuilder()
                .add("type", type)
                .add("content", content)
                .add("sender", sender)
                .add("recipient", recipient)
                .add("time", frame.get("time"));
    }

    /** A {@code message} frame as a client sends it. */
    public static JsonObject message(String recipient, String content, String clientId) {
        JsonObjectBuilder frame = Json.createObjectBuilder()
                .add("type", "message").add("content", content).add("recipient", recipient);
        if (clientId != null) {
            frame.add("clientId", clientId);
        }
        return frame.build();
    }

    /** A message to the common room. */
    public static JsonObject roomMessage(String content, String clientId) {
        return message("", content, clientId);
    }

    public static boolean isMessage(JsonObject frame) {
        return "message".equals(frame.getString("type", null));
    }

    public static long id(JsonObject frame) {
        return frame.getJsonNumber("id").longValue();
    }

    /** The ids of messages (frames, or entries of {@code GET /api/messages}), in their order. */
    public static List<Long> ids(List<JsonObject> messages) {
        return messages.stream().map(FrameAssertions::id).toList();
    }
}
