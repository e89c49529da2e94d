package io.github.timcallback.groupfull.jetty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile and malformed requests over real sockets: each must get a 4xx JSON FAIL from the
 * receiver, and none may reach an observer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputJettyIT {

    static final String APP = HostileRequests.APP;
    static final int LIMIT = HostileRequests.LIMIT;
    static final HostileRequests SUITE = new HostileRequests(EmbeddedReceiver.PATH, "");

    EmbeddedReceiver receiver;
    Jsonb jsonb;

    /** The receiver's settings. */
    Map<String, String> settings() throws Exception {
        return Map.of("tim.sdkAppId", APP, "tim.maxBodyBytes", String.valueOf(LIMIT));
    }

    /** What else must hold after a refusal, beyond the answer and no event. */
    void assertNothingElseHappened() throws Exception {
    }

    @BeforeAll
    void start() throws Exception {
        receiver = EmbeddedReceiver.start(settings());
        jsonb = JsonbBuilder.create();
    }

    @AfterAll
    void stop() throws Exception {
        receiver.close();
        jsonb.close();
    }

    @BeforeEach
    void clear() throws InterruptedException {
        RecordingObserver.clear();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileRequests")
    void refusesWithA4xxJsonAnswerAndFiresNothing(byte[] request) throws Exception {
        RawHttp.Answer answer = RawHttp.exchange(receiver.uri("/"), request);

        assertTrue(answer.status() >= 400 && answer.status() < 500, answer.head() + "\n" + answer.body());
        assertNotNull(answer.header("Content-Type"), answer.head() + "\n" + answer.body());
        assertEquals("application/json;charset=utf-8", answer.header("Content-Type").toLowerCase().replace(" ", ""));
        Map<?, ?> json = jsonb.fromJson(answer.body(), Map.class);
        assertEquals("FAIL", json.get("ActionStatus"));
        assertNotEquals(0, ((Number) json.get("ErrorCode")).intValue());
        assertNotNull(json.get("ErrorInfo"));
        assertTrue(RecordingObserver.SYNC.isEmpty(), "fired " + RecordingObserver.SYNC);
        assertNothingElseHappened();
    }

    /** Sanity check that the harness itself can get a callback through. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("genuineRequests")
    void acceptsTheGenuineControls(byte[] request) throws Exception {
        RawHttp.Answer answer = RawHttp.exchange(receiver.uri("/"), request);
        assertEquals(200, answer.status(), answer.body());
        assertEquals(1, RecordingObserver.SYNC.size());
    }

    static List<Named<byte[]>> genuineRequests() {
        return SUITE.genuine();
    }

    static List<Named<byte[]>> hostileRequests() throws Exception {
        return SUITE.hostile();
    }
}
