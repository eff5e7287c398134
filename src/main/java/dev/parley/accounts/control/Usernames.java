package dev.parley.accounts.control;

import java.lang.Character.UnicodeScript;
import java.text.Normalizer;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The rules of a username: 3 to 32 characters after Unicode NFC, letters, digits, {@code _ . -};
 * letters of one script only, so that {@code pаypal} with a Cyrillic {@code а} is refused rather
 * than shown beside {@code paypal}. Zero-width and bidi control characters are not letters, so the
 * character rule already refuses them. Compatibility forms (full-width {@code ｐａｙｐａｌ},
 * mathematical {@code 𝐩}, ligatures) are refused too: they are Latin letters, or letters of no script
 * at all, that look like the ordinary ones, so neither rule above would catch them.
 */
public final class Usernames {

    public static final int MIN_LENGTH = 3;
    public static final int MAX_LENGTH = 32;

    private static final String COMPATIBILITY_FORMS =
            "must not use full-width, mathematical or other compatibility forms of characters";

    /** Scripts that are written together: Japanese mixes Han with kana, Korean Han with Hangul. */
    private static final Set<Set<UnicodeScript>> COMPATIBLE_SCRIPTS = Set.of(
            EnumSet.of(UnicodeScript.HAN, UnicodeScript.HIRAGANA, UnicodeScript.KATAKANA),
            EnumSet.of(UnicodeScript.HAN, UnicodeScript.HANGUL));

    private Usernames() {
    }

    public static String normalize(String raw) {
        return Normalizer.normalize(raw, Normalizer.Form.NFC);
    }

    /** The form compared for uniqueness: case-folded, so that {@code Alice} and {@code aLICE} collide. */
    public static String key(String username) {
        return normalize(normalize(username).toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT));
    }

    /** Why this (normalized) username is refused, or null when it is fine. */
    public static String problem(String username) {
        if (username == null || username.isEmpty()) {
            return "must not be empty";
        }
        int length = username.codePointCount(0, username.length());
        if (length < MIN_LENGTH || length > MAX_LENGTH) {
            return "must be " + MIN_LENGTH + " to " + MAX_LENGTH + " characters long";
        }
        EnumSet<UnicodeScript> scripts = EnumSet.noneOf(UnicodeScript.class);
        for (int i = 0; i < username.length(); ) {
            int cp = username.codePointAt(i);
            i += Character.charCount(cp);
            boolean allowed = Character.isLetter(cp) || Character.getType(cp) == Character.DECIMAL_DIGIT_NUMBER
                    || cp == '_' || cp == '.' || cp == '-';
            if (!allowed) {
                return "may contain only letters, digits, '_', '.' and '-'";
            }
            UnicodeScript script = UnicodeScript.of(cp);
            if (script != UnicodeScript.COMMON && script != UnicodeScript.INHERITED) {
                scripts.add(script);
            }
        }
        if (!Normalizer.isNormalized(username, Normalizer.Form.NFKC)) {
            return COMPATIBILITY_FORMS;
        }
        if (scripts.size() > 1 && COMPATIBLE_SCRIPTS.stream().noneMatch(s -> s.containsAll(scripts))) {
            return "must not mix letters of different scripts";
        }
        return null;
    }
}
