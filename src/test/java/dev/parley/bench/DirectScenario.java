package dev.parley.bench;

import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Scenario 3: direct messages, open loop. One session per user for D users; at a fixed rate, message i is
 * due at t0 + i/rate, from user i mod D to another user, and is sent when due whether or not earlier ones
 * have arrived. Latency is from the intended (due) time to delivery at the recipient, so a sender or server
 * that falls behind shows up in the latency (coordinated omission corrected). A message not delivered by
 * the end of the grace period counts with the time it had waited so far. The result is the highest rate
 * whose p99 stays under 50 ms with nothing lost; rates grow until one fails. One step at the first rate
 * runs before them, unmeasured, as a warm-up.
 */
final class DirectScenario extends Scenario {

    private static final Set<Integer> REPORT_AT = Set.of(1000, 5000, 10000);

    private long stepIds;

    DirectScenario(BenchConfig cfg, Results results) {
        super("direct", cfg, results);
    }

    private record Step(boolean pass, long total, long delivered, double achievedRate, double p50, double p99,
            double max, int closed, long sendFailures, long notices, String why) {
    }

    @Override
    void run(Target t, int round) throws Exception {
        int d = Math.min(cfg.directUsers, t.users.size());
        int highest = 0;
        boolean allPassed = true;
        boolean smoke = cfg.directRates[cfg.directRates.length - 1] < 1000;
        try (Fleet fleet = new Fleet(t.api, t.users.subList(0, d), cfg.client)) {
            Fleet.OpenResult r = fleet.open(d, cfg.handshakeConcurrency, cfg.handshakeTimeout, 5);
            if (r.failed() > 0 || fleet.openCount() < d) {
                throw new IllegalStateException("could not connect " + d + " users: " + r.firstError());
            }
            // Unmeasured, like the broadcast's first message per sender: without it the first rate measured
            // the server's first direct messages too (class loading, JIT, connection pool), a cold start.
            Step warmUp = step(fleet, d, cfg.directRates[0]);
            Reporter.info("direct on %s: warm-up at %d msg/s (not counted) p50 %.2f ms p99 %.2f ms", t.name,
                    cfg.directRates[0], warmUp.p50, warmUp.p99);
            for (int rate : cfg.directRates) {
                Step s = step(fleet, d, rate);
                Reporter.info("direct on %s: %d msg/s (sent at %.0f/s) p50 %.2f ms p99 %.2f ms, %d/%d delivered -> %s",
                        t.name, rate, s.achievedRate, s.p50, s.p99, s.delivered, s.total,
                        s.pass ? "pass" : "FAIL (" + s.why + ")");
                results.detail(name, t.name, round, row("rate", rate, "pass", s.pass, "users", d, "messages",
                        s.total, "delivered", s.delivered, "sentPerSec", round1(s.achievedRate), "p50Ms", s.p50,
                        "p99Ms", s.p99, "maxMs", s.max, "closedSessions", s.closed, "sendFailures",
                        s.sendFailures, "systemNotices", s.notices, "why", s.why));
                if (REPORT_AT.contains(rate) || smoke) {
                    metric("p50Ms@" + rate, "delivery p50 at " + rate + " msg/s", "ms", false, t, s.p50);
                    metric("p99Ms@" + rate, "delivery p99 at " + rate + " msg/s", "ms", false, t, s.p99);
                }
                if (!s.pass) {
                    allPassed = false;
                    break;
                }
                highest = rate;
            }
        }
        metric("highestRate", "highest rate with p99 < " + (int) cfg.directP99LimitMs + " ms", "msg/s", true, t,
                highest);
        if (allPassed) {
            results.note("direct: " + t.name + " passed every rate up to " + highest
                    + " msg/s; its highest rate is capped by the steps.");
        }
    }

    /** Message i goes from user i mod d to another user, a different one each lap. */
    static int recipient(long i, int d) {
        int from = (int) (i % d);
        return (from + 1 + (int) ((i / d) % (d - 1))) % d;
    }

    private Step step(Fleet fleet, int d, int rate) throws InterruptedException {
        long stepId = ++stepIds;
        long total = Math.max(1, Math.round(rate * (cfg.directStep.toNanos() / 1e9)));
        Histogram latency = micros();
        AtomicLong delivered = new AtomicLong();
        int closedBefore = fleet.unexpectedCloses.get();
        long failuresBefore = fleet.sendFailures.get();
        long noticesBefore = fleet.otherFrames.get();
        String[] names = fleet.users.stream().map(u -> u.name).toArray(String[]::new);
        WsSession[] sessions = fleet.snapshot().toArray(new WsSession[0]);
        fleet.handler((s, text, nanos) -> {
            long[] f = new long[3];
            if (Marker.parse(text, f) != 'd' || f[0] != stepId) {
                return false;
            }
            if (s.index == recipient(f[1], d)) { // copies to anyone else (e.g. the sender) are not deliveries
                latency.recordValue(toMicros(nanos - f[2]));
                delivered.incrementAndGet();
            }
            return true;
        });
        double interval = 1e9 / rate;
        long t0 = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
        long lastDue = t0;
        try {
            for (long i = 0; i < total; i++) {
                long due = t0 + (long) (i * interval);
                lastDue = due;
                long now = System.nanoTime();
                if (now < due) {
                    LockSupport.parkNanos(due - now); // waits for a point in time, not for a condition
                }
                int from = (int) (i % d);
                int to = recipient(i, d);
                sessions[from].send(Marker.frame(Marker.content('d', stepId, i, due, cfg.directBytes), names[to]));
            }
            double achieved = total * 1e9 / Math.max(1, System.nanoTime() - t0);
            // Wait for the stragglers: until all are delivered or the grace period after the last due time.
            long deadline = lastDue + cfg.directGrace.toNanos();
            while (delivered.get() < total && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(5); // poll interval; bounded by the deadline
            }
            long got = delivered.get();
            long lost = total - got;
            if (lost > 0) {
                // Lost (or very late) messages waited at least this long: count them so, not as absent.
                latency.recordValueWithCount(toMicros(System.nanoTime() - lastDue), lost);
            }
            int closed = fleet.unexpectedCloses.get() - closedBefore;
            long sendFailures = fleet.sendFailures.get() - failuresBefore;
            long notices = fleet.otherFrames.get() - noticesBefore;
            double p99 = ms(latency, 99);
            String why = "";
            if (lost > 0) {
                why = lost + " of " + total + " not delivered within " + cfg.directGrace.toSeconds() + " s"
                        + (notices > 0 ? "; last other frame: " + fleet.lastOtherFrame() : "");
            } else if (closed > 0) {
                why = closed + " session(s) closed: " + fleet.lastUnexpectedClose();
            } else if (sendFailures > 0) {
                why = sendFailures + " send failures";
            } else if (!(p99 < cfg.directP99LimitMs)) {
                why = "p99 " + round1(p99) + " ms >= " + cfg.directP99LimitMs + " ms";
            }
            return new Step(why.isEmpty(), total, got, achieved, ms(latency, 50), p99, ms(latency, 100), closed,
                    sendFailures, notices, why);
        } finally {
            fleet.handler(null);
        }
    }
}
