package dev.parley.bench;

import java.time.Duration;
import java.util.OptionalLong;

/**
 * Scenario 1: authenticated idle sessions in steps. At each step: the handshake rate of the new sessions
 * (upgrade to welcome frame, a bounded number in flight), then the server's live heap (JVM only: the
 * total of jcmd GC.class_histogram, live objects after a full GC) minus its value with no session open, and
 * its RSS (VmRSS, read after that GC) as the marginal cost from the first step to the largest (a JVM's RSS with no session open may still
 * hold heap from earlier rounds that it gives back later). At the largest step held, one common-room message
 * checks that every session is really alive.
 */
final class CapacityScenario extends Scenario {

    CapacityScenario(BenchConfig cfg, Results results) {
        super("capacity", cfg, results);
    }

    @Override
    void run(Target t, int round) throws Exception {
        // Heap first: its full GC also shrinks a JVM's RSS, so both are read after a collection.
        OptionalLong heap0 = t.liveHeapBytes();
        long rss0 = t.rssKiB();
        Reporter.info("capacity on %s: baseline rss %d KiB, live heap %s", t.name, rss0,
                heap0.isPresent() ? heap0.getAsLong() / 1024 + " KiB" : "n/a");
        int held = 0;
        int firstStep = 0;
        long rssFirst = -1;
        long opened = 0;
        long openNanos = 0;
        double heapPer = Double.NaN;
        double rssPer = Double.NaN;
        double rssAtMax = Double.NaN;
        try (Fleet fleet = new Fleet(t.api, t.users, cfg.client)) {
            for (int step : cfg.capacitySteps) {
                Fleet.OpenResult r = fleet.open(step, cfg.handshakeConcurrency, cfg.handshakeTimeout, 20);
                opened += r.opened();
                openNanos += r.elapsedNanos();
                int open = fleet.openCount();
                boolean ok = r.failed() == 0 && open == step && fleet.unexpectedCloses.get() == 0;
                if (!ok) {
                    Reporter.warn("capacity on %s: step %d not reached: %d open, %d failed, %d closed; %s", t.name,
                            step, open, r.failed(), fleet.unexpectedCloses.get(),
                            r.firstError() != null ? r.firstError() : fleet.lastUnexpectedClose());
                    results.detail(name, t.name, round, row("sessions", step, "opened", r.opened(), "failed",
                            r.failed(), "open", open, "handshakesPerSec", round1(r.perSecond()), "error",
                            r.firstError() != null ? r.firstError() : fleet.lastUnexpectedClose()));
                    break;
                }
                OptionalLong heap = t.liveHeapBytes();
                long rss = t.rssKiB();
                held = step;
                if (firstStep == 0) {
                    firstStep = step;
                    rssFirst = rss;
                }
                // RSS per session: the marginal cost from the first step to this one, when there are two:
                // a JVM's baseline RSS may still hold heap from earlier work that it gives back later.
                rssPer = step > firstStep && rssFirst > 0 && rss > 0 ? (rss - rssFirst) / (double) (step - firstStep)
                        : rss0 > 0 && rss > 0 ? (rss - rss0) / (double) step : Double.NaN;
                rssAtMax = rss > 0 ? rss / 1024.0 : Double.NaN;
                heapPer = heap0.isPresent() && heap.isPresent()
                        ? (heap.getAsLong() - heap0.getAsLong()) / 1024.0 / step : Double.NaN;
                Reporter.info("capacity on %s: %d sessions, %.0f handshakes/s, rss %d KiB (%.1f KiB/session),"
                        + " live heap/session %s KiB", t.name, step, r.perSecond(), rss, rssPer,
                        ResultsWriter.fmt(heapPer));
                results.detail(name, t.name, round, row("sessions", step, "opened", r.opened(), "failed", 0,
                        "handshakesPerSec", round1(r.perSecond()), "rssKiB", rss, "rssPerSessionKiB",
                        round1(rssPer), "liveHeapKiB", heap.isPresent() ? heap.getAsLong() / 1024 : null,
                        "heapPerSessionKiB", Double.isFinite(heapPer) ? round1(heapPer) : null));
            }
            int alive = 0;
            if (held > 0) {
                alive = fleet.roomEcho(0, Duration.ofSeconds(30 + held / 500));
                if (alive < held) {
                    Reporter.warn("capacity on %s: only %d of %d sessions received a room message", t.name, alive,
                            held);
                    results.note("capacity, round " + round + ", " + t.name + ": only " + alive + " of " + held
                            + " sessions received the liveness message");
                }
            }
            metric("sessions", "idle sessions held (all alive)", "sessions", true, t, alive < held ? alive : held);
            metric("handshakesPerSec", "handshakes per second", "1/s", true, t,
                    openNanos > 0 ? opened * 1e9 / openNanos : Double.NaN);
            metric("heapPerSessionKiB", "live heap per session (JVM)", "KiB", false, t, heapPer);
            metric("rssPerSessionKiB", "RSS per session (first to largest step)", "KiB", false, t, rssPer);
            metric("rssAtLargestMiB", "RSS at the largest step", "MiB", false, t, rssAtMax);
            if (held > 0 && held == cfg.capacitySteps[cfg.capacitySteps.length - 1]) {
                results.note("capacity: sessions are capped by the largest step (" + held + "); a server that"
                        + " held them all may hold more.");
            }
        }
    }
}
