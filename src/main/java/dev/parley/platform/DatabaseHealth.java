package dev.parley.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while the database answers and holds the schema this WAR needs: without it nothing can
 * be stored or acknowledged.
 */
@Readiness
@ApplicationScoped
public class DatabaseHealth implements HealthCheck {

    private static final int TIMEOUT_SECONDS = 2;

    @Inject
    Database database;

    @Inject
    SchemaMigrations migrations;

    @Override
    public HealthCheckResponse call() {
        String problem = migrations.problem().orElse(null);
        if (problem != null) {
            return down(problem);
        }
        try (Connection connection = database.dataSource().getConnection()) {
            if (!connection.isValid(TIMEOUT_SECONDS)) {
                problem = "the database does not answer";
            }
        } catch (SQLException | RuntimeException e) {
            problem = Database.describe(e);
        }
        return problem == null ? HealthCheckResponse.named("database").up().withData("problem", "none").build()
                : down(problem);
    }

    private static HealthCheckResponse down(String problem) {
        return HealthCheckResponse.named("database").down().withData("problem", problem).build();
    }
}
