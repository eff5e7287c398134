package dev.parley.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;

/**
 * Scenario 2, the websocket-shootout rule: N clients connected; 4 of them (distinct users) each send a
 * 200-byte common-room message and send the next one only when the previous has reached all N clients; 100
 * broadcasts per step. The round trip of a broadcast is from its send until the last of the N clients has
 * it. The result is the largest N whose 95th percentile stays under 500 ms with every broadcast delivered
 * and no session closed; steps grow until one fails.
 */
final class BroadcastScenario extends Scenario {

    /** Client counts at which p50/p99 are reported as metrics (all steps are in the details). */
    private static final Set<Integer> REPORT_AT = Set.of(1000, 5000, 10000);

    private long stepIds;

    BroadcastScenario(BenchConfig cfg, Results results) {
        super("broadcast", cfg, results);
    }

    private record Step(boolean pass, int sent, int timeouts, double p50, double p95, double p99,
            double deliveryP50, double deliveryP99, double seconds, int closed, String why) {
    }

    private static final class Pending {
        final long sent = System.nanoTime();
        final AtomicInteger left;
        final CompletableFuture<Long> done = new CompletableFuture<>();

        Pending(int n) {
            left = new AtomicInteger(n);
        }
    }

    @Override
    void run(Target t, int round) throws Exception {
        int largest = 0;
        boolean allPassed = true;
        boolean smoke = cfg.broadcastSteps[cfg.broadcastSteps.length - 1] < 1000;
        try (Fleet fleet = new Fleet(t.api, t.users, cfg.client)) {
            for (int n : cfg.broadcastSteps) {
                Fleet.OpenResult r = fleet.open(n, cfg.handshakeConcurrency, cfg.handshakeTimeout, 20);
                if (r.failed() > 0 || fleet.openCount() < n) {
                    Reporter.warn("broadcast on %s: could not open %d clients (%s)", t.name, n, r.firstError());
                    results.detail(name, t.name, round, row("clients", n, "pass", false, "why",
                            "could not open the clients: " + r.firstError()));
                    allPassed = false;
                    break;
                }
                Step s = step(fleet, n);
                Reporter.info("broadcast on %s: N=%d p50 %.1f ms p95 %.1f ms p99 %.1f ms, %d timeouts -> %s", t.name,
                        n, s.p50, s.p95, s.p99, s.timeouts, s.pass ? "pass" : "FAIL (" + s.why + ")");
                results.detail(name, t.name, round, row("clients", n, "pass", s.pass, "broadcasts", s.sent,
                        "timeouts", s.timeouts, "p50Ms", s.p50, "p95Ms", s.p95, "p99Ms", s.p99, "deliveryP50Ms",
                        s.deliveryP50, "deliveryP99Ms", s.deliveryP99, "seconds", round1(s.seconds),
                        "closedSessions", s.closed, "why", s.why));
                if (REPORT_AT.contains(n) || smoke) {
                    metric("p50Ms@" + n, "round trip p50 at " + n + " clients", "ms", false, t, s.p50);
                    metric("p99Ms@" + n, "round trip p99 at " + n + " clients", "ms", false, t, s.p99);
                }
                if (!s.pass) {
                    allPassed = false;
                    break;
                }
                largest = n;
            }
        }
        metric("largestN", "largest N with p95 < " + (int) cfg.broadcastP95LimitMs + " ms", "clients", true, t,
                largest);
        if (allPassed) {
            results.note("broadcast: " + t.name + " passed every step up to " + largest
                    + " clients; its largest N is capped by the steps.");
        }
    }

    private Step step(Fleet fleet, int n) throws InterruptedException {
        long stepId = ++stepIds;
        int senders = Math.min(cfg.broadcastSenders, n);
        int total = cfg.broadcastCount;
        ConcurrentHashMap<Long, Pending> pending = new ConcurrentHashMap<>();
        Histogram rtt = micros();
        Histogram delivery = micros();
        int closedBefore = fleet.unexpectedCloses.get();
        fleet.handler((s, text, nanos) -> {
            long[] f = new long[3];
            if (Marker.parse(text, f) != 'b' || f[0] != stepId) {
                return false;
            }
            Pending p = pending.get(f[1]);
            if (p != null) {
                if (f[1] >= senders) { // the first broadcast of each sender is a warm-up
                    delivery.recordValue(toMicros(nanos - p.sent));
                }
                if (p.left.decrementAndGet() == 0) {
                    p.done.complete(nanos);
                }
            }
            return true;
        });
        AtomicInteger sent = new AtomicInteger();
        AtomicInteger timeouts = new AtomicInteger();
        long timeoutNanos = cfg.broadcastTimeout.toNanos();
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(senders, r -> {
            Thread th = new Thread(r, "bench-broadcast");
            th.setDaemon(true);
            return th;
        });
        try {
            List<Future<?>> loops = new ArrayList<>();
            for (int j = 0; j < senders; j++) {
                int sender = j;
                loops.add(pool.submit(() -> {
                    WsSession from = fleet.get(sender);
                    // seq = sender + senders * k; k = 0 is the warm-up; then the sender's share of `total`
                    int share = total / senders + (sender < total % senders ? 1 : 0);
                    for (int k = 0; k <= share; k++) {
                        long seq = sender + (long) senders * k;
                        Pending p = new Pending(n);
                        pending.put(seq, p);
                        from.send(Marker.frame(Marker.content('b', stepId, seq, p.sent, cfg.broadcastBytes), ""));
                        try {
                            long doneAt = p.done.get(timeoutNanos, TimeUnit.NANOSECONDS);
                            if (k > 0) {
                                rtt.recordValue(toMicros(doneAt - p.sent));
                                sent.incrementAndGet();
                            }
                        } catch (TimeoutException e) {
                            timeouts.incrementAndGet();
                            return null; // this sender stops: the server cannot keep up at this N
                        } finally {
                            pending.remove(seq);
                        }
                    }
                    return null;
                }));
            }
            long deadline = t0 + timeoutNanos * (total / senders + 2);
            for (Future<?> f : loops) {
                try {
                    f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
                    timeouts.incrementAndGet();
                }
            }
        } finally {
            pool.shutdownNow();
            fleet.handler(null);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        int closed = fleet.unexpectedCloses.get() - closedBefore;
        double p95 = ms(rtt, 95);
        String why = "";
        if (timeouts.get() > 0) {
            why = timeouts.get() + " broadcast(s) not delivered to all " + n + " clients in "
                    + cfg.broadcastTimeout.toSeconds() + " s";
        } else if (closed > 0) {
            why = closed + " session(s) closed by the server: " + fleet.lastUnexpectedClose();
        } else if (!(p95 < cfg.broadcastP95LimitMs)) {
            why = "p95 " + round1(p95) + " ms >= " + cfg.broadcastP95LimitMs + " ms";
        }
        return new Step(why.isEmpty(), sent.get(), timeouts.get(), ms(rtt, 50), p95, ms(rtt, 99),
                ms(delivery, 50), ms(delivery, 99), seconds, closed, why);
    }
}
