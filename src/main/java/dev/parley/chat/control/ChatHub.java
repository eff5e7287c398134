package dev.parley.chat.control;

import static dev.parley.platform.JsonProcessing.JSON;

import dev.parley.accounts.control.Presence;
import dev.parley.accounts.control.TokenVerifier;
import dev.parley.accounts.control.TokensRevoked;
import dev.parley.accounts.control.UserStore;
import dev.parley.chat.entity.ChatMessage;
import dev.parley.platform.Database;
import dev.parley.platform.JsonProcessing;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.Session;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What happens when a session opens, speaks and closes: CONTRACT.md section 3 in code. The endpoint
 * hands every event here and keeps nothing itself.
 */
@ApplicationScoped
public class ChatHub {

    public static final String V1 = "parley.v1";

    private static final Logger LOG = Logger.getLogger(ChatHub.class.getName());
    /** The most older direct messages a compat replay's notice counts; beyond, it says "more than". */
    static final int OLDER_COUNTED = 10_000;

    @Inject
    SessionRegistry registry;

    @Inject
    Router router;

    @Inject
    MessageWriter writer;

    @Inject
    MessageStore messages;

    @Inject
    RateLimiter rateLimiter;

    @Inject
    UserStore users;

    @Inject
    Recipients recipients;

    @Inject
    Presence presence;

    @Inject
    TokenVerifier tokens;

    @Inject
    ChatMetrics metrics;

    @Inject
    Sockets sockets;

    @Resource
    ManagedExecutorService closer;

    @Inject
    Senders senders;

    @Inject
    @ConfigProperty(name = "parley.ws.max-sessions-per-user")
    int maxSessionsPerUser;

    @Inject
    @ConfigProperty(name = "parley.ws.max-content-length")
    int maxContentLength;

    @Inject
    @ConfigProperty(name = "parley.ws.outbound-queue")
    int outboundQueue;

    @Inject
    @ConfigProperty(name = "parley.ws.flood-close-after")
    int floodCloseAfter;

    @Inject
    @ConfigProperty(name = "parley.ws.flood-forgive-per-second")
    double floodForgivenPerSecond;

    @Inject
    @ConfigProperty(name = "parley.ws.replay-limit")
    int replayLimit;

    @Inject
    @ConfigProperty(name = "parley.ws.shutdown-flush")
    Duration shutdownFlush;

    /** Starts the writer with the application rather than with the first message. */
    void started(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        writer.storedUpTo();
    }

    public ChatSession open(Session socket) {
        if (!(socket.getUserPrincipal() instanceof ChatPrincipal principal)) {
            throw new IllegalStateException("a WebSocket session without a Parley principal: is the handshake filter mapped?");
        }
        sockets.opened(socket);
        ChatSession session = new ChatSession(socket, sockets.writerFor(socket), principal,
                V1.equals(socket.getNegotiatedSubprotocol()), outboundQueue, closer, senders,
                metrics::slowConsumerClosed);
        // The welcome is queued before the session can receive anything else.
        session.send(Frames.welcome());
        SessionRegistry.Admission admission = registry.add(session, maxSessionsPerUser);
        if (admission == SessionRegistry.Admission.REFUSED) {
            session.close(CloseCodes.VIOLATED_POLICY, "at most " + maxSessionsPerUser + " sessions per user");
            return session;
        }
        // Announced when the user was offline everywhere (in a cluster, a first session here may not be).
        boolean announce = admission == SessionRegistry.Admission.FIRST_OF_USER && presence.online(session.userId());
        // On the writer thread: replay exactly what was stored before, announce the user (in order with
        // messages, and not to this session: it is not live yet), then receive what comes after.
        writer.inOrder(() -> {
            if (!session.isV1()) {
                replayMissed(session);
            }
            if (announce) {
                router.toEveryone(Frames.presence(session.username(), true, Instant.now()));
            }
            session.goLive();
        });
        // Only now does the welcome go out: whatever a client sends after seeing it, or after seeing the
        // presence frame, is queued behind the task above, so it reaches this session.
        session.start();
        LOG.fine(() -> "session opened: user " + session.userId() + (session.isV1() ? " (v1)" : " (compat)"));
        return session;
    }

    /**
     * A compat session's offline delivery: the direct messages its user missed, at most the newest
     * {@code replay-limit} of them, in id order. When there were more, a notice first says how many older
     * ones are left out (counted up to {@link #OLDER_COUNTED}): a compat client has no other way to learn of
     * them (they are all in the history).
     */
    private void replayMissed(ChatSession session) {
        int limit = Math.max(1, Math.min(replayLimit, Integer.MAX_VALUE - 1));
        long after = messages.cursor(session.userId());
        List<ChatMessage> missed = messages.newestDirectTo(session.userId(), after, writer.storedUpTo(), limit + 1);
        if (missed.size() > limit) {
            missed = missed.subList(1, missed.size());
            long older = messages.countDirectToBetween(session.userId(), after, missed.get(0).getId(), OLDER_COUNTED);
            session.send(Frames.system((older > OLDER_COUNTED ? "More than " + OLDER_COUNTED : Long.toString(older))
                    + " older direct " + (older == 1 ? "message" : "messages") + " sent to you while you were away "
                    + (older == 1 ? "is" : "are") + " not shown here; the newest " + limit + " follow."));
        }
        missed.forEach(m -> session.send(Frames.message(m)));
    }

