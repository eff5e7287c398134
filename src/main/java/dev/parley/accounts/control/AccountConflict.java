package dev.parley.accounts.control;

/** A registration that would make a second user with the same username or e-mail. */
public class AccountConflict extends RuntimeException {

    private final String field;

    public AccountConflict(String field) {
        super(field + " is taken", null, false, false);
        this.field = field;
    }

    /** {@code username} or {@code email}. */
    public String field() {
        return field;
    }
}
