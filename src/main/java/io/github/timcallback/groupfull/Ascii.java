package io.github.timcallback.groupfull;

/**
 * Digits as the protocol means them: ASCII only. {@code Character.digit} would also accept
 * Arabic-Indic or full-width digits, which no genuine callback contains.
 */
final class Ascii {

    private Ascii() {
    }

    /** The value of an ASCII hex digit, either case, or -1. */
    static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /** The value of 1 to {@code maxDigits} (at most 18) ASCII decimal digits, or -1 for anything else. */
    static long parseDigits(String s, int maxDigits) {
        int length = s.length();
        if (length == 0 || length > Math.min(maxDigits, 18)) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** Whether {@code s} is 1 to {@code maxDigits} ASCII decimal digits, of any length. */
    static boolean isDigits(String s, int maxDigits) {
        int length = s.length();
        if (length == 0 || length > maxDigits) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
