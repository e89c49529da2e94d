package io.github.timcallback.groupfull.jetty;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.timcallback.groupfull.Rejection;
import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Asynchronous work is bounded and a stop says what it leaves: with a deliberately slow
 * {@code @ObservesAsync} observer ({@link SlowAsyncObserver}), {@code maxPendingAsync} 5 and a
 * stop grace period of 1 s.
 */
class AsyncBacklogJettyIT {

    static final String APP = GroupFullCallbackJettyIT.APP;
    static final String QUERY = GroupFullCallbackJettyIT.QUERY;
    static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static final MBeanServer mbeans = ManagementFactory.getPlatformMBeanServer();
    static final Logger DELIVERIES = Logger.getLogger("io.github.timcallback.groupfull.AsyncDeliveries");

    EmbeddedReceiver receiver;
    ObjectName name;
    final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
            if (record.getMessage().startsWith("Stopped")) {
                // The stop has said what it left; let the held notifications end, so Weld's executor stops at once.
                SlowAsyncObserver.open();
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void start() throws Exception {
        RecordingObserver.clear();
        DELIVERIES.addHandler(capture);
        SlowAsyncObserver.close();
        name = new ObjectName("io.github.timcallback.groupfull:type=GroupFullCallback,context=\"/\",servlet=\"GroupFullCallback\"");
        receiver = EmbeddedReceiver.start(Map.of("tim.sdkAppId", APP, "tim.maxPendingAsync", "5", "tim.stopGracePeriod", "1"));
    }

    @AfterEach
    void stop() throws Exception {
        SlowAsyncObserver.open();
        if (receiver != null) {
            receiver.close();
        }
        DELIVERIES.removeHandler(capture);
        RecordingObserver.clear();
    }

    HttpResponse<String> post(String groupId) throws Exception {
        return http.send(HttpRequest.newBuilder(receiver.uri(EmbeddedReceiver.PATH + QUERY))
                .POST(BodyPublishers.ofString("{\"GroupId\":\"" + groupId + "\"}")).build(), BodyHandlers.ofString(UTF_8));
    }

    long count(String attribute) throws Exception {
        return (Long) mbeans.getAttribute(name, attribute);
    }

    @Test
    void refusesWholeCallbacksWhileTheBacklogIsFull() throws Exception {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            HttpResponse<String> response = post(SlowAsyncObserver.PREFIX + i);
            statuses.add(response.statusCode());
            assertTrue(count("PendingAsyncNotifications") <= 5, "more notifications pending than maxPendingAsync");
            if (i >= 5) {
                assertEquals("{\"ActionStatus\":\"FAIL\",\"ErrorCode\":50301,\"ErrorInfo\":\""
                        + Rejection.ASYNC_BACKLOG_FULL.message() + "\"}", response.body());
            }
        }
        assertEquals(List.of(200, 200, 200, 200, 200, 503, 503, 503, 503, 503, 503, 503), statuses);
        assertEquals(5, RecordingObserver.SYNC.size(), "a refused callback reached a synchronous observer");
        assertEquals(5, count("PendingAsyncNotifications"));
        assertEquals(7, count("Refused_ASYNC_BACKLOG_FULL"));
        List<String> warnings = logged.stream().filter(r -> r.getLevel() == Level.WARNING).map(LogRecord::getMessage).toList();
        assertEquals(1, warnings.size(), "one warning, not one per refusal: " + warnings);
        assertTrue(warnings.get(0).startsWith("Refused 1 callback(s) with 503"), warnings.get(0));

        SlowAsyncObserver.open();
        CountersJettyIT.awaitCount(() -> 5 - count("PendingAsyncNotifications"), 5);
        assertEquals(200, post("@TGS#after-the-backlog").statusCode());
    }

    @Test
    void saysAtAStopWhichNotificationsDidNotFinish() throws Exception {
        for (String group : List.of("a", "b", "c")) {
            assertEquals(200, post(SlowAsyncObserver.PREFIX + group).statusCode());
        }
        assertEquals(3, count("PendingAsyncNotifications"));

        receiver.close();
        receiver = null;

        List<String> warnings = logged.stream().filter(r -> r.getLevel() == Level.WARNING).map(LogRecord::getMessage).toList();
        assertEquals(List.of("Stopped with asynchronous notifications unfinished: 0 of 3 finished within 1 s, 3 did not,"
                + " for the groups [@TGS#slow-a, @TGS#slow-b, @TGS#slow-c]."),
                warnings.stream().map(AsyncBacklogJettyIT::sortedGroups).toList());
        assertFalse(mbeans.isRegistered(name), "a stopped receiver's counters stay registered");
    }

    /** The message with its group list in order: the notifications end in no particular one. */
    static String sortedGroups(String message) {
        int open = message.indexOf('[');
        int close = message.indexOf(']');
        List<String> groups = new ArrayList<>(List.of(message.substring(open + 1, close).split(", ")));
        groups.sort(null);
        return message.substring(0, open + 1) + String.join(", ", groups) + message.substring(close);
    }

    @Test
    void saysAtAStopThatEverythingFinished() throws Exception {
        SlowAsyncObserver.open();
        assertEquals(200, post("@TGS#quick").statusCode());
        receiver.close();
        receiver = null;
        assertTrue(logged.stream().anyMatch(r -> r.getLevel() == Level.INFO && r.getMessage().startsWith("Stopped: all ")),
                logged.stream().map(LogRecord::getMessage).toList().toString());
    }
}
