package dev.parley.chat.control;

import static dev.parley.platform.JsonProcessing.JSON;

import dev.parley.chat.entity.ChatMessage;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Every frame Parley sends, as CONTRACT.md section 3 defines them. Each has {@code type, content,
 * sender, recipient, time} ({@code time} RFC 3339 UTC); the extended members come after.
 */
public final class Frames {

    public static final String SYSTEM_SENDER = "System";
    public static final String WELCOME = "Welcome to the chat!";

    private Frames() {
    }

    public static Frame welcome() {
        return system(WELCOME);
    }

    /** A notice; what a compat session gets where a v1 session gets an {@code error}. */
    public static Frame system(String content) {
        return new Frame(common("system", content, SYSTEM_SENDER, "", Instant.now()).build().toString(), true);
    }

    public static JsonObject messageObject(ChatMessage m) {
        JsonObjectBuilder b = common("message", m.getContent(), m.getSenderName(), m.getRecipientName(),
                m.getCreatedAt()).add("id", m.getId());
        if (m.getClientId() != null) {
            b.add("clientId", m.getClientId());
        }
        return b.build();
    }

    public static Frame message(ChatMessage m) {
        return new Frame(messageObject(m).toString(), true);
    }

    public static Frame ack(String clientId, long id, Instant time) {
        JsonObjectBuilder b = common("ack", "", SYSTEM_SENDER, "", time).add("id", id);
        if (clientId != null) {
            b.add("clientId", clientId);
        }
        return new Frame(b.build().toString(), false);
    }

    /** To a v1 session an {@code error} frame; to a compat session the same text as a notice. */
    public static Frame error(boolean v1, ErrorCode code, String message, String clientId) {
        if (!v1) {
            return system(message);
        }
        JsonObjectBuilder b = common("error", message, SYSTEM_SENDER, "", Instant.now())
                .add("code", code.wire()).add("message", message);
        if (clientId != null) {
            b.add("clientId", clientId);
        }
        return new Frame(b.build().toString(), false);
    }

    public static Frame presence(String user, boolean online, Instant lastSeen) {
        JsonObjectBuilder b = common("presence", "", SYSTEM_SENDER, "", Instant.now())
                .add("user", user).add("online", online);
        if (lastSeen == null) {
            b.addNull("lastSeen");
        } else {
            b.add("lastSeen", time(lastSeen));
        }
        return new Frame(b.build().toString(), false);
    }

    public static Frame typing(String sender, String recipient) {
        return new Frame(common("typing", "", sender, recipient, Instant.now()).build().toString(), false);
    }

    public static String time(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS).toString();
    }

    private static JsonObjectBuilder common(String type, String content, String sender, String recipient,
                                            Instant time) {
        return JSON.createObjectBuilder()
                .add("type", type)
                .add("content", content)
                .add("sender", sender)
                .add("recipient", recipient)
                .add("time", time(time));
    }
}
