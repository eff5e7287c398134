package dev.parley.platform;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Destroyed;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.ConnectException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The application's database: an H2 file in the data directory by default, PostgreSQL by configuration
 * alone ({@code parley.db.*}, e.g. the environment variable {@code PARLEY_DB_URL}). The connection pool
 * is Parley's own (HikariCP, bundled), not the container's: a container's data source is defined in its
 * own terms (Payara reads {@code ${MPCONFIG=...}} in {@code @DataSourceDefinition}, WildFly does not), and
 * one WAR must run on both.
 * <p>
 * The stores work through {@link #transaction}: one JDBC transaction each, on a connection the pool
 * validates before handing it out. A pool that cannot get a connection within {@link #CONNECT_TIMEOUT}
 * fails the call as unavailable, so a send during an outage is refused in seconds, not held until the
 * database returns. Until {@link SchemaMigrations} has migrated the schema, the stores fail at once.
 */
@ApplicationScoped
public class Database {

    /** How long a caller waits for a connection before its call fails as unavailable. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final int MAX_CONNECTIONS = 32;

    /**
     * The pool's own INFO lines ("Starting...", "Start completed.") say nothing an operator needs; its warnings
     * stay. Held strongly: the log manager keeps a logger's level only as long as someone holds the logger.
     */
    private static final Logger POOL_LOG = Logger.getLogger("com.zaxxer.hikari");

    /** Static so that it outlives every bean: closed once the application's beans are all gone ({@link #close}). */
    private static volatile HikariDataSource pool;

    @Inject
    @ConfigProperty(name = "parley.db.datasource-class")
    String dataSourceClass;

    @Inject
    @ConfigProperty(name = "parley.db.url")
    String url;

    @Inject
    @ConfigProperty(name = "parley.db.user")
    Optional<String> user;

    @Inject
    @ConfigProperty(name = "parley.db.password")
    Optional<String> password;

    @Inject
    SchemaMigrations migrations;

    /** Work on one connection, inside one transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T on(Connection connection) throws SQLException;
    }

    /** A statement failed; the cause says why ({@link #describe}, {@link #isUnavailable}). */
    public static final class Failure extends RuntimeException {
        Failure(SQLException cause) {
            super(cause.getMessage(), cause);
        }

        public SQLException sql() {
            return (SQLException) getCause();
        }
    }

    @PostConstruct
    void open() {
        POOL_LOG.setLevel(Level.WARNING);
        HikariConfig config = new HikariConfig();
        config.setPoolName("parley");
        // The driver's DataSource, not DriverManager: the drivers are in the WAR, which DriverManager does not see.
        config.setDataSourceClassName(dataSourceClass);
        config.addDataSourceProperty("url", url);
        user.ifPresent(config::setUsername);
        password.ifPresent(config::setPassword);
        config.setMaximumPoolSize(MAX_CONNECTIONS);
        config.setMinimumIdle(2);
        config.setConnectionTimeout(CONNECT_TIMEOUT.toMillis());
        // Start without a database: SchemaMigrations says why and retries, readiness stays down meanwhile.
        config.setInitializationFailTimeout(-1);
        config.setAutoCommit(false);
        pool = new HikariDataSource(config);
    }

    /** The pool itself, for the schema migrations and the readiness check: usable before the schema is. */
    DataSource dataSource() {
        return pool;
    }

    /**
     * Runs work in one transaction: committed when it returns, rolled back when it throws. A failure
     * comes back as {@link Failure}, or {@link Unavailable} before the schema is migrated.
     */
    public <T> T transaction(Work<T> work) {
        migrations.problem().ifPresent(problem -> {
            throw new Unavailable(problem);
        });
        try (Connection connection = dataSource().getConnection()) {
            try {
                T result = work.on(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    connection.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback); // the connection is likely gone: the first failure says why
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new Failure(e);
        }
    }

    /** Makes one value of a result row. */
    @FunctionalInterface
    public interface Row<T> {
        T of(ResultSet row) throws SQLException;
    }

    /** The rows of a query, each made into a value; parameters bound in order ({@link #bind}). */
    public static <T> List<T> query(Connection connection, String sql, Row<T> row, Object... parameters)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            try (ResultSet rows = statement.executeQuery()) {
                List<T> values = new ArrayList<>();
                while (rows.next()) {
                    values.add(row.of(rows));
                }
                return values;
            }
        }
    }

    /** The first row of a query, if any. */
    public static <T> Optional<T> first(Connection connection, String sql, Row<T> row, Object... parameters)
            throws SQLException {
        return query(connection, sql, row, parameters).stream().findFirst();
    }

    /** Runs an insert, update or delete; the number of rows it changed. */
    public static int update(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            return statement.executeUpdate();
        }
    }

    /** The next value of a sequence (the same SQL on H2 and PostgreSQL). */
    public static long nextValue(Connection connection, String sequence) throws SQLException {
        return first(connection, "SELECT nextval('" + sequence + "')", r -> r.getLong(1)).orElseThrow();
    }

    /**
     * Binds parameters in order: an {@link Instant} as {@code TIMESTAMP WITH TIME ZONE}, a {@link Null} as
     * SQL NULL of its type, anything else as JDBC maps it.
     */
    public static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            Object parameter = parameters[i];
            if (parameter instanceof Instant instant) {
                statement.setObject(i + 1, instant.atOffset(ZoneOffset.UTC));
            } else if (parameter instanceof Null nothing) {
                statement.setNull(i + 1, nothing.sqlType());
            } else {
                statement.setObject(i + 1, parameter);
            }
        }
    }

    /** SQL NULL of a type ({@link java.sql.Types}), as a parameter of {@link #bind}. */
    public record Null(int sqlType) {
        public static final Null BIGINT = new Null(Types.BIGINT);
        public static final Null TIMESTAMP = new Null(Types.TIMESTAMP_WITH_TIMEZONE);
        public static final Null VARCHAR = new Null(Types.VARCHAR);

        /** The value, or SQL NULL of this type. */
        public Object or(Object value) {
            return value == null ? this : value;
        }
    }

    /** A {@code TIMESTAMP WITH TIME ZONE} column as an instant; null for SQL NULL. */
    public static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime time = row.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }

    /** A nullable {@code BIGINT} column. */
    public static Long nullableLong(ResultSet row, String column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : value;
    }

    /** After every application bean is gone: nothing can store any more. */
    static void close(@Observes @Destroyed(ApplicationScoped.class) Object ignored) {
        synchronized (Database.class) {
            if (pool != null) {
                pool.close();
                pool = null;
            }
        }
    }

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
                    || cause instanceof SQLException s && s.getSQLState() != null && s.getSQLState().startsWith("08")) {
                return true;
            }
        }
        return false;
    }
}
