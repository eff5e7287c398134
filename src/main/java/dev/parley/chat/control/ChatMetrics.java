package dev.parley.chat.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Histogram;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;

/**
 * What chat reports at {@code /metrics} (Prometheus format): sessions and users online, outbound
 * queue depth, messages stored and delivered (rates come from the counters), delivery latency,
 * and the sessions and frames refused or closed, by reason.
 */
@ApplicationScoped
public class ChatMetrics {

    @Inject
    MetricRegistry registry;

    @Inject
    SessionRegistry sessions;

    @Inject
    MessageWriter writer;

    private Counter stored;
    private Counter delivered;
    private Counter rateLimited;
    private Counter slowConsumers;
    private Histogram deliveryLatency;

    /** Registers the gauges with the application, not with the first message. */
    void started(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        stored.getCount();
    }

    @PostConstruct
    void register() {
        registry.gauge(Metadata.builder().withName("parley_sessions_open")
                .withDescription("Open WebSocket sessions").build(), sessions::size);
        registry.gauge(Metadata.builder().withName("parley_users_online")
                .withDescription("Users with at least one open session").build(), sessions::usersOnline);
        registry.gauge(Metadata.builder().withName("parley_outbound_queue_frames")
                .withDescription("Frames waiting in all sessions' outbound queues").build(), this::queuedFrames);
        registry.gauge(Metadata.builder().withName("parley_messages_waiting_to_store")
                .withDescription("Messages waiting for the writer").build(), writer::waiting);
        stored = registry.counter(Metadata.builder().withName("parley_messages_stored")
                .withDescription("Messages stored").build());
        delivered = registry.counter(Metadata.builder().withName("parley_frames_delivered")
                .withDescription("Message frames queued to sessions").build());
        rateLimited = registry.counter(Metadata.builder().withName("parley_frames_rate_limited")
                .withDescription("Frames refused by the rate limit (messages and sync requests)").build());
        slowConsumers = registry.counter(Metadata.builder().withName("parley_slow_consumers_closed")
                .withDescription("Sessions closed because their outbound queue filled").build());
        deliveryLatency = registry.histogram(Metadata.builder().withName("parley_delivery_latency")
                .withDescription("From a message's arrival to its frames being queued to every recipient")
                .withUnit(MetricUnits.MICROSECONDS).build());
        for (String reason : new String[] {"origin", "credential", "session-limit"}) {
            registry.counter("parley_handshakes_refused", new Tag("reason", reason));
        }
    }

    private long queuedFrames() {
        long total = 0;
        for (ChatSession session : sessions.all()) {
            total += session.queued();
        }
        return total;
    }

    void stored(long frames, long latencyNanos) {
        stored.inc();
        delivered.inc(frames);
        deliveryLatency.update(latencyNanos / 1_000);
    }

    void rateLimited() {
        rateLimited.inc();
    }

    void slowConsumerClosed() {
        slowConsumers.inc();
    }

    /** A WebSocket upgrade refused, by reason: origin, credential, session-limit. */
    public void handshakeRefused(String reason) {
        registry.counter("parley_handshakes_refused", new Tag("reason", reason)).inc();
    }
}
