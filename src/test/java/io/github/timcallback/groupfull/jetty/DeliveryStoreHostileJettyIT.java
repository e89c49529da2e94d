package io.github.timcallback.groupfull.jetty;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;

/**
 * The whole hostile suite again with a delivery store configured (H2, file mode): each refused
 * with a 4xx JSON answer, none fired, none stored. The store is emptied before each request, so
 * that the genuine controls, which share the sample's EventTime, are each new to it.
 */
class DeliveryStoreHostileJettyIT extends HostileInputJettyIT {

    static final String URL = "jdbc:h2:file:" + Path.of("target/h2-hostile/store").toAbsolutePath();

    @Override
    Map<String, String> settings() throws Exception {
        try (Connection connection = DriverManager.getConnection(URL)) {
            connection.createStatement().execute("DROP TABLE IF EXISTS tim_group_full_delivery");
        }
        Map<String, String> settings = new HashMap<>(super.settings());
        settings.put("tim.deliveryStore", URL);
        return settings;
    }

    @Override
    @BeforeEach
    void clear() throws InterruptedException {
        super.clear();
        try (Connection connection = DriverManager.getConnection(URL)) {
            connection.createStatement().execute("DELETE FROM tim_group_full_delivery");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    void assertNothingElseHappened() throws Exception {
        try (Connection connection = DriverManager.getConnection(URL);
                ResultSet rows = connection.createStatement().executeQuery("SELECT COUNT(*) FROM tim_group_full_delivery")) {
            rows.next();
            assertEquals(0, rows.getLong(1), "a refused callback was stored");
        }
    }
}
