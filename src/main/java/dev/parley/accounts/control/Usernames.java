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

    /**
     * Thai SARA AM and Lao AM: compatibility characters (a NIKHAHIT and an AA in one) that Thai and Lao
     * keyboards type and words need, and that look like nothing else; the compatibility rule spares them.
     */
    private static final String AM_VOWELS = "[\u0E33\u0EB3]";

    /** Combining marks on one letter: Thai puts a vowel and a tone mark on one consonant. */
    static final int MAX_MARKS_ON_A_LETTER = 2;

    private Usernames() {
    }

    private static boolean isMark(int cp) {
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK;
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
        int marksInARow = -1; // -1: the previous character was no letter, so no mark may follow
        for (int i = 0; i < username.length(); ) {
            int cp = username.codePointAt(i);
            i += Character.charCount(cp);
            if (isMark(cp)) {
                // Devanagari, Thai and others write vowels and tones as marks on a letter; a mark
                // on nothing, or a pile of them, is decoration that hides what is written.
                if (marksInARow < 0 || ++marksInARow > MAX_MARKS_ON_A_LETTER) {
                    return "may contain marks only on a letter, at most " + MAX_MARKS_ON_A_LETTER + " on one";
                }
            } else {
                boolean allowed = Character.isLetter(cp) || Character.getType(cp) == Character.DECIMAL_DIGIT_NUMBER
                        || cp == '_' || cp == '.' || cp == '-';
                if (!allowed) {
                    return "may contain only letters, digits, '_', '.' and '-'";
                }
                marksInARow = Character.isLetter(cp) ? 0 : -1;
            }
            UnicodeScript script = UnicodeScript.of(cp);
            if (script != UnicodeScript.COMMON && script != UnicodeScript.INHERITED) {
                scripts.add(script);
            }
        }
        if (!Normalizer.isNormalized(username.replaceAll(AM_VOWELS, ""), Normalizer.Form.NFKC)) {
            return COMPATIBILITY_FORMS;
        }
        if (scripts.size() > 1 && COMPATIBLE_SCRIPTS.stream().noneMatch(s -> s.containsAll(scripts))) {
            return "must not mix letters of different scripts";
        }
        return null;
    }
}
