package dev.parley.accounts.control;

import dev.parley.accounts.entity.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The users in the database. */
@ApplicationScoped
@Transactional
public class UserStore {

    /** SQLSTATE of a unique constraint violation, the same in H2 and PostgreSQL. */
    private static final String UNIQUE_VIOLATION = "23505";

    @Inject
    EntityManager em;

    /** Stores a new user; the database's unique constraints decide a race between two registrations. */
    public User insert(User user) {
        try {
            em.persist(user);
            em.flush();
            return user;
        } catch (PersistenceException e) {
            throw conflictOf(e);
        }
    }

    public Optional<User> byId(long id) {
        return Optional.ofNullable(em.find(User.class, id));
    }

    public Optional<User> byUsername(String username) {
        return single(User.BY_USERNAME_KEY, Usernames.key(username));
    }

    public Optional<User> byEmail(String email) {
        return single(User.BY_EMAIL_KEY, emailKey(email));
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
        return em.createQuery("SELECT u FROM User u WHERE u.usernameKey LIKE :like ESCAPE '\\' "
                        + "AND u.usernameKey > :after ORDER BY u.usernameKey", User.class)
                .setParameter("like", like)
                .setParameter("after", after == null ? "" : Usernames.key(after))
                .setMaxResults(limit)
                .getResultList();
    }

    public void seen(long userId, Instant when) {
        byId(userId).ifPresent(u -> u.seen(when));
    }

    public void rehashPassword(long userId, String hash) {
        byId(userId).ifPresent(u -> u.rehashPassword(hash));
    }

    public static String emailKey(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    private Optional<User> single(String query, String key) {
        return em.createNamedQuery(query, User.class).setParameter("key", key).getResultStream().findFirst();
    }

    private static RuntimeException conflictOf(PersistenceException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                String message = String.valueOf(sql.getMessage()).toLowerCase(Locale.ROOT);
                return new AccountConflict(message.contains("uq_parley_user_email") ? "email" : "username");
            }
        }
        return e;
    }
}
