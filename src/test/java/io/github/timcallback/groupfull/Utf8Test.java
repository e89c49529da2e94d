package io.github.timcallback.groupfull;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Utf8Test {

    @ParameterizedTest
    @ValueSource(strings = {"", "plain ASCII", "café", "群组", "🙂 and 𝄞", "mixed é群🙂x"})
    void acceptsAndDecodesWhatJavaEncodes(String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        assertTrue(Utf8.isValid(bytes, bytes.length));
        for (int chunk : new int[] {1, 2, 3, 1024}) {
            assertEquals(text, readAll(new Utf8.Reader(bytes, bytes.length), chunk), "reading " + chunk + " at a time");
        }
    }

    @Test
    void findsAStrayByteAtAnyPlaceInALongAsciiRun() throws IOException {
        // Bytes are checked eight at a time: put a character and a broken byte on every side of a word.
        String ascii = "{\"GroupId\":\"@TGS#2J4SZEAEL\"}";
        for (int at = 0; at <= ascii.length(); at++) {
            String text = ascii.substring(0, at) + "群" + ascii.substring(at);
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            assertTrue(Utf8.isValid(bytes, bytes.length), text);
            assertEquals(text, readAll(new Utf8.Reader(bytes, bytes.length), 7), text);
        }
        for (int at = 0; at < ascii.length(); at++) {
            byte[] broken = ascii.getBytes(StandardCharsets.US_ASCII);
            broken[at] = (byte) 0xFF;
            assertFalse(Utf8.isValid(broken, broken.length), "0xFF at " + at);
            assertTrue(Utf8.isValid(broken, at), "only the bytes before " + at);
        }
    }

    static String readAll(java.io.Reader reader, int chunk) throws IOException {
        StringBuilder out = new StringBuilder();
        char[] buffer = new char[chunk];
        for (int n; (n = reader.read(buffer, 0, chunk)) >= 0; ) {
            out.append(buffer, 0, n);
        }
        return out.toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"80", "C0AF", "C3", "E4B8", "EDA080", "F4908080", "F8888080", "FF", "C328", "E0808F"})
    void rejectsMalformedSequences(String hex) {
        byte[] bytes = java.util.HexFormat.of().parseHex(hex);
        assertFalse(Utf8.isValid(bytes, bytes.length), hex);
    }
}
