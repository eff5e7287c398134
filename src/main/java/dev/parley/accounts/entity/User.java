package dev.parley.accounts.entity;

import java.time.Instant;

/** A registered user, as stored. Never serialized: the boundary turns it into a view. */
public class User {

    private final Long id;
    private final String username;
    private final String usernameKey;
    private final String email;
    private final String emailKey;
    private final String passwordHash;
    private final String status;
    private final Instant createdAt;
    private final Instant lastSeen;
    private final int tokenGeneration;

    /** A new user, not stored yet: it has no id, has never been seen, and its tokens are of generation 0. */
    public User(String username, String usernameKey, String email, String emailKey, String passwordHash,
                String status, Instant createdAt) {
        this(null, username, usernameKey, email, emailKey, passwordHash, status, createdAt, null, 0);
    }

    /** A user as the database holds it. */
    public User(Long id, String username, String usernameKey, String email, String emailKey, String passwordHash,
                String status, Instant createdAt, Instant lastSeen, int tokenGeneration) {
        this.id = id;
        this.username = username;
        this.usernameKey = usernameKey;
        this.email = email;
        this.emailKey = emailKey;
        this.passwordHash = passwordHash;
        this.status = status;
        this.createdAt = createdAt;
        this.lastSeen = lastSeen;
        this.tokenGeneration = tokenGeneration;
    }

    /** The same user with the id the database gave it. */
    public User withId(long newId) {
        return new User(newId, username, usernameKey, email, emailKey, passwordHash, status, createdAt, lastSeen,
                tokenGeneration);
    }

    public Long getId() {
        return id;
    }

    public String getUsername() {
        return username;
    }

    public String getUsernameKey() {
        return usernameKey;
    }

    public String getEmail() {
        return email;
    }

    public String getEmailKey() {
        return emailKey;
    }

    public String getPasswordHash() {
        return passwordHash;
    }

    public String getStatus() {
        return status;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getLastSeen() {
        return lastSeen;
    }

    /** Raised by "log out everywhere": every token issued in an earlier generation stops working. */
    public int getTokenGeneration() {
        return tokenGeneration;
    }
}
