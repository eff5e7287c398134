package dev.parley.bench;

/**
 * What the load generator puts in a message's {@code content} to recognise it when it comes back:
 * {@code ~pb~K:a:b:c~} padded with 'x' to a fixed length, where K is the scenario's letter and a, b, c are
 * numbers (a step, a sequence, a System.nanoTime). Only [a-z0-9:~-] characters, so the text appears
 * verbatim inside any JSON frame and is found without parsing the JSON.
 */
final class Marker {

    static final String PREFIX = "~pb~";

    private Marker() {
    }

    static String content(char kind, long a, long b, long c, int length) {
        StringBuilder sb = new StringBuilder(Math.max(length, 48));
        sb.append(PREFIX).append(kind).append(':').append(a).append(':').append(b).append(':').append(c)
                .append('~');
        while (sb.length() < length) {
            sb.append('x');
        }
        return sb.toString();
    }

    /** A compat client frame: {"type":"message","content":...,"recipient":...}. */
    static String frame(String content, String recipient) {
        return "{\"type\":\"message\",\"content\":\"" + content + "\",\"recipient\":\"" + recipient + "\"}";
    }

    /**
     * Finds a marker in a received frame; fills {@code out[0..2]} and returns its letter, or 0 when the
     * frame carries none (a system notice, an unknown frame).
     */
    static char parse(CharSequence text, long[] out) {
        int at = Text.indexOf(text, PREFIX, 0);
        if (at < 0 || !Text.contains(text, "\"message\"")) {
            return 0;
        }
        int i = at + PREFIX.length();
        if (i + 1 >= text.length() || text.charAt(i + 1) != ':') {
            return 0;
        }
        char kind = text.charAt(i);
        i += 2;
        for (int f = 0; f < 3; f++) {
            long v = 0;
            boolean neg = false;
            int digits = 0;
            if (i < text.length() && text.charAt(i) == '-') {
                neg = true;
                i++;
            }
            while (i < text.length()) {
                char ch = text.charAt(i);
                if (ch < '0' || ch > '9') {
                    break;
                }
                v = v * 10 + (ch - '0');
                digits++;
                i++;
            }
            if (digits == 0 || i >= text.length()) {
                return 0;
            }
            char sep = text.charAt(i++);
            if (sep != (f < 2 ? ':' : '~')) {
                return 0;
            }
            out[f] = neg ? -v : v;
        }
        return kind;
    }
}
