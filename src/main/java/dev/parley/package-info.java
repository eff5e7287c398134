/**
 * Parley: a real-time chat server as one Jakarta EE 10 WAR, the same file on Payara and on WildFly.
 * <p>
 * Features live in their own packages, each split into {@code boundary} (what the outside calls),
 * {@code control} (the logic) and {@code entity} (the data):
 * <ul>
 * <li>{@code accounts}: users, registration, login, tokens and passwords;</li>
 * <li>{@code chat}: the WebSocket endpoint, sessions, delivery and history;</li>
 * <li>{@code platform}: what every feature shares: errors, CORS, configuration, the database.</li>
 * <li>{@code payara}: what only Payara offers (Tyrus tuning, a cluster through its Hazelcast), as CDI
 * alternatives of the seams that chat, accounts and platform declare ({@code Sockets}, {@code Router},
 * {@code Presence}, {@code WsTickets}, {@code MessageIds}, {@code Container}); deployed only where Payara's
 * classes are (beans.xml), and nothing depends on it;</li>
 * </ul>
 * A feature uses another through its {@code control} classes or CDI events, never its {@code boundary}.
 * The core uses Jakarta EE 10 and MicroProfile APIs that both servers provide, and libraries bundled in
 * the WAR (HikariCP, Flyway, the JDBC drivers).
 */
package dev.parley;
