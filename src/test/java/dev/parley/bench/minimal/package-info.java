/**
 * The cold start's second baseline: the smallest WAR that uses what Parley's first message cannot do
 * without: CDI (one application-scoped bean, injected), JAX-RS (one resource at {@code /api/users}) and
 * a WebSocket endpoint at {@code /ws} that welcomes in the compat protocol's shape and echoes what it is
 * sent. No database, no security, no configuration of its own.
 * <p>
 * The benchmark packs these classes into a WAR at run time ({@code Bench}, {@code {minimalwar}}) and
 * times it as it times Parley: launch, the API's first answer, one session welcomed, one message echoed.
 * Parley's cold start over this WAR's is what Parley's own features cost; this WAR's over the empty
 * WAR's is what the platform charges for the features before Parley adds anything (docs/benchmarks.md,
 * item 8). Never deployed by the tests; test scope, so never in Parley's WAR.
 */
package dev.parley.bench.minimal;
