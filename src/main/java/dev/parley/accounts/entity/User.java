package dev.parley.accounts.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/** A registered user. Never serialized: the boundary turns it into a view. */
@Entity
@Table(name = "parley_user")
@NamedQuery(name = User.BY_USERNAME_KEY, query = "SELECT u FROM User u WHERE u.usernameKey = :key")
@NamedQuery(name = User.BY_EMAIL_KEY, query = "SELECT u FROM User u WHERE u.emailKey = :key")
public class User {

    public static final String BY_USERNAME_KEY = "User.byUsernameKey";
    public static final String BY_EMAIL_KEY = "User.byEmailKey";

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "parley_user_seq")
    @SequenceGenerator(name = "parley_user_seq", sequenceName = "parley_user_seq", allocationSize = 1)
    private Long id;

    @Column(nullable = false)
    private String username;

    @Column(name = "username_key", nullable = false)
    private String usernameKey;

    @Column(nullable = false)
    private String email;

    @Column(name = "email_key", nullable = false)
    private String emailKey;

    @Column(name = "password_hash", nullable = false)
    private String passwordHash;

    @Column(nullable = false)
    private String status;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "last_seen")
    private Instant lastSeen;

    @Column(name = "token_generation", nullable = false)
    private int tokenGeneration;

    protected User() {
    }

    public User(String username, String usernameKey, String email, String emailKey, String passwordHash,
                String status, Instant createdAt) {
        this.username = username;
        this.usernameKey = usernameKey;
        this.email = email;
        this.emailKey = emailKey;
        this.passwordHash = passwordHash;
        this.status = status;
        this.createdAt = createdAt;
    }

    /** Every token issued before this call stops working. */
    public void revokeAllTokens() {
        tokenGeneration++;
    }

    public void seen(Instant when) {
        lastSeen = when;
    }

    public void rehashPassword(String hash) {
        passwordHash = hash;
    }

    public Long getId() {
        return id;
    }

    public String getUsername() {
        return username;
    }

    public String getEmail() {
        return email;
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

    public int getTokenGeneration() {
        return tokenGeneration;
    }
}
