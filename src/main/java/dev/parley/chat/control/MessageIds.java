package dev.parley.chat.control;

import dev.parley.chat.entity.ChatMessage;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * How new messages get their ids, in the transaction that stores them: ids must increase in the order
 * messages are stored, which a single instance gets from its one writer thread and a cluster must get
 * across instances.
 */
public interface MessageIds {

    /** The sequence that ids come from; each value ends a block of {@link #BLOCK} ids (db/migration/V2__chat.sql). */
    String SEQUENCE = "chat_message_seq";

    /** The sequence's increment. */
    int BLOCK = 50;

    void assign(Connection connection, List<ChatMessage> fresh) throws SQLException;
}
