package io.github.timcallback.groupfull.jetty;

import static io.github.timcallback.groupfull.forward.VendorCalls.GROUP_FULL_SAMPLE;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.timcallback.groupfull.Rejection;
import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.Map;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The receiver's counters, read through the platform MBeanServer as jconsole would. */
class CountersJettyIT {

    static final String APP = GroupFullCallbackJettyIT.APP;
    static final String QUERY = GroupFullCallbackJettyIT.QUERY;
    static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static final MBeanServer mbeans = ManagementFactory.getPlatformMBeanServer();
    static ObjectName name;
    static EmbeddedReceiver receiver;

    @BeforeAll
    static void start() throws Exception {
        RecordingObserver.clear();
        name = new ObjectName("io.github.timcallback.groupfull:type=GroupFullCallback,context=\"/\",servlet=\"GroupFullCallback\"");
        receiver = EmbeddedReceiver.start(Map.of("tim.sdkAppId", APP, "tim.otherCallbacks", ForwardingJettyIT.TARGET),
                ForwardingJettyIT::addOwnHandler);
    }

    @AfterAll
    static void stop() throws Exception {
        receiver.close();
    }

    static int post(String query, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(receiver.uri(EmbeddedReceiver.PATH + query))
                .POST(BodyPublishers.ofString(body)).build(), BodyHandlers.ofString(UTF_8)).statusCode();
    }

    static long count(String attribute) throws Exception {
        return (Long) mbeans.getAttribute(name, attribute);
    }

    @Test
    void countsEachOutcomeExactly() throws Exception {
        long before = System.currentTimeMillis();
        for (int i = 0; i < 3; i++) {
            assertEquals(200, post(QUERY, GROUP_FULL_SAMPLE.replace("2J4SZEAEL", "counted-" + i)));
        }
        assertEquals(403, post(QUERY.replace(APP, "1400000009"), GROUP_FULL_SAMPLE));
        assertEquals(403, post(QUERY.replace(APP, "1400000008"), GROUP_FULL_SAMPLE));
        assertEquals(400, post(QUERY, "{\"GroupId\":"));
        assertEquals(405, http.send(HttpRequest.newBuilder(receiver.uri(EmbeddedReceiver.PATH + QUERY)).GET().build(),
                BodyHandlers.ofString(UTF_8)).statusCode());
        assertEquals(400, post(QUERY.replace("&CallbackCommand=Group.CallbackAfterGroupFull", ""), GROUP_FULL_SAMPLE));
        assertEquals(200, post(QUERY.replace("Group.CallbackAfterGroupFull", "State.StateChange"), "{}"));
        assertEquals(200, post(QUERY.replace("Group.CallbackAfterGroupFull", "C2C.CallbackAfterSendMsg"), "{}"));
        assertEquals(500, post(QUERY, "{\"GroupId\":\"" + RecordingObserver.FAILING_GROUP + "\"}"));
        assertEquals(200, post(QUERY, "{\"GroupId\":\"" + RecordingObserver.FAILING_ASYNC_GROUP + "\"}"));
        RecordingObserver.clear();

        assertEquals(4, count("AcceptedCallbacks"));
        assertEquals(2, count("ForwardedCallbacks"));
        assertEquals(6, count("RefusedCallbacks"), "five refusals and the observer's failure");
        assertEquals(2, count("Refused_" + Rejection.SDKAPPID_UNKNOWN.name()));
        assertEquals(1, count("Refused_" + Rejection.BODY_NOT_JSON.name()));
        assertEquals(1, count("Refused_" + Rejection.METHOD_NOT_ALLOWED.name()));
        assertEquals(1, count("Refused_" + Rejection.COMMAND_UNSUPPORTED.name()));
        assertEquals(0, count("Refused_" + Rejection.SIGNATURE_MISMATCH.name()));
        assertEquals(1, count("SyncObserverFailures"));
        assertEquals(1, count("Refused_" + Rejection.OBSERVER_FAILED.name()), "an observer failure is also a refusal");
        awaitCount("AsyncObserverFailures", 1);
        assertEquals(0, count("PendingAsyncNotifications"));
        long last = count("LastAcceptedCallback");
        assertTrue(last >= before && last <= System.currentTimeMillis(), String.valueOf(last));
    }

    @Test
    void hasOneAttributePerRejectionAndNoOperations() throws Exception {
        var info = mbeans.getMBeanInfo(name);
        for (Rejection rejection : Rejection.values()) {
            assertTrue(java.util.Arrays.stream(info.getAttributes()).anyMatch(a -> a.getName().equals("Refused_" + rejection.name())
                    && a.isReadable() && !a.isWritable()), rejection.name());
        }
        assertEquals(0, info.getOperations().length);
    }

    static void awaitCount(String attribute, long expected) throws Exception {
        awaitCount(() -> count(attribute), expected);
        assertEquals(expected, count(attribute), attribute);
    }

    /** A count read from somewhere, which may fail. */
    interface Count {
        long read() throws Exception;
    }

    /** Waits, bounded to ten seconds, until the count has reached {@code expected}. */
    static void awaitCount(Count count, long expected) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (count.read() < expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }
}
