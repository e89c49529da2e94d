package io.github.timcallback.groupfull.jetty;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.timcallback.groupfull.Rejection;
import io.github.timcallback.groupfull.forward.VendorCalls;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Callback authentication over real HTTP, with two tokens configured (a rotation in progress). */
class AuthenticatedJettyIT {

    static final String APP = "1400000001";
    static final String OLD_TOKEN = "old-token-4f1c9a";
    static final String NEW_TOKEN = "new-token-77d0e2";
    static final String SAMPLE = "{\"CallbackCommand\":\"Group.CallbackAfterGroupFull\",\"GroupId\":\"@TGS#2J4SZEAEL\","
            + "\"EventTime\":\"1670574414123\"}";

    static EmbeddedReceiver receiver;
    static HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static final List<LogRecord> LOGGED = new ArrayList<>();
    static final Handler CAPTURE = new Handler() {
        @Override
        public synchronized void publish(LogRecord record) {
            LOGGED.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    static final Logger OURS = Logger.getLogger("io.github.timcallback");

    @BeforeAll
    static void start() throws Exception {
        OURS.setLevel(Level.ALL);
        OURS.addHandler(CAPTURE);
        CAPTURE.setLevel(Level.ALL);
        receiver = EmbeddedReceiver.start(Map.of("tim.sdkAppId", APP, "tim.callbackToken", OLD_TOKEN + "," + NEW_TOKEN,
                "tim.maxBodyBytes", "1024"));
    }

    @AfterAll
    static void stop() throws Exception {
        receiver.close();
        OURS.removeHandler(CAPTURE);
        OURS.setLevel(null);
    }

    @BeforeEach
    void clear() throws InterruptedException {
        RecordingObserver.clear();
    }

    static String query(String sign, String requestTime) {
        return "?SdkAppid=" + APP + "&CallbackCommand=Group.CallbackAfterGroupFull&contenttype=json"
                + "&ClientIP=127.0.0.1&OptPlatform=RESTAPI"
                + (requestTime == null ? "" : "&RequestTime=" + requestTime) + (sign == null ? "" : "&Sign=" + sign);
    }

    static String now() {
        return String.valueOf(System.currentTimeMillis() / 1000);
    }

    static HttpResponse<String> post(String query, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(receiver.uri(EmbeddedReceiver.PATH + query))
                .POST(BodyPublishers.ofString(body)).build(), BodyHandlers.ofString(UTF_8));
    }

    static void assertRejected(Rejection expected, HttpResponse<String> response) {
        assertEquals(401, expected.status());
        assertEquals(expected.status(), response.statusCode(), response.body());
        assertEquals("{\"ActionStatus\":\"FAIL\",\"ErrorCode\":" + expected.errorCode() + ",\"ErrorInfo\":\"" + expected.message() + "\"}", response.body());
        assertTrue(RecordingObserver.SYNC.isEmpty(), "an unauthenticated request fired an event");
    }

    @Test
    void acceptsACallbackSignedWithEitherToken() throws Exception {
        String time = now();
        assertEquals(200, post(query(VendorCalls.sign(NEW_TOKEN, time), time), SAMPLE).statusCode());
        assertEquals(200, post(query(VendorCalls.sign(OLD_TOKEN, time).toUpperCase(), time), SAMPLE).statusCode());
        assertEquals(2, RecordingObserver.SYNC.size());
    }

    @Test
    void rejectsAMissingSignature() throws Exception {
        assertRejected(Rejection.SIGNATURE_MISSING, post(query(null, null), SAMPLE));
        assertRejected(Rejection.SIGNATURE_MISSING, post(query(null, now()), SAMPLE));
    }

    @Test
    void rejectsASignatureOfAnotherToken() throws Exception {
        String time = now();
        assertRejected(Rejection.SIGNATURE_MISMATCH, post(query(VendorCalls.sign("guessed", time), time), SAMPLE));
    }

    @Test
    void rejectsAReplayedCallbackAnHourOld() throws Exception {
        String old = String.valueOf(System.currentTimeMillis() / 1000 - 3600);
        assertRejected(Rejection.REQUEST_TIME_STALE, post(query(VendorCalls.sign(NEW_TOKEN, old), old), SAMPLE));
    }

    @Test
    void rejectsMalformedParts() throws Exception {
        assertRejected(Rejection.REQUEST_TIME_MALFORMED, post(query(VendorCalls.sign(NEW_TOKEN, "x"), "x"), SAMPLE));
        assertRejected(Rejection.SIGNATURE_MALFORMED, post(query("abc", now()), SAMPLE));
    }

    @Test
    void checksTheSignatureBeforeLookingAtTheBody() throws Exception {
        assertRejected(Rejection.SIGNATURE_MISMATCH, post(query(VendorCalls.sign("guessed", now()), now()), "not json"));
        assertRejected(Rejection.SIGNATURE_MISSING, post(query(null, null), "x".repeat(4096)));
    }

    @Test
    void neverLogsOrAnswersWithTheTokenOrTheSign() throws Exception {
        LOGGED.clear();
        String time = now();
        String good = VendorCalls.sign(NEW_TOKEN, time);
        String wrong = VendorCalls.sign("guessed", time);
        List<HttpResponse<String>> responses = List.of(
                post(query(good, time), SAMPLE),
                post(query(wrong, time), SAMPLE),
                post(query(good, time), "{\"GroupId\":\"" + RecordingObserver.FAILING_GROUP + "\"}"),
                post(query(good, time), "{broken"));
        assertEquals(List.of(200, 401, 500, 400), responses.stream().map(HttpResponse::statusCode).toList());
        assertFalse(LOGGED.isEmpty(), "FINE logging was on, so the requests were logged");
        for (LogRecord record : LOGGED) {
            String text = record.getMessage() + " " + (record.getThrown() == null ? "" : record.getThrown().toString());
            for (String secret : List.of(OLD_TOKEN, NEW_TOKEN, good, wrong, "Sign=", "RequestTime=")) {
                assertFalse(text.contains(secret), "logged a secret: " + text);
            }
        }
        for (HttpResponse<String> response : responses) {
            assertFalse(response.body().contains(good) || response.body().contains(wrong) || response.body().contains("token-"));
        }
    }
}
