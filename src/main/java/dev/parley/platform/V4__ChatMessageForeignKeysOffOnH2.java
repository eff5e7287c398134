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
 * On H2 only: drops the two foreign keys of {@code chat_message} (sender and recipient to
 * {@code parley_user}). PostgreSQL keeps them.
 * <p>
 * H2 backs every foreign key with an index of exactly its columns, and it will not use the
 * {@code (sender_id, id)} and {@code (recipient_id, id)} indexes that the queries need, so every stored
 * message was written into two more B-trees that no query reads: a third of the CPU time and a quarter
 * of the memory allocated per insert (measured with 60,000 batched inserts, 50 per commit). The message
 * writer stores every message through this insert, so that was a third of what limits the direct-message
 * rate (docs/benchmarks.md). What the keys guarded cannot happen in Parley: a message's sender and
 * recipient are ids of users the server has just looked up, and users are never deleted.
 * <p>
 * A Java migration because the constraints were declared inline in V2, so H2 named them itself.
 */
public class V4__ChatMessageForeignKeysOffOnH2 extends BaseJavaMigration {

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
        }
    }
}
