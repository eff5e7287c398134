/**
 * What every feature shares: the data directory, configuration computed at start, the database and
 * its migrations, the one error format (RFC 9457 problem+json), CORS, and the meter registry that
 * {@code /metrics} serves.
 * <p>
 * Decisions: errors are produced in one place ({@link dev.parley.platform.Problem}) whether they come
 * from JAX-RS or from the servlet container (the authentication mechanism answers 401 before JAX-RS
 * runs); the schema is versioned by Flyway migrations, identical for H2 and PostgreSQL; the stores run
 * plain SQL on Parley's own connection pool ({@link dev.parley.platform.Database}), the same on every
 * server, which starts without a connection, so that a database that is down at start leaves a server
 * that waits for it instead of one without Parley; periodic work runs on {@link
 * dev.parley.platform.Housekeeping}'s thread; metrics are
 * Micrometer's, bundled in the WAR, because one server lacks MicroProfile Metrics (WildFly) and another
 * (Payara) would format them its own way.
 * <p>
 * Deliberately not here: anything about users or messages.
 */
package dev.parley.platform;
