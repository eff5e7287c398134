/**
 * Parley: a real-time chat server as one Jakarta EE 10 WAR.
 * <p>
 * Features live in their own packages, each split into {@code boundary} (what the outside calls),
 * {@code control} (the logic) and {@code entity} (the data):
 * <ul>
 * <li>{@code accounts}: users, registration, login, tokens and passwords;</li>
 * <li>{@code chat}: the WebSocket endpoint, sessions, delivery and history;</li>
 * <li>{@code cluster}: several instances as one, through Payara's Hazelcast; it implements the seams that
 * chat and accounts declare ({@code Router}, {@code Presence}, {@code WsTickets}) and nothing depends on it;</li>
 * <li>{@code platform}: what every feature shares: errors, CORS, configuration, the database.</li>
 * </ul>
 * A feature uses another through its {@code control} classes or CDI events, never its {@code boundary}.
 */
package dev.parley;
