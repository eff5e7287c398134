/**
 * What Parley's tests share, for every feature's tests alike.
 * <ul>
 * <li>{@link dev.parley.testing.ParleyDeployment}: the WAR the build produced, for {@code @Deployment};
 * {@link dev.parley.testing.ServerOptions} and {@link dev.parley.testing.ArquillianServerOptions}: how a
 * test server is started (loopback only, a free port, {@code it.dataDir}, the database of {@code it.db.*}).</li>
 * <li>{@link dev.parley.testing.JsonHttp} and {@link dev.parley.testing.Reply}: a JSON client on
 * {@code java.net.http}; {@link dev.parley.testing.ProblemAssertions}: exact checks of problem+json.</li>
 * <li>{@link dev.parley.testing.TestUser} and {@link dev.parley.testing.UniqueNames}: each test registers
 * its own users under fresh names, because the database outlives a run and tests run in any order.</li>
 * <li>{@link dev.parley.testing.TokenSigner}: tokens signed by the test, with the server's key (read from
 * its data directory) or another one.</li>
 * <li>{@link dev.parley.testing.Await}: waiting for a condition with a deadline; tests never sleep.</li>
 * <li>{@link dev.parley.testing.TargetServer}: Payara Micro or WildFly ({@code it.server}), and what differs
 * between them for a test, such as where health is ({@code http.health()}).</li>
 * <li>{@link dev.parley.testing.ServerProcess}: the real server as a child process, for restarts
 * ({@link dev.parley.testing.PayaraProcess}, {@link dev.parley.testing.WildFlyProcess}; Payara alone for
 * several instances); {@link dev.parley.testing.MutableClock}: a clock a unit test moves by hand.</li>
 * </ul>
 */
package dev.parley.testing;
