package dev.parley.payara;

import dev.parley.chat.control.MessageIds;
import dev.parley.chat.entity.ChatMessage;
import dev.parley.platform.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Ids that increase in the order batches commit, across members. Each member's own blocks of 50 ids
 * would last it minutes, so a message stored later on one member could get a smaller id than one stored
 * earlier on another, and everything that works by id (sync, history pages,
 * offline replay) would miss it. Instead every batch takes a PostgreSQL advisory lock, held by its
 * transaction until it commits, so the batches of all members take turns; under it, the batch takes
 * fresh ids from the sequence (one call per 50 messages). A cluster needs PostgreSQL anyway.
 */
@ApplicationScoped
@Typed(ClusterMessageIds.class)
public class ClusterMessageIds implements MessageIds {

    /** The advisory lock's key: "parley" in ASCII, a number nothing else on the database should use. */
    static final long LOCK = 0x7061726c6579L;

    @Override
    public void assign(Connection connection, List<ChatMessage> fresh) throws SQLException {
        if (fresh.isEmpty()) {
            return;
        }
        Database.query(connection, "SELECT 1 FROM pg_advisory_xact_lock(?)", r -> true, LOCK);
        long next = 1;
        long end = 0;
        for (ChatMessage message : fresh) {
            if (next > end) {
                end = Database.nextValue(connection, SEQUENCE);
                next = end - BLOCK + 1;
            }
            message.assignId(next++);
        }
    }
}
