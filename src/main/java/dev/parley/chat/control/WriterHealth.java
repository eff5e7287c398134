package dev.parley.chat.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Alive while the thread that stores and hands on messages runs: without it, chat is dead. */
@Liveness
@ApplicationScoped
public class WriterHealth implements HealthCheck {

    @Inject
    MessageWriter writer;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("message-writer")
                .status(writer.isRunning())
                .withData("waiting", writer.waiting())
                .build();
    }
}
