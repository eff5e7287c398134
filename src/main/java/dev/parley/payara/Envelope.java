package dev.parley.payara;

import static dev.parley.platform.JsonProcessing.JSON;

import dev.parley.accounts.control.TokensRevoked;
import dev.parley.chat.control.Frame;
import dev.parley.platform.JsonProcessing;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

/**
 * What one member tells the others, as JSON text: only JDK types travel through the data grid, so no
 * member has to load Parley's classes to read another's message.
 */
sealed interface Envelope {

    /**
     * A frame for the sessions of {@code userId}, or of everyone when {@code userId} is 0. {@code upTo}:
     * the sender had stored and handed on every message up to this id (0 when it cannot say).
     */
    record Route(long userId, Frame frame, long upTo) implements Envelope {

        boolean toEveryone() {
            return userId == 0;
        }
    }

    /** A logout: the sessions opened with these tokens close. */
    record Revoke(TokensRevoked revoked) implements Envelope {
    }

    static Route toEveryone(Frame frame, long upTo) {
        return new Route(0, frame, upTo);
    }

    static Route toUser(long userId, Frame frame, long upTo) {
        if (userId <= 0) {
            throw new IllegalArgumentException("user ids start at 1: " + userId);
        }
        return new Route(userId, frame, upTo);
    }

    static Envelope decode(String text) {
        JsonObject json = JsonProcessing.readObject(text);
        return switch (json.getString("kind")) {
            case "route" -> new Route(json.getJsonNumber("user").longValue(),
                    new Frame(json.getString("frame"), json.getBoolean("compat")),
                    json.getJsonNumber("upTo").longValue());
            case "revoke" -> new Revoke(new TokensRevoked(json.getJsonNumber("user").longValue(),
                    json.isNull("jti") ? null : json.getString("jti")));
            default -> throw new IllegalArgumentException("unknown kind: " + json.getString("kind"));
        };
    }

    default String encode() {
        JsonObjectBuilder json = JSON.createObjectBuilder();
        if (this instanceof Route route) {
            json.add("kind", "route").add("user", route.userId()).add("frame", route.frame().json())
                    .add("compat", route.frame().compat()).add("upTo", route.upTo());
        } else if (this instanceof Revoke revoke) {
            json.add("kind", "revoke").add("user", revoke.revoked().userId());
            if (revoke.revoked().jti() == null) {
                json.add("jti", JsonValue.NULL);
            } else {
                json.add("jti", revoke.revoked().jti());
            }
        }
        return json.build().toString();
    }
}
