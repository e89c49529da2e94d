package io.github.timcallback.groupfull;

/** Strict UTF-8 validation (RFC 3629): no overlong forms, no surrogates, nothing past U+10FFFF. */
final class Utf8 {

    private Utf8() {
    }

    static boolean isValid(byte[] bytes, int length) {
        int i = 0;
        while (i < length) {
            int b = bytes[i];
            if (b >= 0) {
                i++;
                continue;
            }
            int trailing;
            int min;
            int codePoint;
            if ((b & 0xE0) == 0xC0) {
                trailing = 1;
                min = 0x80;
                codePoint = b & 0x1F;
            } else if ((b & 0xF0) == 0xE0) {
                trailing = 2;
                min = 0x800;
                codePoint = b & 0x0F;
            } else if ((b & 0xF8) == 0xF0) {
                trailing = 3;
                min = 0x10000;
                codePoint = b & 0x07;
            } else {
                return false;
            }
            if (i + trailing >= length) {
                return false;
            }
            for (int k = 1; k <= trailing; k++) {
                int next = bytes[i + k];
                if ((next & 0xC0) != 0x80) {
                    return false;
                }
                codePoint = codePoint << 6 | next & 0x3F;
            }
            if (codePoint < min || codePoint > 0x10FFFF || codePoint >= 0xD800 && codePoint <= 0xDFFF) {
                return false;
            }
            i += trailing + 1;
        }
        return true;
    }
}
