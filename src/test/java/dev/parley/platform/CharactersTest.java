package dev.parley.platform;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CharactersTest {

    @Characters(min = 8, max = 128, message = "must be 8 to 128 characters long")
    private String password;

    private static final String KEY = "\uD83D\uDD11"; // one character, two UTF-16 units

    @Test
    void countsCharactersNotUtf16Units() throws Exception {
        Characters.Validator validator = validator();

        assertTrue(validator.isValid(null, null), "@NotNull decides about a missing value");
        assertTrue(validator.isValid("12345678", null));
        assertFalse(validator.isValid("1234567", null));
        assertTrue(validator.isValid(KEY.repeat(8), null), "8 characters in 16 units");
        assertFalse(validator.isValid(KEY.repeat(4), null), "8 units, but 4 characters");
        assertTrue(validator.isValid(KEY.repeat(128), null), "128 characters in 256 units");
        assertFalse(validator.isValid(KEY.repeat(129), null));
        assertFalse(validator.isValid("p".repeat(129), null));
        assertFalse(validator.isValid("p".repeat(1024 * 1024), null), "a megabyte");
    }

    private static Characters.Validator validator() throws NoSuchFieldException {
        Characters.Validator validator = new Characters.Validator();
        validator.initialize(CharactersTest.class.getDeclaredField("password").getAnnotation(Characters.class));
        return validator;
    }
}
