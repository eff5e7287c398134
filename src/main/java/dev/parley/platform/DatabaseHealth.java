package dev.parley.platform;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the database answers: without it nothing can be stored or acknowledged. */
@Readiness
@ApplicationScoped
public class DatabaseHealth implements HealthCheck {

    private static final int TIMEOUT_SECONDS = 2;

    @Resource(lookup = Database.DATA_SOURCE)
    DataSource dataSource;

    @Override
    public HealthCheckResponse call() {
        String problem = null;
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.isValid(TIMEOUT_SECONDS)) {
                problem = "the database does not answer";
            }
        } catch (SQLException | RuntimeException e) {
            problem = Database.describe(e);
        }
        return HealthCheckResponse.named("database")
                .status(problem == null)
                .withData("problem", problem == null ? "none" : problem)
                .build();
    }
}
