package dev.parley.chat.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Routes to the sessions of this instance: the whole story on one instance, a part of it in a cluster. */
@ApplicationScoped
public class LocalRouter implements Router {

    @Inject
    SessionRegistry registry;

    @Override
    public int toUser(long userId, Frame frame, ChatSession except) {
        int sent = 0;
        for (ChatSession session : registry.of(userId)) {
            if (session != except && session.isLive()) {
                session.send(frame);
                sent++;
            }
        }
        return sent;
    }

    @Override
    public int toEveryone(Frame frame) {
        int sent = 0;
        for (ChatSession session : registry.all()) {
            if (session.isLive()) {
                session.send(frame);
                sent++;
            }
        }
        return sent;
    }
}
