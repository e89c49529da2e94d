package io.github.timcallback.groupfull.jetty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The whole hostile suite again with a delivery store configured: each refused, none fired, none stored. */
class DeliveryStoreHostileJettyIT {

    static final HostileRequests SUITE = new HostileRequests(EmbeddedReceiver.PATH, "");
    static final String URL = "jdbc:h2:file:" + Path.of("target/h2-hostile/store").toAbsolutePath();

    static EmbeddedReceiver receiver;
    static Jsonb jsonb;

    @BeforeAll
    static void start() throws Exception {
        java.sql.DriverManager.getConnection(URL).createStatement().execute("DROP TABLE IF EXISTS tim_group_full_delivery");
        receiver = EmbeddedReceiver.start(Map.of("tim.sdkAppId", HostileRequests.APP,
                "tim.maxBodyBytes", String.valueOf(HostileRequests.LIMIT), "tim.deliveryStore", URL));
        jsonb = JsonbBuilder.create();
    }

    @AfterAll
    static void stop() throws Exception {
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
        Map<?, ?> json = jsonb.fromJson(answer.body(), Map.class);
        assertEquals("FAIL", json.get("ActionStatus"));
        assertNotEquals(0, ((Number) json.get("ErrorCode")).intValue());
        assertTrue(RecordingObserver.SYNC.isEmpty(), "fired " + RecordingObserver.SYNC);
        try (var connection = java.sql.DriverManager.getConnection(URL);
                var rows = connection.createStatement().executeQuery("SELECT COUNT(*) FROM tim_group_full_delivery")) {
            rows.next();
            assertEquals(0, rows.getLong(1), "a refused callback was stored");
        }
    }

    static List<Named<byte[]>> hostileRequests() throws Exception {
        return SUITE.hostile();
    }
}
