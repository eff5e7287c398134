package dev.parley.platform;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * On H2 only: {@code chat_message} loses the indexes that no query of H2 reads: those of its two
 * foreign keys (sender and recipient to {@code parley_user}), and {@code ix_chat_message_sender}.
 * PostgreSQL keeps all of them.
 * <p>
 * Every stored message is written into every index of the table, and the message writer stores every
 * message, so indexes are what limits the direct-message rate (docs/benchmarks.md). H2 backs every
 * foreign key with an index of exactly its columns and will not use the {@code (sender_id, id)} and
 * {@code (recipient_id, id)} indexes for them, so each message went into two B-trees that no query
 * reads: a third of the CPU time and a quarter of the memory allocated per insert (60,000 inserts, 50
 * per commit). What the keys guarded cannot happen in Parley: a message's sender and recipient are ids
 * of users the server has just looked up, and users are never deleted. The sender index was there for
 * {@code sync}'s "room, or sent by, or sent to the user" (PostgreSQL may combine the three indexes); H2
 * reads that query by id range, the primary key.
 * <p>
 * A Java migration because the constraints were declared inline in V2, so H2 named them itself.
 */
public class V4__ChatMessageIndexesForQueriesOnlyOnH2 extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        if (!"H2".equals(connection.getMetaData().getDatabaseProductName())) {
            return;
        }
        List<String> foreignKeys = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT CONSTRAINT_NAME FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS"
                     + " WHERE TABLE_SCHEMA = CURRENT_SCHEMA AND TABLE_NAME = 'CHAT_MESSAGE'"
                     + " AND CONSTRAINT_TYPE = 'FOREIGN KEY'")) {
            while (rows.next()) {
                foreignKeys.add(rows.getString(1));
            }
        }
        try (Statement statement = connection.createStatement()) {
            for (String name : foreignKeys) {
                statement.execute("ALTER TABLE chat_message DROP CONSTRAINT \"" + name + "\"");
            }
            statement.execute("DROP INDEX ix_chat_message_sender");
        }
    }
}
