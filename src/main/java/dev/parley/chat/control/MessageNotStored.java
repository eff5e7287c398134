package dev.parley.chat.control;

import dev.parley.chat.entity.ChatMessage;

/** Fired by {@link MessageWriter} when a message could not be stored: nobody was told of it. */
public record MessageNotStored(ChatMessage message, ChatSession origin) {
}
