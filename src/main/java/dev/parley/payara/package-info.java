/**
 * What only Payara offers, and the one place Parley reaches into it: Tyrus tuned below the WebSocket API
 * ({@link dev.parley.payara.TyrusInternals}, through {@link dev.parley.payara.TyrusSockets}), the
 * rejected-token log of Payara's MP-JWT ({@link dev.parley.payara.RejectedTokenLog}), and the cluster.
 * Every bean here is a CDI alternative of a portable one, or used only by one; beans.xml scans this
 * package only where Payara's classes exist, so on another server the portable beans serve alone and
 * {@link dev.parley.platform.PortableContainer} says so at start.
 * <p>
 * Cluster: Parley on several instances, one database, one data grid (Payara Micro's Hazelcast,
 * configured by {@code payara-config/hazelcast.xml}). A person on one instance chats with a person on
 * another as if both were on one.
 * <p>
 * How: {@link dev.parley.payara.ClusterOrLocal} looks at start whether Payara runs Hazelcast and, if so,
 * gives chat and accounts the cluster's versions of their seams. {@code ClusterRouter} delivers to the
 * sessions here and publishes the frame on the {@code Relay}, a Hazelcast topic; each other member
 * delivers it to its own sessions on its writer thread, between its own batches, and from then on counts
 * the sender's messages as stored (replay, {@code sync}, cursors). Logouts travel the same way. Who is
 * online and the WebSocket tickets live in the grid ({@code ClusterPresence}, {@code ClusterWsTickets}).
 * Readiness says how many members there are ({@code ClusterHealth}).
 * <p>
 * Decisions: only JSON text crosses the grid, never Parley's classes; nothing is delivered elsewhere
 * before it is stored, since the relay publishes what the writer hands on after the commit. Per
 * instance, deliberately: the session limit per user, the send rate per user, the login throttle.
 * <p>
 * Ids increase in the order messages are stored across members ({@code ClusterMessageIds}: the batches of
 * all members take turns under a database lock). Not guaranteed: that a session receives messages of two
 * members stored within a moment of each other in id order; they meet in the order they arrive
 * (docs/operations.md, "Cluster").
 */
package dev.parley.payara;
