package dev.parley.chat.control;

import dev.parley.chat.entity.ChatMessage;
import dev.parley.platform.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The messages in the database: stored in batches, read as history. */
@ApplicationScoped
public class MessageStore {

    /** A message of a batch: newly stored, or the original of a resent client id. */
    public record Outcome(ChatMessage message, boolean duplicate) {
    }

    private static final String MESSAGE = "SELECT id, sender_id, sender_name, recipient_id, recipient_name, content,"
            + " client_id, created_at FROM chat_message ";

    @Inject
    Database database;

    @Inject
    MessageIds ids;

    /**
     * Stores a batch in one transaction, in order, so ids increase in the order given. A client id
     * already stored (or repeated within the batch) stores nothing and answers with the original.
     */
    public List<Outcome> store(List<ChatMessage> batch) {
        return database.transaction(c -> {
            Map<String, ChatMessage> originals = new HashMap<>();
            List<String> keys = batch.stream().map(ChatMessage::getClientKey).filter(Objects::nonNull).toList();
            if (!keys.isEmpty()) {
                Database.query(c, MESSAGE + "WHERE client_key IN (" + String.join(", ", Collections.nCopies(keys.size(), "?"))
                        + ")", MessageStore::message, keys.toArray())
                        .forEach(m -> originals.put(m.getClientKey(), m));
            }
            List<Outcome> outcomes = new ArrayList<>(batch.size());
            List<ChatMessage> fresh = new ArrayList<>(batch.size());
            for (ChatMessage message : batch) {
                ChatMessage original = message.getClientKey() == null ? null : originals.get(message.getClientKey());
                if (original != null) {
                    outcomes.add(new Outcome(original, true));
                } else {
                    fresh.add(message);
                    if (message.getClientKey() != null) {
                        originals.put(message.getClientKey(), message);
                    }
                    outcomes.add(new Outcome(message, false));
                }
            }
            ids.assign(c, fresh);
            insert(c, fresh);
            return outcomes;
        });
    }

    /** One JDBC batch: one round trip for the whole group commit, not one per message. */
    private static void insert(Connection connection, List<ChatMessage> fresh) throws SQLException {
        if (fresh.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO chat_message (id, conversation_key,"
                + " sender_id, sender_name, recipient_id, recipient_name, content, client_id, client_key, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (ChatMessage m : fresh) {
                Database.bind(insert, m.getId(), m.getConversationKey(), m.getSenderId(), m.getSenderName(),
                        Database.Null.BIGINT.or(m.getRecipientId()), m.getRecipientName(), m.getContent(),
                        Database.Null.VARCHAR.or(m.getClientId()), Database.Null.VARCHAR.or(m.getClientKey()),
                        m.getCreatedAt());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /**
     * A page of one conversation in ascending id order: the newest {@code limit} before {@code before},
     * or the oldest {@code limit} after {@code after}, or the newest {@code limit} of all.
     */
    public List<ChatMessage> conversation(String conversationKey, Long before, Long after, int limit) {
        boolean forward = after != null;
        List<Object> parameters = new ArrayList<>(List.of(conversationKey));
        if (before != null) {
            parameters.add(before);
        }
        if (forward) {
            parameters.add(after);
        }
        parameters.add(limit);
        List<ChatMessage> page = new ArrayList<>(database.transaction(c -> Database.query(c, MESSAGE
                        + "WHERE conversation_key = ?" + (before != null ? " AND id < ?" : "")
                        + (forward ? " AND id > ? ORDER BY id ASC" : " ORDER BY id DESC") + " LIMIT ?",
                MessageStore::message, parameters.toArray())));
        if (!forward) {
            Collections.reverse(page);
        }
        return page;
    }

    /** What {@code sync} replays: the room and the user's direct messages after an id, oldest first. */
    public List<ChatMessage> visibleAfter(long userId, long after, long upTo, int limit) {
        return database.transaction(c -> Database.query(c, MESSAGE + "WHERE id > ? AND id <= ?"
                        + " AND (conversation_key = ? OR sender_id = ? OR recipient_id = ?) ORDER BY id ASC LIMIT ?",
                MessageStore::message, after, upTo, ChatMessage.ROOM, userId, userId, limit));
    }

    /**
     * What a compat session missed: the newest {@code limit} direct messages to the user with an id after
     * {@code after} and up to {@code upTo}, in ascending id order.
     */
    public List<ChatMessage> newestDirectTo(long userId, long after, long upTo, int limit) {
        List<ChatMessage> newest = new ArrayList<>(database.transaction(c -> Database.query(c, MESSAGE
                        + "WHERE recipient_id = ? AND id > ? AND id <= ? ORDER BY id DESC LIMIT ?",
                MessageStore::message, userId, after, upTo, limit)));
        Collections.reverse(newest);
        return newest;
    }

    /**
     * How many direct messages to the user have an id after {@code after} and before {@code before}, counted
     * up to {@code max + 1} only: a count over a long absence would hold up the writer thread it runs on.
     */
    public long countDirectToBetween(long userId, long after, long before, int max) {
        return database.transaction(c -> Database.first(c, "SELECT COUNT(*) FROM (SELECT 1 FROM chat_message"
                        + " WHERE recipient_id = ? AND id > ? AND id < ? LIMIT ?) older", r -> r.getLong(1),
                userId, after, before, max + 1)).orElseThrow();
    }

    public long highestId() {
        return database.transaction(c -> Database.first(c, "SELECT MAX(id) FROM chat_message", r -> r.getLong(1)))
                .orElseThrow();
    }

    /** Where the user's offline delivery resumes; 0 for a user who never had a session. */
    public long cursor(long userId) {
        return database.transaction(c -> Database.first(c, "SELECT delivered_up_to FROM chat_cursor WHERE user_id = ?",
                r -> r.getLong(1), userId)).orElse(0L);
    }

    /** Moves the user's cursor forward to {@code deliveredUpTo}; never back. */
    public void advanceCursor(long userId, long deliveredUpTo) {
        database.transaction(c -> {
            if (Database.update(c, "UPDATE chat_cursor SET delivered_up_to = ? WHERE user_id = ? AND delivered_up_to < ?",
                    deliveredUpTo, userId, deliveredUpTo) == 0
                    && Database.first(c, "SELECT 1 FROM chat_cursor WHERE user_id = ?", r -> true, userId).isEmpty()) {
                Database.update(c, "INSERT INTO chat_cursor (user_id, delivered_up_to) VALUES (?, ?)", userId, deliveredUpTo);
            }
            return null;
        });
    }

    private static ChatMessage message(ResultSet row) throws SQLException {
        return new ChatMessage(row.getLong("id"), row.getLong("sender_id"), row.getString("sender_name"),
                Database.nullableLong(row, "recipient_id"), row.getString("recipient_name"), row.getString("content"),
                row.getString("client_id"), Database.instant(row, "created_at"));
    }
}
