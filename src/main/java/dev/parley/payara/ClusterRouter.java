package dev.parley.payara;

import dev.parley.chat.control.ChatSession;
import dev.parley.chat.control.Frame;
import dev.parley.chat.control.LocalRouter;
import dev.parley.chat.control.MessageWriter;
import dev.parley.chat.control.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;

/**
 * Routes to this instance's sessions at once, and through the {@link Relay} to every other member's.
 * Counts only the sessions here: what the others deliver, they count.
 */
@ApplicationScoped
@Typed(ClusterRouter.class)
public class ClusterRouter implements Router {

    @Inject
    LocalRouter local;

    @Inject
    Relay relay;

    @Inject
    MessageWriter writer;

    @Override
    public int toUser(long userId, Frame frame, ChatSession except) {
        int sent = local.toUser(userId, frame, except);
        relay.publish(Envelope.toUser(userId, frame, upTo()));
        return sent;
    }

    @Override
    public int toEveryone(Frame frame) {
        int sent = local.toEveryone(frame);
        relay.publish(Envelope.toEveryone(frame, upTo()));
        return sent;
    }

    /**
     * What this member stored and handed on so far: exact on the writer thread, where messages and
     * presence are routed; a typing frame, routed from a session's thread, tells nothing.
     */
    private long upTo() {
        return writer.isWriterThread() ? writer.storedUpTo() : 0;
    }
}
