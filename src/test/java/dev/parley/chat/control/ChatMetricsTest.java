package dev.parley.chat.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Chat's meters as Prometheus scrapes them: names, types and units. */
class ChatMetricsTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ChatMetrics metrics = new ChatMetrics();

    @BeforeEach
    void register() {
        metrics.sessions = new SessionRegistry();
        metrics.writer = new MessageWriter();
        metrics.bindTo(registry);
    }

    @Test
    void deliveryLatencyIsAHistogramInSeconds() {
        metrics.stored(3, Duration.ofMillis(20));
        metrics.stored(1, Duration.ofMillis(40));
        metrics.stored(0, Duration.ofNanos(1_500));

        String scrape = registry.scrape();
        assertTrue(scrape.contains("# TYPE parley_delivery_latency_seconds histogram"), scrape);
        double count = value(scrape, "parley_delivery_latency_seconds_count");
        double sum = value(scrape, "parley_delivery_latency_seconds_sum");
        assertEquals(3, count);
        // The bug this replaces: a sum in microseconds under a name that says seconds (1000x the mean).
        assertEquals(0.0600015, sum, 1e-9);
        assertEquals(2, value(scrape, "parley_delivery_latency_seconds_bucket{le=\"0.025\"}"));
        assertEquals(3, value(scrape, "parley_delivery_latency_seconds_bucket{le=\"+Inf\"}"));
        assertEquals(4, value(scrape, "parley_frames_delivered_total"));
        assertEquals(3, value(scrape, "parley_messages_stored_total"));
    }

    @Test
    void everyRefusalReasonIsListedFromTheStart() {
        metrics.handshakeRefused("credential");

        String scrape = registry.scrape();
        for (String reason : ChatMetrics.HANDSHAKE_REFUSALS) {
            double expected = reason.equals("credential") ? 1 : 0;
            assertEquals(expected, value(scrape, "parley_handshakes_refused_total{reason=\"" + reason + "\"}"), reason);
        }
    }

    @Test
    void gaugesAndCountersHaveThePrometheusTypesTheirNamesPromise() {
        String scrape = registry.scrape();
        for (String gauge : new String[] {"parley_sessions_open", "parley_users_online", "parley_outbound_queue_frames",
                "parley_messages_waiting_to_store"}) {
            assertTrue(scrape.contains("# TYPE " + gauge + " gauge\n"), gauge + " in " + scrape);
            assertEquals(0, value(scrape, gauge));
        }
        for (String counter : new String[] {"parley_messages_stored_total", "parley_frames_delivered_total",
                "parley_frames_rate_limited_total", "parley_slow_consumers_closed_total",
                "parley_handshakes_refused_total"}) {
            assertTrue(scrape.contains("# TYPE " + counter + " counter\n"), counter + " in " + scrape);
        }
    }

    /** The value of the one line that starts with {@code series} and a space. */
    private static double value(String scrape, String series) {
        Matcher line = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(scrape);
        assertTrue(line.find(), series + " in " + scrape);
        return Double.parseDouble(line.group(1));
    }
}
