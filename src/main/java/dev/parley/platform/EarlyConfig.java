package dev.parley.platform;

import java.util.Locale;

/**
 * The two configuration sources that exist before MicroProfile Config does: system properties and
 * environment variables, with MicroProfile's mapping of a property name to a variable name
 * ({@code parley.data.dir} becomes {@code PARLEY_DATA_DIR}).
 */
public final class EarlyConfig {

    private EarlyConfig() {
    }

    /** The value, or null when neither source sets a non-blank one. */
    public static String get(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT));
        }
        return value == null || value.isBlank() ? null : value;
    }
}
