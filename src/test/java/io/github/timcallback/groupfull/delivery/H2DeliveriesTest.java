package io.github.timcallback.groupfull.delivery;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** The delivery store on H2 in file mode, embedded, as the WAR bundles it for one server. */
class H2DeliveriesTest extends DeliveryStoreContract {

    private static final String URL = "jdbc:h2:file:" + Path.of("target/h2-deliveries/store").toAbsolutePath();

    @Override
    String url() {
        return URL;
    }

    @Override
    Connection connect() throws SQLException {
        return DriverManager.getConnection(URL);
    }
}
