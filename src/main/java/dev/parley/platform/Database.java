package dev.parley.platform;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The application's data source: an H2 file in the data directory by default, PostgreSQL (or any
 * JDBC database Flyway and EclipseLink know) by configuration alone. Payara resolves the
 * {@code ${MPCONFIG=...}} placeholders, so environment variables such as {@code PARLEY_DB_URL} work.
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
}
