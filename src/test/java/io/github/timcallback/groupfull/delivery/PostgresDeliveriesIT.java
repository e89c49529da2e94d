package io.github.timcallback.groupfull.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The delivery store on a real PostgreSQL server, the database for several servers. */
class PostgresDeliveriesIT extends DeliveryStoreContract {

    static Postgres postgres;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = Postgres.start(Path.of("target/postgres-deliveries").toAbsolutePath());
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Override
    String url() {
        return postgres.url();
    }

    @Override
    Connection connect() throws SQLException {
        return postgres.connect();
    }

    @Test
    void refusesCallbacksWhileTheDatabaseIsDownAndRecoversByItself() throws Exception {
        TestLauncher launcher = new TestLauncher(10);
        DurableDeliveries store = open(launcher);
        store.receive(event("@TGS#before", 1L), true, () -> { });

        postgres.stop();
        try {
            AtomicInteger sync = new AtomicInteger();
            assertThrows(DurableDeliveries.Unavailable.class,
                    () -> store.receive(event("@TGS#while-down", 2L), true, sync::incrementAndGet));
            assertEquals(0, sync.get(), "no observer runs for a callback the store could not take");
            assertEquals(-1, store.waiting());
        } finally {
            postgres.start();
        }

        AtomicInteger sync = new AtomicInteger();
        assertEquals(DurableDeliveries.Outcome.ACCEPTED,
                store.receive(event("@TGS#while-down", 2L), true, sync::incrementAndGet));
        assertEquals(1, sync.get());
        await("recorded after the database came back", () -> {
            try {
                return "D".equals(stateOf("@TGS#while-down"));
            } catch (SQLException e) {
                return false;
            }
        });
        assertEquals(1, launcher.startedFor("@TGS#while-down"));
    }
}
