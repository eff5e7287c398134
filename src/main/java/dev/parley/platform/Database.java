package dev.parley.platform;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;

/**
 * The application's data source: an H2 file in the data directory by default, PostgreSQL (or any
 * JDBC database Flyway and EclipseLink know) by configuration alone. Payara resolves the
 * {@code ${MPCONFIG=...}} placeholders, so environment variables such as {@code PARLEY_DB_URL} work.
 * Connections are validated before use, and one failure discards the whole pool, so the pool
 * recovers by itself when a database that went away comes back.
 */
@DataSourceDefinition(
        name = Database.DATA_SOURCE,
        className = "${MPCONFIG=parley.db.datasource-class}",
        url = "${MPCONFIG=parley.db.url}",
        user = "${MPCONFIG=parley.db.user}",
        password = "${MPCONFIG=parley.db.password}",
        minPoolSize = 2,
        maxPoolSize = 32,
        properties = {
            "fish.payara.is-connection-validation-required=true",
            "fish.payara.connection-validation-method=auto-commit",
            "fish.payara.fail-all-connections=true"
        })
@ApplicationScoped
public class Database {

    public static final String DATA_SOURCE = "java:app/jdbc/parley";

    /** One line on why the database failed, for a log: the SQL state and message, never SQL or data. */
    public static String describe(Throwable failure) {
        Throwable cause = failure;
        SQLException sql = null;
        while (cause != null) {
            if (cause instanceof SQLException s) {
                sql = s;
            }
            cause = cause.getCause();
        }
        if (sql == null) {
            Throwable root = failure;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            return root.getClass().getSimpleName();
        }
        String message = String.valueOf(sql.getMessage());
        int newline = message.indexOf('\n');
        return "SQLState " + sql.getSQLState() + ": " + (newline < 0 ? message : message.substring(0, newline));
    }
}
