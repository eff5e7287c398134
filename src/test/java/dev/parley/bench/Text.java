package dev.parley.bench;

import java.nio.charset.StandardCharsets;

/** Search in CharSequences, and a CharSequence over the bytes of an ASCII-compatible (UTF-8) frame. */
final class Text {

    private Text() {
    }

    static int indexOf(CharSequence s, String what, int from) {
        int n = s.length() - what.length();
        char first = what.charAt(0);
        for (int i = Math.max(0, from); i <= n; i++) {
            if (s.charAt(i) != first) {
                continue;
            }
            int k = 1;
            while (k < what.length() && s.charAt(i + k) == what.charAt(k)) {
                k++;
            }
            if (k == what.length()) {
                return i;
            }
        }
        return -1;
    }

    static boolean contains(CharSequence s, String what) {
        return indexOf(s, what, 0) >= 0;
    }

    /**
     * The bytes of a received text frame seen as chars, one per byte, without decoding: enough to find
     * ASCII markers; {@link #toString()} decodes UTF-8 properly. Valid only during the callback.
     */
    static final class Bytes implements CharSequence {
        private final byte[] a;
        private final int off;
        private final int len;

        Bytes(byte[] a, int off, int len) {
            this.a = a;
            this.off = off;
            this.len = len;
        }

        @Override
        public int length() {
            return len;
        }

        @Override
        public char charAt(int index) {
            return (char) (a[off + index] & 0xff);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new String(a, off + start, end - start, StandardCharsets.ISO_8859_1);
        }

        @Override
        public String toString() {
            return new String(a, off, len, StandardCharsets.UTF_8);
        }
    }
}
