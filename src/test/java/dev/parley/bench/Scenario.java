package dev.parley.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/** A scenario of issue #6, run once per round against each target. */
abstract class Scenario {

    final BenchConfig cfg;
    final Results results;
    final String name;

    Scenario(String name, BenchConfig cfg, Results results) {
        this.name = name;
        this.cfg = cfg;
        this.results = results;
    }

    abstract void run(Target target, int round) throws Exception;

    /** Records the metrics of a round in which the scenario could not run, so the table says n/a. */
    void failed(Target target, int round, Exception e) {
        results.detail(name, target.name, round, Map.of("error", String.valueOf(e)));
        results.note("round " + round + ", " + name + " on " + target.name + " failed: " + e);
    }

    void metric(String id, String label, String unit, boolean higherIsBetter, Target t, double value) {
        results.add(name, id, label, unit, higherIsBetter, t.name, value);
    }

    static Map<String, Object> row(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < kv.length; i += 2) {
            m.put(String.valueOf(kv[i]), kv[i + 1]);
        }
        return m;
    }

    /** A latency histogram in microseconds, up to one hour. */
    static Histogram micros() {
        return new org.HdrHistogram.ConcurrentHistogram(TimeUnit.HOURS.toMicros(1), 3);
    }

    static long toMicros(long nanos) {
        return Math.max(0, Math.min(TimeUnit.HOURS.toMicros(1), nanos / 1000));
    }

    /** Percentile of a microsecond histogram in milliseconds (NaN when empty). */
    static double ms(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(percentile) / 1000.0;
    }

    static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
