package dev.parley.accounts.control;

import dev.parley.accounts.entity.User;
import dev.parley.platform.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The users in the database. */
@ApplicationScoped
public class UserStore {

    /** SQLSTATE of a unique constraint violation, the same in H2 and PostgreSQL. */
    private static final String UNIQUE_VIOLATION = "23505";

    /** The query of a user, to which a WHERE clause is added; its rows make users with {@link #user}. */
    static final String USER = "SELECT id, username, username_key, email, email_key, password_hash, status,"
            + " created_at, last_seen, token_generation FROM parley_user ";

    @Inject
    Database database;

    /** Stores a new user; the database's unique constraints decide a race between two registrations. */
    public User insert(User user) {
        try {
            return database.transaction(c -> {
                User stored = user.withId(Database.nextValue(c, "parley_user_seq"));
                Database.update(c, "INSERT INTO parley_user (id, username, username_key, email, email_key,"
                                + " password_hash, status, created_at, last_seen, token_generation)"
                                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        stored.getId(), stored.getUsername(), stored.getUsernameKey(), stored.getEmail(),
                        stored.getEmailKey(), stored.getPasswordHash(), stored.getStatus(), stored.getCreatedAt(),
                        Database.Null.TIMESTAMP.or(stored.getLastSeen()), stored.getTokenGeneration());
                return stored;
            });
        } catch (Database.Failure e) {
            throw conflictOf(e);
        }
    }

    public Optional<User> byId(long id) {
        return database.transaction(c -> Database.first(c, USER + "WHERE id = ?", UserStore::user, id));
    }

    public Optional<User> byUsername(String username) {
        return database.transaction(c -> Database.first(c, USER + "WHERE username_key = ?", UserStore::user,
                Usernames.key(username)));
    }

    public Optional<User> byEmail(String email) {
        return database.transaction(c -> Database.first(c, USER + "WHERE email_key = ?", UserStore::user,
                emailKey(email)));
    }

    /** A user named by id or by username; a username that looks like a number is tried second. */
    public Optional<User> byReference(String reference) {
        if (reference.chars().allMatch(Character::isDigit) && reference.length() < 19) {
            Optional<User> user = byId(Long.parseLong(reference));
            if (user.isPresent()) {
                return user;
            }
        }
        return byUsername(reference);
    }

    /** A page of users ordered by username: those whose name starts with {@code prefix}, after {@code after}. */
    public List<User> page(String prefix, String after, int limit) {
        String like = Usernames.key(prefix == null ? "" : prefix)
                .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return database.transaction(c -> Database.query(c, USER + "WHERE username_key LIKE ? ESCAPE '\\'"
                        + " AND username_key > ? ORDER BY username_key LIMIT ?", UserStore::user,
                like, after == null ? "" : Usernames.key(after), limit));
    }

    public void seen(long userId, Instant when) {
        database.transaction(c -> Database.update(c, "UPDATE parley_user SET last_seen = ? WHERE id = ?", when, userId));
    }

    public void rehashPassword(long userId, String hash) {
        database.transaction(c -> Database.update(c, "UPDATE parley_user SET password_hash = ? WHERE id = ?",
                hash, userId));
    }

    public static String emailKey(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    static User user(ResultSet row) throws SQLException {
        return new User(row.getLong("id"), row.getString("username"), row.getString("username_key"),
                row.getString("email"), row.getString("email_key"), row.getString("password_hash"),
                row.getString("status"), Database.instant(row, "created_at"), Database.instant(row, "last_seen"),
                row.getInt("token_generation"));
    }

    private static RuntimeException conflictOf(Database.Failure e) {
        if (UNIQUE_VIOLATION.equals(e.sql().getSQLState())) {
            String message = String.valueOf(e.sql().getMessage()).toLowerCase(Locale.ROOT);
            return new AccountConflict(message.contains("uq_parley_user_email") ? "email" : "username");
        }
        return e;
    }
}
