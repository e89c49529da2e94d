package io.github.timcallback.groupfull.delivery;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The delivery store on H2 in file mode, embedded, as the WAR bundles it for one server. */
class H2DeliveriesTest extends DeliveryStoreContract {

    private static final String URL = "jdbc:h2:file:" + Path.of("target/h2-deliveries/store").toAbsolutePath();
    /**
     * Held for the whole class, so that the database stays open between tests, as the store's pool
     * keeps it open in a server: H2 closes a file database with its last connection, and opening
     * it again at once, test after test, is not what is under test here.
     */
    private static Connection keeper;

    @BeforeAll
    static void openDatabase() throws SQLException {
        keeper = DriverManager.getConnection(URL);
    }

    @AfterAll
    static void closeDatabase() throws SQLException {
        keeper.close();
    }

    @Override
    String url() {
        return URL;
    }

    @Override
    Connection connect() throws SQLException {
        return DriverManager.getConnection(URL);
    }
}