    public void closed(ChatSession session, String reason) {
        LOG.fine(() -> "session closed: user " + session.userId() + ": " + reason);
        session.disconnected();
        if (!registry.remove(session)) {
            return;
        }
        if (registry.count(session.userId()) > 0) {
            return;
        }
        long userId = session.userId();
        Instant now = Instant.now();
        boolean announce = presence.offline(userId);
        writer.inOrder(() -> {
            if (announce) {
                router.toEveryone(Frames.presence(session.username(), false, now));
            }
            // Unless the user came back meanwhile, what was stored up to now reached them.
            if (registry.count(userId) == 0) {
                try {
                    messages.advanceCursor(userId, writer.storedUpTo());
                } catch (RuntimeException lostTheRace) {
                    // In a cluster the user's last sessions on two instances can close together, and both
                    // create the user's first cursor: one insert fails. The row exists now: move it on.
                    messages.advanceCursor(userId, writer.storedUpTo());
                }
            }
            users.seen(userId, now);
        });
    }

    public void received(ChatSession session, String text) {
        session.heard();
        JsonObject frame;
        try {
            JsonValue value = JsonProcessing.read(text);
            if (!(value instanceof JsonObject object)) {
                refuse(session, ErrorCode.BAD_REQUEST, "A frame must be a JSON object.", null);
                return;
            }
            frame = object;
        } catch (JsonException e) {
            refuse(session, ErrorCode.BAD_REQUEST, "The frame is not valid JSON.", null);
            return;
        }
        Optional<String> type = string(frame, "type");
        if (type.isEmpty()) {
            refuse(session, ErrorCode.BAD_REQUEST, "The frame needs a string member 'type'.", null);
            return;
        }
        switch (type.get()) {
            case "message" -> message(session, frame);
            case "typing" -> typing(session, frame);
            case "sync" -> sync(session, frame);
            case "auth" -> auth(session, frame);
            default -> refuse(session, ErrorCode.BAD_REQUEST, "Unknown frame type '" + abbreviate(type.get()) + "'.", null);
        }
    }

    private void message(ChatSession session, JsonObject frame) {
        JsonValue clientIdValue = frame.get("clientId");
        if (clientIdValue != null && clientIdValue != JsonValue.NULL
                && (!(clientIdValue instanceof JsonString s) || s.getString().isEmpty()
                        || s.getString().codePointCount(0, s.getString().length()) > 64)) {
            refuse(session, ErrorCode.BAD_REQUEST, "'clientId' must be a string of 1 to 64 characters.", null);
            return;
        }
        String clientId = clientIdValue instanceof JsonString s ? s.getString() : null;
        if (!rateLimiter.tryAcquire(session.userId())) {
            rateLimited(session, "messages", clientId);
            return;
        }
        Optional<String> content = string(frame, "content");
        Optional<String> recipient = recipient(frame);
        if (content.isEmpty() || recipient.isEmpty()) {
            refuse(session, ErrorCode.BAD_REQUEST, "A message needs a string 'content' and a string 'recipient'.", clientId);
            return;
        }
        String text = content.get();
        if (text.isBlank()) {
            refuse(session, ErrorCode.BAD_REQUEST, "A message needs some content.", clientId);
            return;
        }
        if (text.indexOf('\u0000') >= 0) {
            // PostgreSQL cannot store it in a text column; H2 can. One answer on every database.
            refuse(session, ErrorCode.BAD_REQUEST, "A message may not contain the character U+0000.", clientId);
            return;
        }
        if (text.codePointCount(0, text.length()) > maxContentLength) {
            refuse(session, ErrorCode.TOO_LARGE, "A message may have at most " + maxContentLength + " characters.", clientId);
            return;
        }
        ChatMessage message;
        if (recipient.get().isEmpty()) {
            message = new ChatMessage(session.userId(), session.username(), null, "", text, clientId, Instant.now());
        } else {
            Optional<Recipients.Recipient> to = recipients.byUsername(recipient.get());
            if (to.isEmpty()) {
                refuse(session, ErrorCode.UNKNOWN_RECIPIENT, "No such user: " + abbreviate(recipient.get()), clientId);
                return;
            }
            message = new ChatMessage(session.userId(), session.username(), to.get().id(),
                    to.get().username(), text, clientId, Instant.now());
        }
        if (!writer.submit(message, session)) {
            refuse(session, ErrorCode.UNAVAILABLE, "The server is busy: the message was not stored. Try again.", clientId);
        }
    }

