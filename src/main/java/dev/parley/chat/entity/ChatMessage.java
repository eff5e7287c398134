package dev.parley.chat.entity;

import java.time.Instant;

/** A message as stored: the common room's when it has no recipient, else a direct one. */
public class ChatMessage {

    public static final String ROOM = "room";

    private Long id;
    private final String conversationKey;
    private final long senderId;
    private final String senderName;
    private final Long recipientId;
    private final String recipientName;
    private final String content;
    private final String clientId;
    private final String clientKey;
    private final Instant createdAt;

    /** {@code recipientId} null and {@code recipientName} empty for the common room. */
    public ChatMessage(long senderId, String senderName, Long recipientId, String recipientName, String content,
                       String clientId, Instant createdAt) {
        this.senderId = senderId;
        this.senderName = senderName;
        this.recipientId = recipientId;
        this.recipientName = recipientName;
        this.content = content;
        this.clientId = clientId;
        this.clientKey = clientKey(senderId, clientId);
        this.conversationKey = recipientId == null ? ROOM : conversationKey(senderId, recipientId);
        this.createdAt = createdAt;
    }

    /** A message as the database holds it. */
    public ChatMessage(long id, long senderId, String senderName, Long recipientId, String recipientName,
                       String content, String clientId, Instant createdAt) {
        this(senderId, senderName, recipientId, recipientName, content, clientId, createdAt);
        this.id = id;
    }

    public static String conversationKey(long oneUser, long otherUser) {
        return "d:" + Math.min(oneUser, otherUser) + ":" + Math.max(oneUser, otherUser);
    }

    public static String clientKey(long senderId, String clientId) {
        return clientId == null ? null : senderId + ":" + clientId;
    }

    public boolean isDirect() {
        return recipientId != null;
    }

    /** Gives a new message its id before it is stored ({@code MessageIds}). */
    public void assignId(long id) {
        if (this.id != null) {
            throw new IllegalStateException("message " + this.id + " has its id already");
        }
        this.id = id;
    }

    public Long getId() {
        return id;
    }

    public long getSenderId() {
        return senderId;
    }

    public String getSenderName() {
        return senderName;
    }

    public Long getRecipientId() {
        return recipientId;
    }

    public String getRecipientName() {
        return recipientName;
    }

    public String getContent() {
        return content;
    }

    public String getClientId() {
        return clientId;
    }

    public String getConversationKey() {
        return conversationKey;
    }

    public String getClientKey() {
        return clientKey;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
