package io.github.timcallback.groupfull;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * A request body read within a limit, and one dropped so that its connection can carry the next
 * request. Memory grows with the bytes that actually arrive, not with what a Content-Length
 * promises.
 */
final class RequestBody {

    /** At most this is allocated on the word of a Content-Length; more only as bytes arrive. */
    static final int TRUSTED_LENGTH = 64 * 1024;
    /** The first buffer for a body of unknown length (chunked). */
    static final int FIRST_CHUNK = 1024;

    private RequestBody() {
    }

    /**
     * Reads the whole body, refusing it as soon as it is known to exceed {@code limit}: at once
     * for a declared length, while reading for one of unknown length.
     *
     * @param declared the Content-Length, or -1 when unknown
     * @throws Rejection.Rejected {@code BODY_TOO_LARGE}, or {@code BODY_INCOMPLETE} when the
     *         stream ends early or fails (the client stopped sending, or sent a broken chunk)
     */
    static byte[] read(InputStream in, long declared, int limit) {
        if (declared > limit) {
            throw Rejection.BODY_TOO_LARGE.exception();
        }
        int most = declared >= 0 ? (int) declared : limit;
        byte[] buffer = new byte[Math.min(most, declared >= 0 ? TRUSTED_LENGTH : FIRST_CHUNK)];
        int length = 0;
        try {
            while (true) {
                if (length == buffer.length) {
                    if (length == most) {
                        if (declared < 0 && in.read() >= 0) {
                            throw Rejection.BODY_TOO_LARGE.exception();
                        }
                        break;
                    }
                    buffer = Arrays.copyOf(buffer, (int) Math.min(most, 2L * length));
                }
                int read = in.read(buffer, length, buffer.length - length);
                if (read < 0) {
                    break;
                }
                length += read;
            }
        } catch (IOException e) {
            throw Rejection.BODY_INCOMPLETE.exception();
        }
        if (declared >= 0 && length < declared) {
            throw Rejection.BODY_INCOMPLETE.exception();
        }
        return length == buffer.length ? buffer : Arrays.copyOf(buffer, length);
    }

    /**
     * Reads and drops the rest of a body of at most {@code limit} bytes; whether all of it came,
     * so that the connection can serve the next request.
     *
     * @param declared the Content-Length, or -1 when unknown
     */
    static boolean drain(InputStream in, long declared, int limit) {
        if (declared > limit) {
            return false;
        }
        byte[] dropped = new byte[(int) Math.min(FIRST_CHUNK, declared > 0 ? declared : FIRST_CHUNK)];
        try {
            for (long left = limit + 1L; left > 0; ) {
                int read = in.read(dropped, 0, (int) Math.min(dropped.length, left));
                if (read < 0) {
                    return true;
                }
                left -= read;
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }
}
