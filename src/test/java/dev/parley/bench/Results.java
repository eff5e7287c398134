package dev.parley.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every number of a run: per metric, per target, one value per round; plus step details and notes. */
final class Results {

    /** One measured quantity; the values of each target, one per round (NaN: not measured that round). */
    static final class Metric {
        final String scenario;
        final String id;
        final String label;
        final String unit;
        final boolean higherIsBetter;
        final Map<String, List<Double>> values = new LinkedHashMap<>();

        Metric(String scenario, String id, String label, String unit, boolean higherIsBetter) {
            this.scenario = scenario;
            this.id = id;
            this.label = label;
            this.unit = unit;
            this.higherIsBetter = higherIsBetter;
        }

        Summary summary(String target) {
            return Summary.of(values.getOrDefault(target, List.of()));
        }
    }

    /** Median, min and max of the finite values. */
    record Summary(int n, double median, double min, double max) {
        static Summary of(List<Double> values) {
            double[] v = values.stream().mapToDouble(Double::doubleValue).filter(Double::isFinite).sorted()
                    .toArray();
            if (v.length == 0) {
                return new Summary(0, Double.NaN, Double.NaN, Double.NaN);
            }
            double median = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
            return new Summary(v.length, median, v[0], v[v.length - 1]);
        }
    }

    /** A target of the issue, met or missed (null: could not be judged, e.g. not measured). */
    record Goal(String name, String requirement, double value, String unit, Boolean met, String basis) {
    }

    final String subject;
    final String baseline;
    final Map<String, Object> run = new LinkedHashMap<>();
    final Map<String, Metric> metrics = new LinkedHashMap<>();
    final Map<String, List<Map<String, Object>>> details = new LinkedHashMap<>();
    final List<String> notes = new ArrayList<>();
    final List<Goal> goals = new ArrayList<>();

    Results(String subject, String baseline) {
        this.subject = subject;
        this.baseline = baseline;
    }

    List<String> targets() {
        return List.of(subject, baseline);
    }

    synchronized void add(String scenario, String id, String label, String unit, boolean higherIsBetter,
            String target, double value) {
        Metric m = metrics.computeIfAbsent(scenario + "." + id,
                k -> new Metric(scenario, id, label, unit, higherIsBetter));
        m.values.computeIfAbsent(target, k -> new ArrayList<>()).add(value);
    }

    /** Metrics grouped by scenario (in the order of the issue), in the order they were first measured. */
    synchronized List<Metric> ordered() {
        List<String> order = List.of("capacity", "broadcast", "direct", "login", "coldstart");
        List<Metric> all = new ArrayList<>(metrics.values());
        all.sort(java.util.Comparator.comparingInt(m -> order.indexOf(m.scenario)));
        return all;
    }

    synchronized Metric metric(String scenario, String id) {
        return metrics.get(scenario + "." + id);
    }

    double median(String scenario, String id, String target) {
        Metric m = metric(scenario, id);
        return m == null ? Double.NaN : m.summary(target).median();
    }

    /** Subject median / baseline median, NaN when either is missing. */
    double ratio(String scenario, String id) {
        double a = median(scenario, id, subject);
        double b = median(scenario, id, baseline);
        return Double.isFinite(a) && Double.isFinite(b) && b != 0 ? a / b : Double.NaN;
    }

    /** One row of a step table (e.g. one broadcast step of one round of one target). */
    synchronized void detail(String scenario, String target, int round, Map<String, Object> row) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("target", target);
        r.put("round", round);
        r.putAll(row);
        details.computeIfAbsent(scenario, k -> new ArrayList<>()).add(r);
    }

    synchronized void note(String text) {
        if (!notes.contains(text)) {
            notes.add(text);
        }
    }

    /** Judges the targets of issue #6 on the subject's medians (a smoke run is too small: not judged). */
    void judgeGoals() {
        goals.clear();
        boolean smoke = "smoke".equals(run.get("mode"));
        double sessions = median("capacity", "sessions", subject);
        goals.add(new Goal("capacity", ">= 18,000 idle sessions", sessions, "sessions",
                judge(smoke, sessions, v -> v >= 18000), "largest step held, all sessions verified alive"));
        double heap = median("capacity", "heapPerSessionKiB", subject);
        goals.add(new Goal("heap per session", "<= 16 KiB live heap per session", heap, "KiB",
                judge(smoke, heap, v -> v <= 16), "jcmd GC.class_histogram total (live objects), at the largest step, minus the baseline"));
        double bcast = ratio("broadcast", "largestN");
        goals.add(new Goal("broadcast fan-out", ">= 1.0x peer's largest N", bcast, "x",
                judge(smoke, bcast, v -> v >= 1.0), "largest N with p95 round trip < 500 ms, subject/baseline medians"));
        double direct = median("direct", "highestRate", subject);
        goals.add(new Goal("direct messages", ">= 5,000 msg/s at p99 < 50 ms", direct, "msg/s",
                judge(smoke, direct, v -> v >= 5000), "highest passing open-loop rate, coordinated omission corrected"));
        double login = median("login", "percentOfCeiling", subject);
        goals.add(new Goal("login", ">= 90% of the hash ceiling", login, "%",
                judge(smoke, login, v -> v >= 90), "ceiling = cores / one verification by Parley's PasswordHasher, in-process"));
        double hs = median("capacity", "handshakesPerSec", subject);
        goals.add(new Goal("handshakes", ">= 1,000/s", hs, "1/s", judge(smoke, hs, v -> v >= 1000),
                "sessions opened per second up to the largest step, welcome frame received"));
        double cold = median("coldstart", "vsBare", subject);
        goals.add(new Goal("cold start", "<= 1.2x bare Payara", cold, "x", judge(smoke, cold, v -> v <= 1.2),
                "launch to first delivered message / launch to first HTTP answer of an empty WAR"));
    }

    private static Boolean judge(double v, java.util.function.DoublePredicate ok) {
        return Double.isFinite(v) ? ok.test(v) : null;
    }

    private Boolean judge(boolean smoke, double v, java.util.function.DoublePredicate ok) {
        return smoke ? null : judge(v, ok);
    }

    /** True when every scenario in {@code scenarios} has at least one finite value for both targets. */
    boolean complete(List<String> scenarios) {
        for (String s : scenarios) {
            for (String t : targets()) {
                boolean any = metrics.values().stream().filter(m -> m.scenario.equals(s))
                        .anyMatch(m -> m.values.getOrDefault(t, List.of()).stream().anyMatch(Double::isFinite));
                if (!any) {
                    return false;
                }
            }
        }
        return true;
    }

    static double[] finite(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).filter(Double::isFinite).toArray();
    }

    @Override
    public String toString() {
        return "Results" + Arrays.toString(metrics.keySet().toArray());
    }
}
