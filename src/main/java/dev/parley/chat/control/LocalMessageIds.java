package dev.parley.chat.control;

import dev.parley.chat.entity.ChatMessage;
import dev.parley.platform.Database;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Ids from the sequence, a block of {@link #BLOCK} per call, used up in order across batches: the one
 * writer thread is the only caller, so on one instance ids increase in the order messages are stored.
 * A block left unused at shutdown is a gap in the ids, nothing more.
 */
@ApplicationScoped
public class LocalMessageIds implements MessageIds {

    private long next = 1;
    private long end;

    @Override
    public void assign(Connection connection, List<ChatMessage> fresh) throws SQLException {
        for (ChatMessage message : fresh) {
            if (next > end) {
                end = Database.nextValue(connection, SEQUENCE);
                next = end - BLOCK + 1;
            }
            message.assignId(next++);
        }
    }
}