    /** On the writer thread, in id order, after the commit. */
    void stored(@Observes MessageStored event) {
        ChatMessage m = event.message();
        ChatSession origin = event.origin();
        if (!event.duplicate()) {
            Frame frame = Frames.message(m);
            int frames;
            if (!m.isDirect()) {
                frames = router.toEveryone(frame);
            } else {
                frames = m.getRecipientId() == m.getSenderId() ? 0 : router.toUser(m.getRecipientId(), frame, null);
                frames += router.toUser(m.getSenderId(), frame, origin);
            }
            metrics.stored(frames, Duration.between(m.getCreatedAt(), Instant.now()));
        }
        if (origin != null) {
            origin.send(Frames.ack(m.getClientId(), m.getId(), m.getCreatedAt()));
        }
    }

    void notStored(@Observes MessageNotStored event) {
        if (event.origin() != null) {
            refuse(event.origin(), ErrorCode.UNAVAILABLE, "The message could not be stored. Try again.",
                    event.message().getClientId());
        }
    }

    /** Relayed, never stored; over the typing allowance dropped without an error (it is only a hint). */
    private void typing(ChatSession session, JsonObject frame) {
        Optional<String> recipient = recipient(frame);
        if (recipient.isEmpty()) {
            refuse(session, ErrorCode.BAD_REQUEST, "A typing indicator's 'recipient' must be a string.", null);
            return;
        }
        if (!rateLimiter.tryTyping(session.userId())) {
            return;
        }
        if (recipient.get().isEmpty()) {
            router.toEveryone(Frames.typing(session.username(), ""));
            return;
        }
        recipients.byUsername(recipient.get()).ifPresent(to ->
                router.toUser(to.id(), Frames.typing(session.username(), to.username()), null));
    }

    /** A frame over the user's allowance is refused, and a session that keeps flooding is closed. */
    private void rateLimited(ChatSession session, String what, String clientId) {
        metrics.rateLimited();
        if (session.rateLimited(floodCloseAfter, floodForgivenPerSecond)) {
            session.close(CloseCodes.VIOLATED_POLICY, "flooding");
        } else {
            refuse(session, ErrorCode.RATE_LIMITED, "Too many " + what + ": slow down.", clientId);
        }
    }

    private void sync(ChatSession session, JsonObject frame) {
        if (!rateLimiter.trySync(session.userId())) {
            rateLimited(session, "sync requests", null);
            return;
        }
        if (!(frame.get("after") instanceof JsonNumber after) || after.longValue() < 0) {
            refuse(session, ErrorCode.BAD_REQUEST, "'sync' needs a number 'after' (a message id, 0 for all).", null);
            return;
        }
        writer.inOrder(() -> messages.visibleAfter(session.userId(), after.longValue(), writer.storedUpTo(), replayLimit)
                .forEach(m -> session.send(Frames.message(m))));
    }

    private void auth(ChatSession session, JsonObject frame) {
        Optional<TokenVerifier.VerifiedToken> token;
        try {
            token = string(frame, "token").flatMap(tokens::verify);
        } catch (RuntimeException e) {
            if (!Database.isUnavailable(e)) {
                throw e;
            }
            refuse(session, ErrorCode.UNAVAILABLE, "The token could not be checked: the database is not available. Try again.", null);
            return;
        }
        if (token.isEmpty() || token.get().userId() != session.userId()) {
            refuse(session, ErrorCode.UNAUTHORIZED, "That token is not valid for this session.", null);
            return;
        }
        session.renew(token.get().jti(), token.get().expiresAt());
    }

    /** Logout closes the sessions opened with the revoked tokens. */
    void revoked(@Observes(during = TransactionPhase.AFTER_SUCCESS) TokensRevoked event) {
        for (ChatSession session : registry.of(event.userId())) {
            if (event.covers(session.userId(), session.jti())) {
                session.close(CloseCodes.VIOLATED_POLICY, "logged out");
            }
        }
    }

    private static void refuse(ChatSession session, ErrorCode code, String message, String clientId) {
        session.send(Frames.error(session.isV1(), code, message, clientId));
    }

    /** A frame's {@code recipient}: {@code ""} (the common room) when absent or null, empty when not a string. */
    private static Optional<String> recipient(JsonObject frame) {
        JsonValue value = frame.get("recipient");
        return value == null || value == JsonValue.NULL ? Optional.of("") : string(frame, "recipient");
    }

    private static Optional<String> string(JsonObject frame, String member) {
        return frame.get(member) instanceof JsonString s ? Optional.of(s.getString()) : Optional.empty();
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }

    /** Shutdown: what is queued goes out, then every session is told the server is going away (1001). */
    @PreDestroy
    void shutdown() {
        long deadline = System.nanoTime() + shutdownFlush.toNanos();
        for (ChatSession session : registry.all()) {
            while (session.queued() > 0 && !session.isClosing() && System.nanoTime() < deadline) {
                LockSupport.parkNanos(1_000_000);
            }
            session.closeNow(CloseCodes.GOING_AWAY, "server shutting down");
        }
    }
}
