package dev.parley.bench;

import jakarta.json.Json;
import jakarta.json.stream.JsonGenerator;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** results.json (every value of every round, step details) and results.md (the table). */
final class ResultsWriter {

    private ResultsWriter() {
    }

    static void write(Results r, Path dir) throws IOException {
        Files.createDirectories(dir);
        writeJson(r, dir.resolve("results.json"));
        Files.writeString(dir.resolve("results.md"), markdown(r), StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------- JSON

    private static void writeJson(Results r, Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                JsonGenerator g = Json.createGeneratorFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true))
                        .createGenerator(w)) {
            g.writeStartObject();
            g.writeStartObject("run");
            for (Map.Entry<String, Object> e : r.run.entrySet()) {
                value(g, e.getKey(), e.getValue());
            }
            g.writeEnd();
            g.writeStartObject("targets").write("subject", r.subject).write("baseline", r.baseline).writeEnd();

            g.writeStartArray("metrics");
            for (Results.Metric m : r.ordered()) {
                g.writeStartObject().write("scenario", m.scenario).write("id", m.id).write("label", m.label)
                        .write("unit", m.unit).write("higherIsBetter", m.higherIsBetter);
                g.writeStartObject("values");
                for (String t : r.targets()) {
                    g.writeStartArray(t);
                    for (double v : m.values.getOrDefault(t, List.of()).stream().mapToDouble(Double::doubleValue)
                            .toArray()) {
                        number(g, v);
                    }
                    g.writeEnd();
                }
                g.writeEnd();
                g.writeStartObject("summary");
                for (String t : r.targets()) {
                    Results.Summary s = m.summary(t);
                    g.writeStartObject(t).write("n", s.n());
                    number(g, "median", s.median());
                    number(g, "min", s.min());
                    number(g, "max", s.max());
                    g.writeEnd();
                }
                g.writeEnd();
                number(g, "ratio", r.ratio(m.scenario, m.id));
                g.writeEnd();
            }
            g.writeEnd();

            g.writeStartArray("goals");
            for (Results.Goal goal : r.goals) {
                g.writeStartObject().write("name", goal.name()).write("requirement", goal.requirement());
                number(g, "value", goal.value());
                g.write("unit", goal.unit());
                if (goal.met() == null) {
                    g.writeNull("met");
                } else {
                    g.write("met", goal.met());
                }
                g.write("basis", goal.basis()).writeEnd();
            }
            g.writeEnd();

            g.writeStartObject("details");
            for (Map.Entry<String, List<Map<String, Object>>> e : r.details.entrySet()) {
                g.writeStartArray(e.getKey());
                for (Map<String, Object> row : e.getValue()) {
                    g.writeStartObject();
                    for (Map.Entry<String, Object> c : row.entrySet()) {
                        value(g, c.getKey(), c.getValue());
                    }
                    g.writeEnd();
                }
                g.writeEnd();
            }
            g.writeEnd();

            g.writeStartArray("notes");
            r.notes.forEach(g::write);
            g.writeEnd();
            g.writeEnd();
        }
    }

    private static void value(JsonGenerator g, String key, Object v) {
        if (v == null) {
            g.writeNull(key);
        } else if (v instanceof Double || v instanceof Float) {
            number(g, key, ((Number) v).doubleValue());
        } else if (v instanceof Number n) {
            g.write(key, n.longValue());
        } else if (v instanceof Boolean b) {
            g.write(key, b);
        } else if (v instanceof List<?> list) {
            g.writeStartArray(key);
            for (Object o : list) {
                g.write(String.valueOf(o));
            }
            g.writeEnd();
        } else {
            g.write(key, String.valueOf(v));
        }
    }

    private static void number(JsonGenerator g, String key, double v) {
        if (Double.isFinite(v)) {
            g.write(key, round(v));
        } else {
            g.writeNull(key);
        }
    }

    private static void number(JsonGenerator g, double v) {
        if (Double.isFinite(v)) {
            g.write(round(v));
        } else {
            g.writeNull();
        }
    }

    private static double round(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }

    // ---------------------------------------------------------------- Markdown

    static String markdown(Results r) {
        StringBuilder md = new StringBuilder();
        md.append("# Parley benchmark results\n\n");
        for (Map.Entry<String, Object> e : r.run.entrySet()) {
            Object v = e.getValue();
            String text = v instanceof Double d ? fmt(d) : String.valueOf(v);
            md.append("- ").append(e.getKey()).append(": ").append(code(text)).append('\n');
        }
        md.append("\n## Targets of issue #6\n\nJudged on the medians of ").append(r.subject)
                .append(" (the subject); ratios are ").append(r.subject).append(" / ").append(r.baseline)
                .append(".\n\n");
        md.append("| target | required | ").append(r.subject).append(" | met? | basis |\n|---|---|---|---|---|\n");
        for (Results.Goal g : r.goals) {
            md.append("| ").append(g.name()).append(" | ").append(g.requirement()).append(" | ")
                    .append(g.unit().equals("x") ? ratio(g.value()) : fmt(g.value())).append(' ').append(g.unit())
                    .append(" | ")
                    .append(g.met() != null ? (g.met() ? "**met**" : "**missed**")
                            : Double.isFinite(g.value()) ? "not judged (smoke run)" : "not measured").append(" | ")
                    .append(g.basis()).append(" |\n");
        }
        md.append("\n## Results\n\nMedian [min - max] over the rounds.\n\n");
        md.append("| scenario | metric | unit | ").append(r.subject).append(" | ").append(r.baseline)
                .append(" | ").append(r.subject).append('/').append(r.baseline).append(" |\n");
        md.append("|---|---|---|---|---|---|\n");
        for (Results.Metric m : r.ordered()) {
            md.append("| ").append(m.scenario).append(" | ").append(m.label).append(" | ").append(m.unit)
                    .append(" | ").append(cell(m.summary(r.subject))).append(" | ")
                    .append(cell(m.summary(r.baseline))).append(" | ").append(ratio(r.ratio(m.scenario, m.id)))
                    .append(" |\n");
        }
        if (!r.notes.isEmpty()) {
            md.append("\n## Notes\n\n");
            for (String n : r.notes) {
                md.append("- ").append(n).append('\n');
            }
        }
        md.append("\nEvery round's value and the per-step tables are in results.json.\n");
        return md.toString();
    }

    private static String cell(Results.Summary s) {
        if (s.n() == 0) {
            return "n/a";
        }
        if (s.n() == 1 || s.min() == s.max()) {
            return fmt(s.median());
        }
        return fmt(s.median()) + " [" + fmt(s.min()) + " - " + fmt(s.max()) + "]";
    }

    static String ratio(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.2f", v) : "n/a";
    }

    static String fmt(double v) {
        if (!Double.isFinite(v)) {
            return "n/a";
        }
        double a = Math.abs(v);
        if (a >= 1000 || v == Math.rint(v)) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static String code(String s) {
        return s.contains(" ") || s.contains("/") ? "`" + s.replace("`", "'") + "`" : s;
    }
}
