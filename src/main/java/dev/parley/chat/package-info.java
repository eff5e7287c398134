/**
 * Chat: the WebSocket endpoint, sessions, delivery and history (CONTRACT.md section 3).
 * <p>
 * How a message travels: the endpoint hands the frame to {@code ChatHub}, which validates it, applies
 * the sender's rate limit and queues it on {@code MessageWriter}, the one thread that stores messages.
 * It stores whatever waits in one transaction (group commit), then fires {@code MessageStored} for each
 * in id order; {@code ChatHub} observes that and routes the frame through {@code Router} to the
 * sessions' bounded outbound queues, and acks the sender. Nothing is delivered before it is stored,
 * and every session sees messages in id order because one thread hands them all on. That thread only
 * queues: {@code Senders}, one thread per core, write each session's queue to its socket, a session on
 * one sender at a time, so its frames keep the order they were queued in. With several instances,
 * {@code Router} also reaches the others' sessions (package {@code dev.parley.payara}), which hand
 * what arrives to their sessions on their own writer thread.
 * <p>
 * Decisions: compat sessions (no subprotocol) only ever receive {@code system} and {@code message}
 * frames; offline replay and cursors run on the writer thread, so they see exactly what was stored
 * before them; a slow client fills only its own queue and is closed when it is full; one periodic
 * sweep pings, times out and expires sessions instead of a timer per session.
 * <p>
 * Deliberately not here: rooms other than the common one, edits, deletions, read receipts.
 */
package dev.parley.chat;
