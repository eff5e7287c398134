package dev.parley.platform;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the schema to the version this WAR needs, before anything uses the database. The same
 * migrations ({@code src/main/resources/db/migration}) serve H2 and PostgreSQL; JPA never generates a
 * table. A migration that fails fails the deployment, after one line saying why.
 * <p>
 * Flyway commits on its own connection, so this runs outside any container transaction.
 */
@Startup
@Singleton
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SchemaMigrations {

    private static final Logger LOG = Logger.getLogger(SchemaMigrations.class.getName());

    @Resource(lookup = Database.DATA_SOURCE)
    DataSource dataSource;

    @PostConstruct
    void migrate() {
        try {
            MigrateResult result = Flyway.configure(SchemaMigrations.class.getClassLoader())
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
            LOG.info(() -> "database schema at version " + (result.targetSchemaVersion != null
                    ? result.targetSchemaVersion : result.initialSchemaVersion)
                    + " (" + result.migrationsExecuted + " migrations applied now)");
        } catch (RuntimeException e) {
            LOG.severe(() -> "database migration failed, Parley cannot start: " + Database.describe(e));
            throw e;
        }
    }
}
