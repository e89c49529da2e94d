package io.github.timcallback.groupfull.jetty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.timcallback.groupfull.Rejection;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Map;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The fuzz target of {@link GroupFullCallbackFuzzIT} with a delivery store (H2, file mode): every
 * input gets a JSON answer below 500 (but the test observer's own failure); one answered OK fires
 * exactly one event, or none when the store recognised it as sent before; a refused one fires
 * nothing. Its committed inputs are those of {@code GroupFullCallbackFuzzIT}.
 */
class DeliveryStoreFuzzIT {

    static final String URL = "jdbc:h2:file:" + Path.of("target/h2-fuzz/store").toAbsolutePath();
    static final MBeanServer mbeans = ManagementFactory.getPlatformMBeanServer();

    static EmbeddedReceiver receiver;
    static Jsonb jsonb;
    static ObjectName counters;

    @BeforeAll
    static void start() throws Exception {
        java.sql.DriverManager.getConnection(URL).createStatement().execute("DROP TABLE IF EXISTS tim_group_full_delivery");
        receiver = EmbeddedReceiver.start(Map.of("tim.sdkAppId", GroupFullCallbackFuzzIT.APP, "tim.maxBodyBytes", "4096",
                "tim.deliveryStore", URL));
        jsonb = JsonbBuilder.create();
        counters = new ObjectName("io.github.timcallback.groupfull:type=GroupFullCallback,context=\"/\",servlet=\"GroupFullCallback\"");
    }

    @AfterAll
    static void stop() throws Exception {
        receiver.close();
        jsonb.close();
    }

    @FuzzTest(maxDuration = "10m")
    void answersEveryRequestWithJsonAndFiresOnlyWhenNew(byte[] input) throws Exception {
        RecordingObserver.clear();
        long duplicatesBefore = (Long) mbeans.getAttribute(counters, "DuplicateCallbacks");

        RawHttp.Answer answer = receiver.exchangeInMemory(GroupFullCallbackFuzzIT.request(input));

        assertEquals("application/json;charset=utf-8", String.valueOf(answer.header("Content-Type")).toLowerCase());
        Map<?, ?> json = jsonb.fromJson(answer.body(), Map.class);
        if (answer.status() == 500) {
            assertEquals(Rejection.OBSERVER_FAILED.errorCode(), ((Number) json.get("ErrorCode")).intValue(), answer.body());
            assertEquals(RecordingObserver.FAILING_GROUP, RecordingObserver.SYNC.get(0).groupId());
            return;
        }
        assertTrue(answer.status() < 500, answer.head() + "\n" + answer.body());
        long duplicates = (Long) mbeans.getAttribute(counters, "DuplicateCallbacks") - duplicatesBefore;
        if (answer.status() == 200) {
            assertEquals("OK", json.get("ActionStatus"));
            assertEquals(1, RecordingObserver.SYNC.size() + duplicates, "fired " + RecordingObserver.SYNC);
        } else {
            assertEquals("FAIL", json.get("ActionStatus"));
            assertTrue(RecordingObserver.SYNC.isEmpty(), "a refused request fired " + RecordingObserver.SYNC);
            assertEquals(0, duplicates);
        }
    }
}
