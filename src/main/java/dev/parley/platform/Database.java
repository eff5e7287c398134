package dev.parley.platform;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

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

    /** How long a client is told to wait ({@code Retry-After}) before it tries again while the database is away. */
    public static final int RETRY_SECONDS = 5;

    /** The answer to a request that needed the database while it cannot be reached (with {@link #RETRY_SECONDS}). */
    public static Problem unavailableProblem() {
        return Problem.of(503, "The database is not available right now. Try again shortly.");
    }

    /** The database cannot be used yet: thrown instead of trying, while {@link SchemaMigrations} says why. */
    public static final class Unavailable extends RuntimeException {
        public Unavailable(String why) {
            super(why, null, false, false);
        }
    }

    /** One line on why the database failed, for a log: the SQL state and message, never SQL or data. */
    public static String describe(Throwable failure) {
        Throwable cause = failure;
        SQLException sql = null;
        while (cause != null) {
            if (cause instanceof Unavailable unavailable) {
                return unavailable.getMessage();
            }
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

    /**
     * Whether a failure means the database could not be reached (down, refused, pool unable to connect),
     * rather than a request or a defect: such a failure is the server's temporary state, 503.
     */
    public static boolean isUnavailable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof Unavailable || cause instanceof ConnectException
                    || cause instanceof SQLTransientConnectionException || cause instanceof SQLNonTransientConnectionException
                    || cause instanceof SQLException s && s.getSQLState() != null && s.getSQLState().startsWith("08")
                    || cause.getClass().getName().endsWith(".ResourceAllocationException")) {
                return true;
            }
        }
        return false;
    }
}
