package dev.parley.chat.control;

import dev.parley.chat.entity.ChatCursor;
import dev.parley.chat.entity.ChatMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The messages in the database: stored in batches, read as history. */
@ApplicationScoped
@Transactional
public class MessageStore {

    /** A message of a batch: newly stored, or the original of a resent client id. */
    public record Outcome(ChatMessage message, boolean duplicate) {
    }

    @Inject
    EntityManager em;

    @Inject
    MessageIds ids;

    /**
     * Stores a batch in one transaction, in order, so ids increase in the order given. A client id
     * already stored (or repeated within the batch) stores nothing and answers with the original.
     */
    public List<Outcome> store(List<ChatMessage> batch) {
        Map<String, ChatMessage> originals = new HashMap<>();
        List<String> keys = batch.stream().map(ChatMessage::getClientKey).filter(Objects::nonNull).toList();
        if (!keys.isEmpty()) {
            em.createQuery("SELECT m FROM ChatMessage m WHERE m.clientKey IN :keys", ChatMessage.class)
                    .setParameter("keys", keys)
                    .getResultList()
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
        ids.assign(em, fresh);
        fresh.forEach(em::persist);
        em.flush();
        return outcomes;
    }

    /**
     * A page of one conversation in ascending id order: the newest {@code limit} before {@code before},
     * or the oldest {@code limit} after {@code after}, or the newest {@code limit} of all.
     */
    public List<ChatMessage> conversation(String conversationKey, Long before, Long after, int limit) {
        boolean forward = after != null;
        TypedQuery<ChatMessage> query = em.createQuery("SELECT m FROM ChatMessage m WHERE m.conversationKey = :key"
                        + (before != null ? " AND m.id < :before" : "")
                        + (forward ? " AND m.id > :after ORDER BY m.id ASC" : " ORDER BY m.id DESC"),
                        ChatMessage.class)
                .setParameter("key", conversationKey)
                .setMaxResults(limit);
        if (before != null) {
            query.setParameter("before", before);
        }
        if (forward) {
            query.setParameter("after", after);
        }
        List<ChatMessage> page = new ArrayList<>(query.getResultList());
        if (!forward) {
            Collections.reverse(page);
        }
        return page;
    }

    /** What {@code sync} replays: the room and the user's direct messages after an id, oldest first. */
    public List<ChatMessage> visibleAfter(long userId, long after, long upTo, int limit) {
        return em.createQuery("SELECT m FROM ChatMessage m WHERE m.id > :after AND m.id <= :upTo AND "
                        + "(m.conversationKey = :room OR m.senderId = :user OR m.recipientId = :user) "
                        + "ORDER BY m.id ASC", ChatMessage.class)
                .setParameter("after", after)
                .setParameter("upTo", upTo)
                .setParameter("room", ChatMessage.ROOM)
                .setParameter("user", userId)
                .setMaxResults(limit)
                .getResultList();
    }

    /**
     * What a compat session missed: the newest {@code limit} direct messages to the user with an id after
     * {@code after} and up to {@code upTo}, in ascending id order.
     */
    public List<ChatMessage> newestDirectTo(long userId, long after, long upTo, int limit) {
        List<ChatMessage> newest = new ArrayList<>(em.createQuery("SELECT m FROM ChatMessage m WHERE "
                        + "m.recipientId = :user AND m.id > :after AND m.id <= :upTo ORDER BY m.id DESC", ChatMessage.class)
                .setParameter("user", userId)
                .setParameter("after", after)
                .setParameter("upTo", upTo)
                .setMaxResults(limit)
                .getResultList());
        Collections.reverse(newest);
        return newest;
    }

    /**
     * How many direct messages to the user have an id after {@code after} and before {@code before}, counted
     * up to {@code max + 1} only: a count over a long absence would hold up the writer thread it runs on.
     */
    public long countDirectToBetween(long userId, long after, long before, int max) {
        return ((Number) em.createNativeQuery("SELECT COUNT(*) FROM (SELECT 1 FROM chat_message WHERE recipient_id = ?1"
                        + " AND id > ?2 AND id < ?3 LIMIT ?4) older")
                .setParameter(1, userId)
                .setParameter(2, after)
                .setParameter(3, before)
                .setParameter(4, max + 1)
                .getSingleResult()).longValue();
    }

    public long highestId() {
        Long max = em.createQuery("SELECT MAX(m.id) FROM ChatMessage m", Long.class).getSingleResult();
        return max == null ? 0 : max;
    }

    /** Where the user's offline delivery resumes; 0 for a user who never had a session. */
    public long cursor(long userId) {
        ChatCursor cursor = em.find(ChatCursor.class, userId);
        return cursor == null ? 0 : cursor.getDeliveredUpTo();
    }

    public void advanceCursor(long userId, long deliveredUpTo) {
        ChatCursor cursor = em.find(ChatCursor.class, userId);
        if (cursor == null) {
            em.persist(new ChatCursor(userId, deliveredUpTo));
        } else {
            cursor.advanceTo(deliveredUpTo);
        }
    }
}
