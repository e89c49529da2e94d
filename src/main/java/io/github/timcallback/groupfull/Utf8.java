package io.github.timcallback.groupfull;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.MalformedInputException;

/** Strict UTF-8 validation (RFC 3629): no overlong forms, no surrogates, nothing past U+10FFFF. */
final class Utf8 {

    /** Eight bytes at a time: callback bodies are mostly ASCII, whose bytes all have the top bit clear. */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final long TOP_BITS = 0x8080808080808080L;

    private Utf8() {
    }

    static boolean isValid(byte[] bytes, int length) {
        int i = skipAscii(bytes, 0, length);
        while (i < length) {
            if (codePointAt(bytes, i, length) < 0) {
                return false;
            }
            i = skipAscii(bytes, i + sequenceLength(bytes[i]), length);
        }
        return true;
    }

    /** How many bytes the sequence that {@code lead} begins has: 2, 3 or 4; 0 for a byte no sequence of several begins with. */
    static int sequenceLength(byte lead) {
        if ((lead & 0xE0) == 0xC0) {
            return 2;
        } else if ((lead & 0xF0) == 0xE0) {
            return 3;
        } else if ((lead & 0xF8) == 0xF0) {
            return 4;
        }
        return 0;
    }

    /**
     * The code point of the sequence of several bytes at {@code bytes[i]}, or -1 when it is not
     * strict UTF-8: a stray byte, too few bytes before {@code length}, an overlong form, a
     * surrogate or a value past U+10FFFF.
     */
    static int codePointAt(byte[] bytes, int i, int length) {
        int size = sequenceLength(bytes[i]);
        if (size == 0 || i + size > length) {
            return -1;
        }
        int codePoint = bytes[i] & (0x7F >> size);
        for (int k = 1; k < size; k++) {
            int next = bytes[i + k];
            if ((next & 0xC0) != 0x80) {
                return -1;
            }
            codePoint = codePoint << 6 | next & 0x3F;
        }
        int smallest = size == 2 ? 0x80 : size == 3 ? 0x800 : 0x10000;
        if (codePoint < smallest || codePoint > 0x10FFFF || codePoint >= 0xD800 && codePoint <= 0xDFFF) {
            return -1;
        }
        return codePoint;
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
     * Reads UTF-8 bytes as characters, decoding as it goes, so that a body reaches the JSON
     * parser without being copied into a String first; a sequence that is not strict UTF-8 ends
     * the reading with a {@link MalformedInputException}.
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
        public int read(char[] into, int offset, int length) throws MalformedInputException {
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
                int codePoint = codePointAt(bytes, position, end);
                if (codePoint < 0) {
                    throw new MalformedInputException(1);
                }
                position += sequenceLength(bytes[position]);
                if (Character.isBmpCodePoint(codePoint)) {
                    into[offset + n++] = (char) codePoint;
                } else {
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
