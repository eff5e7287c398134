package dev.parley.platform;

/**
 * Examples shared by the OpenAPI annotations of the resources, so that every route shows the same
 * shapes that CONTRACT.md promises.
 */
public final class ApiDocs {

    public static final String USER = "{\"id\":42,\"username\":\"alice\",\"status\":\"\",\"online\":true,"
            + "\"lastSeen\":\"2026-11-24T06:00:00Z\"}";
    public static final String OWN_USER = "{\"id\":42,\"username\":\"alice\",\"email\":\"alice@example.com\","
            + "\"status\":\"\",\"online\":false,\"lastSeen\":null}";
    public static final String TOKEN = "{\"token\":\"eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9...\",\"tokenType\":\"Bearer\","
            + "\"expiresAt\":\"2026-11-24T07:00:00Z\",\"user\":" + OWN_USER + "}";
    public static final String MESSAGE = "{\"type\":\"message\",\"content\":\"hello\",\"sender\":\"alice\","
            + "\"recipient\":\"\",\"time\":\"2026-11-24T06:00:00.123Z\",\"id\":1001,\"clientId\":\"c-17\"}";
    public static final String UNAUTHORIZED = "{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
            + "\"detail\":\"invalid credentials\",\"error\":\"invalid credentials\",\"message\":\"invalid credentials\"}";
    public static final String INVALID = "{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,"
            + "\"detail\":\"password: must be 8 to 128 characters long\",\"error\":\"password: must be 8 to 128 characters long\","
            + "\"message\":\"password: must be 8 to 128 characters long\","
            + "\"errors\":[{\"field\":\"password\",\"message\":\"must be 8 to 128 characters long\"}]}";

    private ApiDocs() {
    }
}
