package io.github.timcallback.groupfull.jetty;

import static io.github.timcallback.groupfull.forward.VendorCalls.GROUP_FULL_SAMPLE;
import static io.github.timcallback.groupfull.forward.VendorCalls.OK;
import static io.github.timcallback.groupfull.forward.VendorCalls.assertRefused;
import static io.github.timcallback.groupfull.forward.VendorCalls.seen;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.timcallback.groupfull.forward.VendorCalls;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
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

/**
 * A production app and a test app on one receiver, each with its own token (the production one
 * being rotated), over real HTTP: a callback is accepted only with a token of its own SdkAppid,
 * for group-full callbacks and forwarded ones alike; the test app's token forges nothing.
 */
class PerAppTokensJettyIT {

    static final String PROD = "1400000001";
    static final String TEST = "1400000002";
    static final String PROD_OLD = "prod-old-91e0";
    static final String PROD_NEW = "prod-new-3b7c";
    static final String TEST_TOKEN = "test-token-5a22";
    static final List<String> FINE = new ArrayList<>();
    static final Handler CAPTURE = new Handler() {
        @Override
        public synchronized void publish(LogRecord record) {
            if (record.getLevel() == Level.FINE) {
                FINE.add(record.getMessage());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    static final Logger OURS = Logger.getLogger("io.github.timcallback");
    static EmbeddedReceiver receiver;

    @BeforeAll
    static void start() throws Exception {
        OURS.setLevel(Level.ALL);
        OURS.addHandler(CAPTURE);
        receiver = EmbeddedReceiver.start(Map.of("tim.sdkAppId", PROD + "," + TEST,
                "tim.callbackToken", PROD + ":" + PROD_OLD + "," + TEST + ":" + TEST_TOKEN + "," + PROD + ":" + PROD_NEW,
                "tim.otherCallbacks", ForwardingJettyIT.TARGET), ForwardingJettyIT::addOwnHandler);
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

    static HttpResponse<String> post(String app, String token, String command, String body) throws Exception {
        return VendorCalls.post(receiver.uri(EmbeddedReceiver.PATH + VendorCalls.query(app, token, command)),
                BodyPublishers.ofString(body), "application/json");
    }

    @Test
    void acceptsEachAppsGroupFullCallbackSignedWithItsOwnToken() throws Exception {
        for (String[] appAndToken : new String[][] {{PROD, PROD_OLD}, {PROD, PROD_NEW}, {TEST, TEST_TOKEN}}) {
            HttpResponse<String> response = post(appAndToken[0], appAndToken[1], "Group.CallbackAfterGroupFull", GROUP_FULL_SAMPLE);
            assertEquals(200, response.statusCode(), response.body());
            assertEquals(OK, response.body());
        }
        assertEquals(List.of(PROD, PROD, TEST), RecordingObserver.SYNC.stream().map(event -> event.sdkAppId()).toList());
    }

    @Test
    void refusesAGroupFullCallbackSignedWithAnotherAppsTokenAndFiresNothing() throws Exception {
        FINE.clear();
        HttpResponse<String> forged = post(PROD, TEST_TOKEN, "Group.CallbackAfterGroupFull", GROUP_FULL_SAMPLE);
        assertRefused(401, 40105, forged);
        assertEquals("{\"ActionStatus\":\"FAIL\",\"ErrorCode\":40105,\"ErrorInfo\":\"The query parameter Sign does not"
                + " match the callback token of its SdkAppid.\"}", forged.body());
        assertRefused(401, 40105, post(TEST, PROD_NEW, "Group.CallbackAfterGroupFull", GROUP_FULL_SAMPLE));
        assertRefused(401, 40105, post(TEST, PROD_OLD, "Group.CallbackAfterGroupFull", GROUP_FULL_SAMPLE));
        // A sign of no token at all gets exactly the same answer: nothing tells that TEST_TOKEN is good elsewhere.
        assertEquals(forged.body(), post(PROD, "guessed", "Group.CallbackAfterGroupFull", GROUP_FULL_SAMPLE).body());

        assertEquals(200, post(TEST, TEST_TOKEN, "Group.CallbackAfterGroupFull", GROUP_FULL_SAMPLE).statusCode());
        assertEquals(List.of(TEST), RecordingObserver.SYNC.stream().map(event -> event.sdkAppId()).toList(),
                "a callback signed with another app's token fired");
        assertTrue(FINE.contains("The Sign of a Group.CallbackAfterGroupFull callback for SdkAppid " + PROD
                + " matches none of that SDKAppID's tokens"), FINE::toString);
        for (String line : FINE) {
            assertFalse(line.contains(TEST_TOKEN) || line.contains(PROD_NEW) || line.contains(PROD_OLD), line);
        }
    }

    @Test
    void forwardsAnOtherCallbackOnlyWithATokenOfItsOwnApp() throws Exception {
        int before = ((Number) seen(post(PROD, PROD_NEW, "State.StateChange", "{}")).get("Count")).intValue();
        Map<?, ?> test = seen(post(TEST, TEST_TOKEN, "State.StateChange", "{}"));
        assertEquals(TEST, test.get("SdkAppid"));
        assertEquals("true", test.get("Authenticated"));

        assertRefused(401, 40105, post(PROD, TEST_TOKEN, "State.StateChange", "{}"));
        assertRefused(401, 40105, post(TEST, PROD_OLD, "C2C.CallbackBeforeSendMsg", "{}"));

        int after = ((Number) seen(post(PROD, PROD_OLD, "State.StateChange", "{}")).get("Count")).intValue();
        assertEquals(before + 2, after, "a callback signed with another app's token reached the application's servlet");
    }
}
