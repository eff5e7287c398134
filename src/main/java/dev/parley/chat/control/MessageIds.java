package dev.parley.chat.control;

import dev.parley.chat.entity.ChatMessage;
import jakarta.persistence.EntityManager;
import java.util.List;

/**
 * How the messages of a batch get their ids, in the batch's transaction, before they are stored. Ids
 * must increase in the order messages are stored: {@link LocalMessageIds} leaves it to the sequence
 * generator, which is enough for one writer; several instances need ids that increase across them.
 */
public interface MessageIds {

    /** Gives each message its id (in list order), or leaves that to the generator at persist. */
    void assign(EntityManager em, List<ChatMessage> fresh);
}
