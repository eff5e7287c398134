package dev.parley.chat.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/** A message as stored: the common room's when it has no recipient, else a direct one. */
@Entity
@Table(name = "chat_message")
public class ChatMessage {

    public static final String ROOM = "room";

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "chat_message_seq")
    @SequenceGenerator(name = "chat_message_seq", sequenceName = "chat_message_seq", allocationSize = 50)
    private Long id;

    @Column(name = "conversation_key", nullable = false)
    private String conversationKey;

    @Column(name = "sender_id", nullable = false)
    private long senderId;

    @Column(name = "sender_name", nullable = false)
    private String senderName;

    @Column(name = "recipient_id")
    private Long recipientId;

    @Column(name = "recipient_name", nullable = false)
    private String recipientName;

    @Column(nullable = false)
    private String content;

    @Column(name = "client_id")
    private String clientId;

    @Column(name = "client_key")
    private String clientKey;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected ChatMessage() {
    }

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

    public static String conversationKey(long oneUser, long otherUser) {
        return "d:" + Math.min(oneUser, otherUser) + ":" + Math.max(oneUser, otherUser);
    }

    public static String clientKey(long senderId, String clientId) {
        return clientId == null ? null : senderId + ":" + clientId;
    }

    public boolean isDirect() {
        return recipientId != null;
    }

    /**
     * Gives a new message its id before it is stored, instead of the sequence generator's block: for
     * {@code MessageIds} that order ids across instances.
     */
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

    public String getClientKey() {
        return clientKey;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
