package dev.parley.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The migrations on a real (in-memory) H2: the message table's indexes, and that the queries use them. */
class SchemaMigrationsTest {

    private JdbcDataSource h2;

    @BeforeEach
    void migrate() {
        h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:migrations-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        SchemaMigrations.flyway(h2).migrate();
    }

    @Test
    void onH2EveryMessageIndexServesAQuery() throws SQLException {
        assertEquals(List.of(), column("SELECT CONSTRAINT_NAME FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS"
                + " WHERE TABLE_NAME = 'CHAT_MESSAGE' AND CONSTRAINT_TYPE = 'FOREIGN KEY'"));
        Set<String> indexes = new TreeSet<>(column("SELECT INDEX_NAME FROM INFORMATION_SCHEMA.INDEXES"
                + " WHERE TABLE_NAME = 'CHAT_MESSAGE' AND INDEX_TYPE_NAME <> 'PRIMARY KEY'"));
        assertEquals(Set.of("IX_CHAT_MESSAGE_CONVERSATION", "IX_CHAT_MESSAGE_RECIPIENT",
                "UQ_CHAT_MESSAGE_CLIENT_KEY_INDEX_8"), indexes);
    }

    @Test
    void historySyncAndMissedDirectMessagesAreReadThroughAnIndex() throws SQLException {
        String missed = indexUsed("SELECT * FROM chat_message WHERE recipient_id = 5 AND id > 10 AND id <= 99"
                + " ORDER BY id DESC LIMIT 1001");
        assertTrue(missed.startsWith("PUBLIC.IX_CHAT_MESSAGE_RECIPIENT:") && missed.contains("RECIPIENT_ID = CAST(5 AS BIGINT)")
                && missed.contains("ID > CAST(10 AS BIGINT)"), missed);
        String older = indexUsed("SELECT COUNT(*) FROM (SELECT 1 FROM chat_message WHERE recipient_id = 5 AND id > 10"
                + " AND id < 99 LIMIT 10001) older");
        assertTrue(older.contains("PUBLIC.IX_CHAT_MESSAGE_RECIPIENT:") && older.contains("RECIPIENT_ID = CAST(5 AS BIGINT)"), older);
        String sync = indexUsed("SELECT * FROM chat_message WHERE id > 10 AND id <= 99"
                + " AND (conversation_key = 'room' OR sender_id = 5 OR recipient_id = 5) ORDER BY id");
        assertTrue(sync.startsWith("PUBLIC.PRIMARY_KEY_") && sync.contains("ID > CAST(10 AS BIGINT)"), sync);
        String history = indexUsed("SELECT * FROM chat_message WHERE conversation_key = 'd:1:2' AND id < 99 ORDER BY id DESC");
        assertTrue(history.startsWith("PUBLIC.IX_CHAT_MESSAGE_CONVERSATION:") && history.contains("CONVERSATION_KEY = 'd:1:2'")
                && history.contains("ID < CAST(99 AS BIGINT)"), history);
    }

    @Test
    void aSchemaParleyDidNotMakeIsRefusedInOneLineNamingTheMigration() throws SQLException {
        try (Connection connection = h2.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("UPDATE \"flyway_schema_history\" SET \"checksum\" = 42 WHERE \"version\" = '1'");
        }
        RuntimeException refused = assertThrows(RuntimeException.class, () -> SchemaMigrations.flyway(h2).migrate());
        String why = SchemaMigrations.describe(refused);
        assertTrue(why.contains("Migration checksum mismatch for migration version 1"), why);
        assertFalse(why.contains("\n"), why);
    }

    /** The index H2 reads for a query and the conditions it reads it by: the comment in its plan. */
    private String indexUsed(String query) throws SQLException {
        String plan = column("EXPLAIN " + query).get(0);
        int start = plan.indexOf("/* ") + 3;
        return plan.substring(start, plan.indexOf(" */", start));
    }

    private List<String> column(String query) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = h2.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(query)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
