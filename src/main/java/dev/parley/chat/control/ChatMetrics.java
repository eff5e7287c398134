package dev.parley.chat.control;

import dev.parley.platform.Metrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * What chat reports at {@code /metrics} (Prometheus format): sessions and users online, outbound
 * queue depth, messages stored and delivered (rates come from the counters), delivery latency,
 * and the sessions and frames refused or closed, by reason.
 */
@ApplicationScoped
public class ChatMetrics implements MeterBinder {

    /** Every reason a WebSocket upgrade is refused for; each is listed at 0 from the start. */
    static final List<String> HANDSHAKE_REFUSALS = List.of("origin", "credential", "session-limit", "database");

    /** Bucket bounds: from a quiet server's millisecond to a broadcast to thousands stalled for seconds. */
    private static final Duration[] LATENCY_BUCKETS = {
        Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5),
        Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
        Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2_500),
        Duration.ofSeconds(5), Duration.ofSeconds(10)};

    @Inject
    SessionRegistry sessions;

    @Inject
    MessageWriter writer;

    private MeterRegistry registry;
    private Counter stored;
    private Counter delivered;
    private Counter rateLimited;
    private Counter slowConsumers;
    private Timer deliveryLatency;

    /** Called once, at start, by {@link Metrics}. */
    @Override
    public void bindTo(MeterRegistry registry) {
        this.registry = registry;
        gauge("parley.sessions.open", "Open WebSocket sessions", sessions, SessionRegistry::size);
        gauge("parley.users.online", "Users with at least one open session", sessions, SessionRegistry::usersOnline);
        gauge("parley.outbound.queue.frames", "Frames waiting in all sessions' outbound queues",
                this, ChatMetrics::queuedFrames);
        gauge("parley.messages.waiting.to.store", "Messages waiting for the writer", writer, MessageWriter::waiting);
        stored = counter("parley.messages.stored", "Messages stored");
        delivered = counter("parley.frames.delivered", "Message frames queued to sessions");
        rateLimited = counter("parley.frames.rate.limited",
                "Frames refused by the rate limit (messages and sync requests)");
        slowConsumers = counter("parley.slow.consumers.closed", "Sessions closed because their outbound queue filled");
        deliveryLatency = Timer.builder("parley.delivery.latency")
                .description("From a message's arrival to its frames being queued to every recipient")
                .serviceLevelObjectives(LATENCY_BUCKETS)
                .register(registry);
        HANDSHAKE_REFUSALS.forEach(this::refusedHandshakes);
    }

    // Held strongly: Micrometer keeps a gauge's object weakly, and these CDI proxies are referenced nowhere else.
    private <T> void gauge(String name, String description, T source, ToDoubleFunction<T> value) {
        Gauge.builder(name, source, value).description(description).strongReference(true).register(registry);
    }

    private Counter counter(String name, String description) {
        return Counter.builder(name).description(description).register(registry);
    }

    private Counter refusedHandshakes(String reason) {
        return Counter.builder("parley.handshakes.refused")
                .description("WebSocket upgrades refused, by reason")
                .tag("reason", reason)
                .register(registry);
    }

    private long queuedFrames() {
        long total = 0;
        for (ChatSession session : sessions.all()) {
            total += session.queued();
        }
        return total;
    }

    void stored(long frames, Duration latency) {
        stored.increment();
        delivered.increment(frames);
        deliveryLatency.record(latency);
    }

    void rateLimited() {
        rateLimited.increment();
    }

    void slowConsumerClosed() {
        slowConsumers.increment();
    }

    /** A WebSocket upgrade refused, by reason: one of {@link #HANDSHAKE_REFUSALS}. */
    public void handshakeRefused(String reason) {
        refusedHandshakes(reason).increment();
    }
}
