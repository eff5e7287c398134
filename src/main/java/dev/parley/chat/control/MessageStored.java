package dev.parley.chat.control;

import dev.parley.chat.entity.ChatMessage;

/**
 * Fired by {@link MessageWriter}, in id order, once a message's transaction committed. A duplicate
 * is the original message of a resent {@code clientId}: nothing new was stored. {@code origin} is the
 * session that sent it, null when it came from elsewhere.
 */
public record MessageStored(ChatMessage message, boolean duplicate, ChatSession origin) {
}
