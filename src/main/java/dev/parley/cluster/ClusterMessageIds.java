package dev.parley.cluster;

import dev.parley.chat.control.MessageIds;
import dev.parley.chat.entity.ChatMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.persistence.EntityManager;
import java.util.List;

/**
 * Ids that increase in the order batches commit, across members. Each member's sequence generator would
 * hand out its own block of 50 ids over minutes, so a message stored later on one member could get a
 * smaller id than one stored earlier on another, and everything that works by id (sync, history pages,
 * offline replay) would miss it. Instead every batch takes a PostgreSQL advisory lock, held by its
 * transaction until it commits, so the batches of all members take turns; under it, the batch takes
 * fresh ids from the sequence (one call per 50 messages). A cluster needs PostgreSQL anyway.
 */
@ApplicationScoped
@Typed(ClusterMessageIds.class)
public class ClusterMessageIds implements MessageIds {

    /** The advisory lock's key: "parley" in ASCII, a number nothing else on the database should use. */
    static final long LOCK = 0x7061726c6579L;

    /** The sequence's increment: each value ends a block of this many ids (db/migration/V2__chat.sql). */
    static final int BLOCK = 50;

    @Override
    public void assign(EntityManager em, List<ChatMessage> fresh) {
        if (fresh.isEmpty()) {
            return;
        }
        em.createNativeQuery("SELECT 1 FROM pg_advisory_xact_lock(?1)").setParameter(1, LOCK).getSingleResult();
        long next = 1;
        long end = 0;
        for (ChatMessage message : fresh) {
            if (next > end) {
                end = ((Number) em.createNativeQuery("SELECT nextval('chat_message_seq')").getSingleResult()).longValue();
                next = end - BLOCK + 1;
            }
            message.assignId(next++);
        }
    }
}
