package io.github.timcallback.groupfull.jetty;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.timcallback.groupfull.Rejection;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.timcallback.groupfull.forward.OtherCallbackServlet;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Coverage-guided fuzzing of the whole request path: HTTP parsing by Jetty, the servlet, JSON-B
 * and the CDI event, in memory. An input is a query string, a newline, and the body bytes.
 *
 * <p>In a normal build this runs the committed inputs in
 * {@code src/test/resources/.../GroupFullCallbackFuzzITInputs/} (regression mode). To fuzz, see
 * the README ("Fuzzing"). Every input must get a JSON answer below 500, fire exactly one event
 * when answered OK and none otherwise; the one 500 allowed is the test observer's deliberate
 * failure for {@link RecordingObserver#FAILING_GROUP}. Callbacks with another command are
 * forwarded to the application's own servlet ({@link OtherCallbackServlet}), whose answer
 * carries its {@code Count}: those fire nothing.
 */
class GroupFullCallbackFuzzIT {

    static final String APP = "1400000001";

    static EmbeddedReceiver receiver;
    static Jsonb jsonb;

    @BeforeAll
    static void start() throws Exception {
        receiver = EmbeddedReceiver.start(Map.of("tim.sdkAppId", APP, "tim.maxBodyBytes", "4096",
                "tim.otherCallbacks", ForwardingJettyIT.TARGET), ForwardingJettyIT::addOwnHandler);
        jsonb = JsonbBuilder.create();
    }

    @AfterAll
    static void stop() throws Exception {
        receiver.close();
        jsonb.close();
    }

    @FuzzTest(maxDuration = "10m")
    void answersEveryRequestWithJsonAndFiresOnlyWhenOk(byte[] input) throws Exception {
        RecordingObserver.clear();

        RawHttp.Answer answer = receiver.exchangeInMemory(request(input));

        assertEquals("application/json;charset=utf-8", String.valueOf(answer.header("Content-Type")).toLowerCase());
        Map<?, ?> json = jsonb.fromJson(answer.body(), Map.class);
        if (answer.status() == 500) {
            // Only the test observer's own deliberate failure may answer 500 (found by the fuzzer).
            assertEquals(Rejection.OBSERVER_FAILED.errorCode(), ((Number) json.get("ErrorCode")).intValue(), answer.body());
            assertEquals(RecordingObserver.FAILING_GROUP, RecordingObserver.SYNC.get(0).groupId());
            return;
        }
        assertTrue(answer.status() < 500, answer.head() + "\n" + answer.body());
        if (json.containsKey("Count")) {
            assertEquals(200, answer.status());
            assertTrue(RecordingObserver.SYNC.isEmpty(), "a forwarded request fired " + RecordingObserver.SYNC);
        } else if (answer.status() == 200) {
            assertEquals("OK", json.get("ActionStatus"));
            assertEquals(1, RecordingObserver.SYNC.size());
        } else {
            assertEquals("FAIL", json.get("ActionStatus"));
            assertTrue(RecordingObserver.SYNC.isEmpty(), "a refused request fired " + RecordingObserver.SYNC);
        }
    }

    /** The POST of a fuzz input: its query string, a newline, and the body bytes. */
    static byte[] request(byte[] input) {
        int newline = indexOf(input, (byte) '\n');
        byte[] query = Arrays.copyOfRange(input, 0, newline < 0 ? input.length : newline);
        byte[] body = newline < 0 ? new byte[0] : Arrays.copyOfRange(input, newline + 1, input.length);
        return request(query, body);
    }

    /**
     * A POST whose request target carries the fuzzed query. Bytes that may not stand in a
     * request line are percent-encoded, so the input reaches the servlet instead of being
     * refused by Jetty's HTTP parser; '%', '+' and '&amp;' stay as given.
     */
    static byte[] request(byte[] query, byte[] body) {
        StringBuilder target = new StringBuilder(EmbeddedReceiver.PATH).append('?');
        for (byte b : query) {
            int c = b & 0xFF;
            if (c > 0x20 && c < 0x7F && c != '#') {
                target.append((char) c);
            } else {
                target.append('%').append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xF, 16));
            }
        }
        String head = "POST " + target + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n";
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(head.getBytes(ISO_8859_1));
        request.writeBytes(body);
        return request.toByteArray();
    }

    private static int indexOf(byte[] bytes, byte value) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == value) {
                return i;
            }
        }
        return -1;
    }

}
