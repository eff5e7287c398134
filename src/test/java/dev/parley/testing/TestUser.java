package dev.parley.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;

/**
 * A user a test registered for itself, logged in: {@code TestUser.register(http)}. The password is
 * the one the test chose, so the test can log in again.
 */
public record TestUser(long id, String username, String email, String password, String token) {

    public static final String PASSWORD = "correct horse battery";

    /** Registers a fresh user (name starting with {@code user}) and logs in. */
    public static TestUser register(JsonHttp http) {
        return register(http, "user");
    }

    /** Registers a fresh user whose name starts with {@code prefix} and logs in. */
    public static TestUser register(JsonHttp http, String prefix) {
        return register(http, UniqueNames.username(prefix), UniqueNames.email());
    }

    /** Registers this exact user (the name must be unused) and logs in. */
    public static TestUser register(JsonHttp http, String username, String email) {
        Reply registered = http.post("api/users").json(registration(username, email, PASSWORD)).send();
        assertEquals(201, registered.status(), () -> "registration of " + username + ": " + registered);
        long id = registered.json().getJsonNumber("id").longValue();
        TestUser user = new TestUser(id, registered.json().getString("username"), email, PASSWORD, null);
        return user.withNewToken(http);
    }

    /** The body of {@code POST /api/users}. */
    public static JsonObject registration(String username, String email, String password) {
        return Json.createObjectBuilder()
                .add("username", username).add("email", email).add("password", password).build();
    }

    /** The body of {@code POST /api/login} by username. */
    public static JsonObject credentials(String username, String password) {
        return Json.createObjectBuilder().add("username", username).add("password", password).build();
    }

    /** Logs in (again): this user with a fresh token. */
    public TestUser withNewToken(JsonHttp http) {
        Reply login = http.post("api/login").json(credentials(username, password)).send();
        assertEquals(200, login.status(), () -> "login of " + username + ": " + login);
        return withToken(login.json().getString("token"));
    }

    public TestUser withToken(String token) {
        return new TestUser(id, username, email, password, token);
    }
}
