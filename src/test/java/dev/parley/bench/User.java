package dev.parley.bench;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/** A registered user of one server, and its current token. */
final class User {

    private static final SecureRandom RANDOM = new SecureRandom();

    final String name;
    final String email;
    final String password;
    volatile String token;
    volatile long tokenNanos;

    private User(String name, String password) {
        this.name = name;
        this.email = name + "@example.com";
        this.password = password;
    }

    /** {@code n} users with names unique to this run: a random prefix, then the index (3..32 chars). */
    static List<User> pool(String tag, int n) {
        String prefix = "pb" + randomAlnum(6) + tag;
        String password = "Bench-" + randomAlnum(12);
        List<User> users = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            users.add(new User(prefix + "_" + i, password));
        }
        return users;
    }

    static String randomAlnum(int n) {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
