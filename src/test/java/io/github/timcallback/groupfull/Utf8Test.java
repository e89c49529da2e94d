package io.github.timcallback.groupfull;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
    void acceptsEveryAsciiCharacterIncludingNul() throws IOException {
        byte[] bytes = new byte[0x80];
        for (int b = 0; b < bytes.length; b++) {
            bytes[b] = (byte) b;
        }
        assertTrue(Utf8.isValid(bytes, bytes.length));
        assertEquals(new String(bytes, StandardCharsets.US_ASCII), readAll(new Utf8.Reader(bytes, bytes.length), 5));
    }

    @ParameterizedTest(name = "U+{0}")
    @ValueSource(ints = {0x80, 0x7FF, 0x800, 0xD7FF, 0xE000, 0xFFFF, 0x10000, 0x10FFFF})
    void acceptsTheFirstAndLastCodePointsOfEachSequenceLengthAndAroundTheSurrogates(int codePoint) throws IOException {
        String text = "<" + Character.toString(codePoint) + ">";
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        assertTrue(Utf8.isValid(bytes, bytes.length));
        assertEquals(text, readAll(new Utf8.Reader(bytes, bytes.length), 2));
    }

    @Test
    void readsNothingWhenAskedForNothing() throws IOException {
        byte[] bytes = "𝄞".getBytes(StandardCharsets.UTF_8);
        Utf8.Reader reader = new Utf8.Reader(bytes, bytes.length);
        char[] into = new char[2];
        assertEquals(0, reader.read(into, 0, 0));
        assertEquals(1, reader.read(into, 0, 1));
        assertEquals('\uD834', into[0]);
        // The second half of the pair is still to come, and an empty read leaves it there.
        assertEquals(0, reader.read(into, 1, 0));
        assertEquals(1, reader.read(into, 1, 1));
        assertEquals("𝄞", new String(into));
        assertEquals(0, reader.read(into, 0, 0));
        assertEquals(-1, reader.read(into, 0, 1));
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

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void agreesWithTheJdksStrictDecoderOnRandomBytes(long seed) throws IOException {
        java.util.Random random = new java.util.Random(seed);
        for (int n = 0; n < 500; n++) {
            // Mostly ASCII runs of any length, with stray bytes and real characters between them.
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            for (int part = random.nextInt(6); part >= 0; part--) {
                for (int k = random.nextInt(20); k > 0; k--) {
                    out.write(0x20 + random.nextInt(0x5F));
                }
                switch (random.nextInt(4)) {
                    case 0 -> out.write(0x80 + random.nextInt(0x80));
                    // Any code point but a surrogate (clearing 0x800 moves D800-DFFF down to D000-D7FF).
                    case 1 -> out.writeBytes(new String(Character.toChars(random.nextInt(0x110000) & ~0x800))
                            .getBytes(StandardCharsets.UTF_8));
                    case 2 -> out.writeBytes(new byte[] {(byte) (0xC0 + random.nextInt(0x40)), (byte) random.nextInt()});
                    default -> { }
                }
            }
            byte[] bytes = out.toByteArray();
            String expected = strictlyDecoded(bytes);
            assertEquals(expected != null, Utf8.isValid(bytes, bytes.length), java.util.HexFormat.of().formatHex(bytes));
            int chunk = 1 + random.nextInt(64);
            if (expected != null) {
                assertEquals(expected, readAll(new Utf8.Reader(bytes, bytes.length), chunk));
            } else {
                assertThrows(java.nio.charset.MalformedInputException.class,
                        () -> readAll(new Utf8.Reader(bytes, bytes.length), chunk), java.util.HexFormat.of().formatHex(bytes));
            }
        }
    }

    private static String strictlyDecoded(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return null;
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
    @ValueSource(strings = {"80", "C0AF", "C3", "E4B8", "EDA080", "F4908080", "F8888080", "FF", "C328", "E0808F",
        "C1BF", "E09FBF", "F08FBFBF", "EDBFBF"})
    void rejectsMalformedSequences(String hex) {
        byte[] bytes = java.util.HexFormat.of().parseHex(hex);
        assertFalse(Utf8.isValid(bytes, bytes.length), hex);
        byte[] inText = java.util.HexFormat.of().parseHex("7B22" + hex + "227D");
        assertThrows(java.nio.charset.MalformedInputException.class, () -> readAll(new Utf8.Reader(inText, inText.length), 8), hex);
    }
}
