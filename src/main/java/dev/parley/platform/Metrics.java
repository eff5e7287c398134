package dev.parley.platform;

import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The deployment's one meter registry (Micrometer, bundled in the WAR), which {@link MetricsServlet} serves in
 * Prometheus text format. A feature's meters come from a bean that is a {@link MeterBinder}: each is bound at
 * start, so every series is listed (at 0) before the first event.
 * <p>
 * Not a CDI producer of {@code MeterRegistry}: a server that brings its own Micrometer integration may offer
 * that type as a bean, and the two would be ambiguous. Not Micrometer's static global registry either: two
 * deployments in one JVM keep their own counts.
 */
@ApplicationScoped
public class Metrics {

    /** The Prometheus text format, version 0.0.4, which every Prometheus version scrapes. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    @Inject
    Instance<MeterBinder> features;

    private PrometheusMeterRegistry registry;
    private JvmGcMetrics gc;

    /** Observing the start creates this bean: every meter is bound with the application, not at the first scrape. */
    void started(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        // nothing else to do
    }

    @PostConstruct
    void start() {
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        gc = new JvmGcMetrics();
        gc.bindTo(registry);
        features.forEach(feature -> feature.bindTo(registry));
    }

    /** Every meter's current value, in {@link #CONTENT_TYPE}. */
    public void scrape(OutputStream out) throws IOException {
        registry.scrape(out, CONTENT_TYPE);
    }

    /** The GC listeners are the JVM's: left registered, they would keep this deployment in memory. */
    @PreDestroy
    void stop() {
        gc.close();
        registry.close();
    }
}
