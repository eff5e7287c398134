package dev.parley.accounts.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UsernamesTest {

    private static final String CHARACTERS = "may contain only letters, digits, '_', '.' and '-'";
    private static final String LENGTH = "must be 3 to 32 characters long";
    private static final String SCRIPTS = "must not mix letters of different scripts";
    private static final String COMPATIBILITY_FORMS =
            "must not use full-width, mathematical or other compatibility forms of characters";

    @ParameterizedTest
    @ValueSource(strings = {"bob", "alice_1", "a.b-c", "XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX", "caf\u00E9", "\u0438\u0432\u0430\u043D",
        "\u5C71\u7530\u305F\u308D\u3046", "\uAE40\uC528\u6C0F", "\u0663\u0664\u0665", "___", "Stra\u00DFe"})
    void goodNamesPass(String username) {
        assertNull(Usernames.problem(username));
    }

    @Test
    void lengthCountsCharactersNotChars() {
        assertEquals(LENGTH, Usernames.problem("ab"));
        assertEquals(LENGTH, Usernames.problem("X".repeat(33)));
        // Three letters outside the BMP are six chars, but three characters.
        assertNull(Usernames.problem("\uD801\uDC00\uD801\uDC01\uD801\uDC02"), "Deseret letters");
        assertEquals(LENGTH, Usernames.problem("\uD801\uDC00".repeat(33)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0928\u092E\u0938\u094D\u0924\u0947", "\u0E2A\u0E27\u0E31\u0E2A\u0E14\u0E35",
        "\u0E1B\u0E34\u0E22\u0E30",
        // Thai "nam-jai" and Lao "kham": SARA AM (U+0E33) and LAO AM (U+0EB3) are compatibility characters
        // that every Thai and Lao keyboard types, and look like nothing else.
        "\u0E19\u0E49\u0E33\u0E43\u0E08", "\u0E84\u0EB3\u0E94\u0EB5"})
    void namesWrittenWithCombiningMarksPass(String hindiOrThai) {
        assertNull(Usernames.problem(Usernames.normalize(hindiOrThai)));
    }

    @Test
    void marksOnNothingOrPiledUpAreRefused() {
        String marks = "may contain marks only on a letter, at most 2 on one";
        assertEquals(marks, Usernames.problem("\u0301abc"), "a mark before any letter");
        assertEquals(marks, Usernames.problem("ab_\u0301c"), "a mark on an underscore");
        assertEquals(marks, Usernames.problem("abc\u0300\u0301\u0302"), "three marks on one letter");
    }

    @Test
    void nothingIsEmpty() {
        assertEquals("must not be empty", Usernames.problem(null));
        assertEquals("must not be empty", Usernames.problem(""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"zero\u200Bwidth", "join\u200Der", "non\u200Cjoiner", "bidi\u202Eevil", "iso\u2066late",
        "mark\u200Fer", "bom\uFEFFx", "with space", "tab\tx", "at@sign", "semi;colon", "emoji\uD83D\uDE00",
        "slash/x", "nul\u0000x", "sup\u00B2"})
    void invisibleControlAndPunctuationCharactersAreRefused(String username) {
        assertEquals(CHARACTERS, Usernames.problem(username));
    }

    @ParameterizedTest
    @ValueSource(strings = {"p\u0430ypal", "\u0441at", "abc\u03B1", "\u05D0bc", "\u0430\u03B1\u0431"})
    void mixedScriptsAreRefused(String username) {
        assertEquals(SCRIPTS, Usernames.problem(username));
    }

    @Test
    void digitsAndPunctuationMixWithAnyScript() {
        assertNull(Usernames.problem("\u0438\u0432\u0430\u043D_42"));
        assertNull(Usernames.problem("\u5C71\u7530.2024"));
    }

    @Test
    void normalizationComposes() {
        assertEquals("caf\u00E9", Usernames.normalize("cafe\u0301"));
        assertEquals(Usernames.key("caf\u00E9"), Usernames.key("cafe\u0301"));
        assertNull(Usernames.problem(Usernames.normalize("cafe\u0301")));
    }

    @Test
    void aCombiningMarkThatDoesNotComposeStaysOnItsLetter() {
        // e + U+0301 composes to one letter, so "éx" is two characters: too short, but no other problem.
        assertEquals(LENGTH, Usernames.problem(Usernames.normalize("e\u0301x")));
        // x + U+0301 stays a letter and a mark: a mark on a letter, as Devanagari and Thai need.
        assertNull(Usernames.problem(Usernames.normalize("x\u0301x")));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "pay\uD835\uDC29al", // MATHEMATICAL BOLD SMALL P: a letter of no script, looks like p
        "\uFF50\uFF41\uFF59\uFF50\uFF41\uFF4C", // full-width paypal: Latin letters, every one
        "pa\uFF59pal", // one full-width letter among ordinary ones
        "user\uFF11", // a full-width digit
        "\uFB01sh", // the ligature fi
        "\uFF76\uFF70\uFF84\uFF9E", // half-width katakana
    })
    void compatibilityFormsThatLookLikeOrdinaryLettersAreRefused(String username) {
        assertEquals(COMPATIBILITY_FORMS, Usernames.problem(username));
    }

    @Test
    void keysIgnoreCase() {
        assertEquals(Usernames.key("Alice"), Usernames.key("aLICE"));
        assertEquals(Usernames.key("\u0418\u0412\u0410\u041D"), Usernames.key("\u0438\u0432\u0430\u043D"));
        assertEquals(Usernames.key("STRASSE"), Usernames.key("stra\u00DFe"), "full case folding: \u00DF is ss");
        assertNotEquals(Usernames.key("alice"), Usernames.key("alice2"));
    }

    @Test
    void keysDoNotDependOnTheDefaultLocale() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("tr"));
            assertEquals("title", Usernames.key("TITLE"), "no dotless i in Turkish");
        } finally {
            Locale.setDefault(before);
        }
    }
}
