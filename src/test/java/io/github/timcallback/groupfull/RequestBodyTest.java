package io.github.timcallback.groupfull;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RequestBodyTest {

    private static final byte[] SAMPLE = "{\"GroupId\":\"@TGS#2J4SZEAEL\"}".getBytes(UTF_8);

    /** A stream that hands out at most {@code step} bytes a read, as a network does. */
    private static InputStream trickling(byte[] bytes, int step) {
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, step));
            }
        };
    }

    private static Rejection rejectionOf(InputStream in, long declared, int limit) {
        return assertThrows(Rejection.Rejected.class, () -> RequestBody.read(in, declared, limit)).rejection();
    }

    @Test
    void readsADeclaredBodyAndOneOfUnknownLength() {
        assertArrayEquals(SAMPLE, RequestBody.read(trickling(SAMPLE, 3), SAMPLE.length, 1024));
        assertArrayEquals(SAMPLE, RequestBody.read(trickling(SAMPLE, 3), -1, 1024));
        assertArrayEquals(new byte[0], RequestBody.read(new ByteArrayInputStream(new byte[0]), -1, 1024));
    }

    @Test
    void readsABodyOfExactlyTheLimitButNotOneByteMore() {
        byte[] atLimit = new byte[5000];
        assertEquals(5000, RequestBody.read(trickling(atLimit, 700), -1, 5000).length);
        assertEquals(Rejection.BODY_TOO_LARGE, rejectionOf(trickling(new byte[5001], 700), -1, 5000));
    }

    @Test
    void refusesADeclaredLengthOverTheLimitWithoutReading() {
        InputStream untouched = new InputStream() {
            @Override
            public int read() {
                throw new AssertionError("read a body it had to refuse");
            }
        };
        assertEquals(Rejection.BODY_TOO_LARGE, rejectionOf(untouched, 1025, 1024));
    }

    @Test
    void allocatesForADeclaredLengthOnlyAsTheBytesArrive() {
        // A Content-Length of 10 MB with 5 bytes behind it: incomplete, and no 10 MB buffer up front.
        // The stream sees every buffer the body is read into, so it sees how much was allocated.
        int[] largestBuffer = new int[1];
        InputStream fiveBytes = new ByteArrayInputStream(new byte[5]) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                largestBuffer[0] = Math.max(largestBuffer[0], b.length);
                return super.read(b, off, len);
            }
        };
        assertEquals(Rejection.BODY_INCOMPLETE, rejectionOf(fiveBytes, 10_000_000, 16_777_216));
        assertTrue(largestBuffer[0] > 0 && largestBuffer[0] <= 1024 * 1024,
                "read a 5-byte body into a buffer of " + largestBuffer[0] + " bytes");
    }

    @Test
    void allocatesForABodyOfUnknownLengthOnlyAsTheBytesArrive() {
        // Without a Content-Length nothing is trusted: five chunked bytes under a 16 MB limit take one small buffer.
        int[] largestBuffer = new int[1];
        InputStream fiveBytes = new ByteArrayInputStream(new byte[5]) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                largestBuffer[0] = Math.max(largestBuffer[0], b.length);
                return super.read(b, off, len);
            }
        };
        assertEquals(5, RequestBody.read(fiveBytes, -1, 16_777_216).length);
        assertTrue(largestBuffer[0] > 0 && largestBuffer[0] <= RequestBody.FIRST_CHUNK,
                "read a 5-byte body of unknown length into a buffer of " + largestBuffer[0] + " bytes");
    }

    @Test
    void growsTheBufferAsALargeDeclaredBodyArrives() {
        byte[] large = new byte[300_000];
        large[large.length - 1] = 7;
        assertArrayEquals(large, RequestBody.read(trickling(large, 10_000), large.length, 1_000_000));
    }

    @Test
    void takesAFailingStreamAsAnIncompleteBody() {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("broken chunk");
            }
        };
        assertEquals(Rejection.BODY_INCOMPLETE, rejectionOf(broken, -1, 1024));
    }

    @Test
    void drainsABodyWithinTheLimit() {
        assertTrue(RequestBody.drain(trickling(new byte[3000], 500), 3000, 4096));
        assertTrue(RequestBody.drain(trickling(new byte[3000], 500), -1, 4096));
        assertTrue(RequestBody.drain(new ByteArrayInputStream(new byte[0]), 0, 4096));
    }

    @Test
    void drainsAnEmptyBodyFromAStreamThatAnswersZeroToAnEmptyRead() {
        // InputStream's contract: a read of no bytes answers 0, even at the end, as nullInputStream does.
        assertTrue(assertTimeoutPreemptively(Duration.ofSeconds(10), () -> RequestBody.drain(InputStream.nullInputStream(), 0, 4096)));
    }

    @Test
    void givesUpOnABodyOverTheLimitOrABrokenOne() {
        assertFalse(RequestBody.drain(new ByteArrayInputStream(new byte[5000]), 5000, 4096));
        assertFalse(RequestBody.drain(trickling(new byte[5000], 500), -1, 4096));
        assertFalse(RequestBody.drain(new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("reset");
            }
        }, -1, 4096));
    }

    @Test
    void readsADeclaredBodyOfExactlyTheLimitAndRefusesOneByteMore() {
        byte[] atLimit = new byte[5000];
        atLimit[4999] = 1;
        assertArrayEquals(atLimit, RequestBody.read(trickling(atLimit, 700), 5000, 5000));
        assertEquals(Rejection.BODY_TOO_LARGE, rejectionOf(trickling(new byte[5001], 700), 5001, 5000));
    }

    @Test
    void takesADeclaredLengthAsTheEndOfTheBody() {
        // Bytes after the declared length belong to the next request on the connection.
        byte[] more = "{\"GroupId\":\"g\"}NEXT".getBytes(UTF_8);
        assertArrayEquals("{\"GroupId\":\"g\"}".getBytes(UTF_8), RequestBody.read(new ByteArrayInputStream(more), 15, 1024));
        assertArrayEquals(new byte[0], RequestBody.read(new ByteArrayInputStream("NEXT".getBytes(UTF_8)), 0, 1024));
    }

    @Test
    void drainsABodyOfExactlyTheLimitButNotOneByteMore() {
        assertTrue(RequestBody.drain(trickling(new byte[4096], 500), 4096, 4096));
        assertTrue(RequestBody.drain(trickling(new byte[4096], 500), -1, 4096));
        assertFalse(RequestBody.drain(trickling(new byte[4097], 500), -1, 4096));
        assertFalse(RequestBody.drain(trickling(new byte[4097], 500), 4097, 4096));
    }
}
