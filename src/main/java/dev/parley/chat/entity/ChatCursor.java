package dev.parley.chat.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Where a user's offline delivery resumes: everything after this id reached them, or waits for them. */
@Entity
@Table(name = "chat_cursor")
public class ChatCursor {

    @Id
    @Column(name = "user_id")
    private long userId;

    @Column(name = "delivered_up_to", nullable = false)
    private long deliveredUpTo;

    protected ChatCursor() {
    }

    public ChatCursor(long userId, long deliveredUpTo) {
        this.userId = userId;
        this.deliveredUpTo = deliveredUpTo;
    }

    public void advanceTo(long id) {
        deliveredUpTo = Math.max(deliveredUpTo, id);
    }

    public long getDeliveredUpTo() {
        return deliveredUpTo;
    }
}
