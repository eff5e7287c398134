package dev.parley.chat.control;

/**
 * A server-to-client frame, serialized once however many sessions receive it. {@code compat} says
 * whether a session without the {@code parley.v1} subprotocol may see it: the original server only
 * ever sent {@code message} and {@code system} frames.
 */
public record Frame(String json, boolean compat) {
}
