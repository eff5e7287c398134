package dev.parley.platform;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the schema to the version this WAR needs, before anything uses the database. The same
 * migrations ({@code src/main/resources/db/migration}, and the Java ones listed here) serve H2 and
 * PostgreSQL; nothing else ever creates a table.
 * <p>
 * A database that cannot be reached at start does not stop Parley from deploying: this says once why,
 * readiness stays down ({@link DatabaseHealth}), and the migration is tried again every few seconds
 * until the database answers. A migration that fails against a database that answers is a defect or
 * a foreign schema, not an outage: at start it fails the deployment, after one line saying why.
 * <p>
 * A CDI bean that migrates when the application starts, before any other start-up observer (it
 * observes first), rather than a {@code @Startup} EJB: it was Parley's only EJB, and the EJB
 * container it brought into the deployment cost start-up time for nothing else (docs/benchmarks.md,
 * cold start).
 */
@ApplicationScoped
public class SchemaMigrations {

    private static final Logger LOG = Logger.getLogger(SchemaMigrations.class.getName());
    private static final long RETRY_SECONDS = 5;

    @Inject
    Database database;

    @Inject
    Housekeeping housekeeping;

    /** Why the schema is not ready; null once it is. */
    private volatile String problem = "not migrated yet";
    private ScheduledFuture<?> retries;

    void start(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) @Initialized(ApplicationScoped.class) Object ignored) {
        if (!migrateIfReachable(true)) {
            LOG.warning(() -> "the database cannot be reached, so Parley is not ready; trying again every "
                    + RETRY_SECONDS + " s: " + problem);
            retries = housekeeping.every(Duration.ofSeconds(RETRY_SECONDS), this::retry);
        }
    }

    /** Why the database cannot be used yet (unreachable so far, or a failed migration); empty once migrated. */
    public Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    private synchronized void retry() {
        if (problem == null) {
            return;
        }
        try {
            if (migrateIfReachable(false)) {
                retries.cancel(false);
            }
        } catch (RuntimeException e) {
            // Said by migrateIfReachable; readiness stays down with the reason, and retrying would repeat it.
            retries.cancel(false);
        }
    }

    /** Migrates; false when no connection could be had. A failed migration is thrown. */
    private boolean migrateIfReachable(boolean atStart) {
        try {
            database.dataSource().getConnection().close(); // the pool validates what it hands out
        } catch (SQLException | RuntimeException e) {
            problem = "the database cannot be reached: " + Database.describe(e);
            return false;
        }
        try {
            MigrateResult result = flyway(database.dataSource()).migrate();
            problem = null;
            LOG.info(() -> (atStart ? "" : "the database answers now: ") + "database schema at version "
                    + (result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion)
                    + " (" + result.migrationsExecuted + " migrations applied now)");
            return true;
        } catch (RuntimeException e) {
            problem = "the database migration failed: " + describe(e);
            LOG.severe(() -> (atStart ? "Parley cannot start: " : "Parley cannot become ready: ") + problem);
            throw e;
        }
    }

    /**
     * Why a migration failed, on one line. Flyway's own words where it refused (they name the migration and
     * what to do, e.g. "Migration checksum mismatch for migration version 1"); a failing statement as
     * {@link Database#describe} says it.
     */
    static String describe(RuntimeException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException) {
                return Database.describe(failure);
            }
        }
        if (failure instanceof FlywayException && failure.getMessage() != null) {
            return failure.getMessage().strip().replaceAll("\\s*\\R\\s*", "; ");
        }
        return Database.describe(failure);
    }

    /** Parley's migrations, on a data source. */
    static Flyway flyway(DataSource dataSource) {
        return Flyway.configure(SchemaMigrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .javaMigrations(new V4__ChatMessageIndexesForQueriesOnlyOnH2())
                .load();
    }

    @PreDestroy
    void stop() {
        if (retries != null) {
            retries.cancel(false);
        }
    }
}
