package io.github.timcallback.groupfull;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Strict UTF-8 validation (RFC 3629): no overlong forms, no surrogates, nothing past U+10FFFF. */
final class Utf8 {

    /** Eight bytes at a time: callback bodies are mostly ASCII, whose bytes all have the top bit clear. */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final long TOP_BITS = 0x8080808080808080L;

    private Utf8() {
    }

    static boolean isValid(byte[] bytes, int length) {
        int i = 0;
        while (true) {
            i = skipAscii(bytes, i, length);
            if (i == length) {
                return true;
            }
            int b = bytes[i];
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
    }

    /** Where the run of ASCII bytes starting at {@code from} ends: the first other byte, or {@code length}. */
    static int skipAscii(byte[] bytes, int from, int length) {
        int i = from;
        while (i + Long.BYTES <= length && ((long) LONGS.get(bytes, i) & TOP_BITS) == 0) {
            i += Long.BYTES;
        }
        while (i < length && bytes[i] >= 0) {
            i++;
        }
        return i;
    }

    /**
     * Reads bytes that {@link #isValid} has accepted as characters, decoding as it goes, so
     * that a body reaches the JSON parser without being copied into a String first.
     */
    static final class Reader extends java.io.Reader {
        private final byte[] bytes;
        private final int end;
        private int position;
        /** The second half of a surrogate pair that did not fit into the last read. */
        private char pending;

        Reader(byte[] bytes, int length) {
            this.bytes = bytes;
            this.end = length;
        }

        @Override
        public int read(char[] into, int offset, int length) {
            int n = 0;
            if (pending != 0 && length > 0) {
                into[offset + n++] = pending;
                pending = 0;
            }
            while (n < length && position < end) {
                int ascii = skipAscii(bytes, position, Math.min(end, position + length - n)) - position;
                for (int k = 0; k < ascii; k++) {
                    into[offset + n + k] = (char) bytes[position + k];
                }
                n += ascii;
                position += ascii;
                if (n == length || position == end) {
                    break;
                }
                int b = bytes[position];
                if ((b & 0xE0) == 0xC0) {
                    into[offset + n++] = (char) ((b & 0x1F) << 6 | bytes[position + 1] & 0x3F);
                    position += 2;
                } else if ((b & 0xF0) == 0xE0) {
                    into[offset + n++] = (char) ((b & 0x0F) << 12 | (bytes[position + 1] & 0x3F) << 6
                            | bytes[position + 2] & 0x3F);
                    position += 3;
                } else {
                    int codePoint = (b & 0x07) << 18 | (bytes[position + 1] & 0x3F) << 12
                            | (bytes[position + 2] & 0x3F) << 6 | bytes[position + 3] & 0x3F;
                    position += 4;
                    into[offset + n++] = Character.highSurrogate(codePoint);
                    if (n < length) {
                        into[offset + n++] = Character.lowSurrogate(codePoint);
                    } else {
                        pending = Character.lowSurrogate(codePoint);
                    }
                }
            }
            return n == 0 && length > 0 ? -1 : n;
        }

        @Override
        public void close() {
            // Nothing to release: the bytes belong to the caller.
        }
    }
}
