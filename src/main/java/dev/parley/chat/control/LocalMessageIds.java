package dev.parley.chat.control;

import dev.parley.chat.entity.ChatMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.persistence.EntityManager;
import java.util.List;

/**
 * Ids from the sequence generator, which takes them from the database in blocks of 50: one writer
 * thread uses them up in order, so on one instance they increase in the order messages are stored.
 */
@ApplicationScoped
@Typed(LocalMessageIds.class)
public class LocalMessageIds implements MessageIds {

    @Override
    public void assign(EntityManager em, List<ChatMessage> fresh) {
        // The generator assigns them at persist.
    }
}
