package dev.parley.chat.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Routes to the sessions of this instance. */
@ApplicationScoped
public class LocalRouter implements Router {

    @Inject
    SessionRegistry registry;

    @Override
    public void toUser(long userId, Frame frame, ChatSession except) {
        for (ChatSession session : registry.of(userId)) {
            if (session != except && session.isLive()) {
                session.send(frame);
            }
        }
    }

    @Override
    public void toEveryone(Frame frame) {
        for (ChatSession session : registry.all()) {
            if (session.isLive()) {
                session.send(frame);
            }
        }
    }
}
