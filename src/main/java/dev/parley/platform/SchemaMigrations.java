package dev.parley.platform;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the schema to the version this WAR needs. The same migrations
 * ({@code src/main/resources/db/migration}) serve H2 and PostgreSQL; JPA never generates a table.
 * <p>
 * A database that is unreachable at start does not stop the deployment: readiness stays down
 * ({@link DatabaseHealth}), one line says why, and the migration is tried again every few seconds
 * until the database answers. Flyway commits on its own connection, so this runs outside any
 * container transaction.
 */
@Startup
@Singleton
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SchemaMigrations {

    private static final Logger LOG = Logger.getLogger(SchemaMigrations.class.getName());
    private static final long RETRY_SECONDS = 5;

    @Resource(lookup = Database.DATA_SOURCE)
    DataSource dataSource;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private volatile boolean migrated;
    private volatile String lastFailure;
    private ScheduledFuture<?> retry;

    @PostConstruct
    void start() {
        if (!migrate()) {
            retry = scheduler.scheduleWithFixedDelay(() -> {
                if (migrate()) {
                    retry.cancel(false);
                }
            }, RETRY_SECONDS, RETRY_SECONDS, TimeUnit.SECONDS);
        }
    }

    private synchronized boolean migrate() {
        if (migrated) {
            return true;
        }
        try {
            MigrateResult result = Flyway.configure(SchemaMigrations.class.getClassLoader())
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
            migrated = true;
            LOG.info(() -> "database schema at version " + (result.targetSchemaVersion != null
                    ? result.targetSchemaVersion : result.initialSchemaVersion)
                    + " (" + result.migrationsExecuted + " migrations applied now)");
            return true;
        } catch (RuntimeException e) {
            String reason = Database.describe(e);
            if (!reason.equals(lastFailure)) {
                LOG.warning(() -> "database unreachable, not ready; trying again every " + RETRY_SECONDS + " s: " + reason);
            }
            lastFailure = reason;
            return false;
        }
    }

    /** True once the schema is at this WAR's version. */
    public boolean isMigrated() {
        return migrated;
    }

    @PreDestroy
    void stop() {
        if (retry != null) {
            retry.cancel(false);
        }
    }
}
