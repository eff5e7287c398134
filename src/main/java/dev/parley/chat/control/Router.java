package dev.parley.chat.control;

/**
 * The routing seam: how a frame reaches "the sessions of user X" or "every session". The endpoint and
 * the delivery rules know only this, so routing across several instances replaces the implementation
 * and nothing else.
 */
public interface Router {

    /** Every live session of the user but {@code except} (null for none); how many that was. */
    int toUser(long userId, Frame frame, ChatSession except);

    /** Every live session; how many that was. */
    int toEveryone(Frame frame);
}
