package io.github.timcallback.groupfull.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.timcallback.groupfull.delivery.Postgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two real Tomcat 11 servers with the WAR as built on one real PostgreSQL, the driver in each
 * instance's {@code lib/}: the first reaches it through a Tomcat {@code <Resource>} by its JNDI
 * name, the second by a JDBC URL. A flood into the first, killed with SIGKILL half way and left
 * dead: the second delivers what it left, and nothing while it lived. The database stopped
 * in the middle of a flood: 503 {@code STORE_UNAVAILABLE}, no observer (but for the few callbacks
 * whose commit failed after their observer ran, the window the README names), and callbacks taken again
 * once it is back.
 */
class TomcatPostgresDeliveryIT {

    static final String APP = TomcatIT.APP;
    static final Path BASE = Path.of("target/tomcat-postgres-it").toAbsolutePath();
    static Postgres postgres;
    static Path driver;

    final ObserverFile observed = new ObserverFile(BASE.resolve("observed.txt"));
    final List<TomcatInstance> running = new java.util.ArrayList<>();

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = Postgres.start(BASE.resolve("postgres"));
        driver = Path.of(org.postgresql.Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    @BeforeEach
    void emptyTable() throws Exception {
        java.nio.file.Files.deleteIfExists(observed.path());
        try (Connection connection = postgres.connect(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS tim_group_full_delivery");
        }
    }

    @AfterEach
    void stopTomcats() throws Exception {
        for (TomcatInstance tomcat : running) {
            tomcat.close();
        }
    }

    /** A Tomcat whose store is the {@code <Resource>} {@code jdbc/tim}, by JNDI name. */
    TomcatInstance startWithResource(String instance) throws Exception {
        String context = """
                <Context>
                  <Resource name="jdbc/tim" type="javax.sql.DataSource" driverClassName="org.postgresql.Driver"
                            url="%s" maxTotal="32"/>
                  <Resources>
                    <PostResources className="org.apache.catalina.webresources.FileResourceSet"
                                   base="%s" webAppMount="/WEB-INF/lib/store-observer.jar"/>
                  </Resources>
                </Context>
                """.formatted(postgres.url().replace("&", "&amp;"), TomcatDeliveryIT.observerJar());
        return start(instance, "java:comp/env/jdbc/tim", context);
    }

    /** A Tomcat whose store is PostgreSQL's JDBC URL. */
    TomcatInstance startWithUrl(String instance) throws Exception {
        return start(instance, postgres.url(), TomcatInstance.mountedInWebInfLib(TomcatDeliveryIT.observerJar()));
    }

    private TomcatInstance start(String instance, String store, String context) throws Exception {
        Map<String, String> environment = new HashMap<>(Map.of("TIM_SDKAPPID", APP, "TIM_DELIVERY_STORE", store,
                "TIM_DELIVERY_LEASE", "5", "OBSERVER_LOG", observed.path().toString(), "INSTANCE", instance));
        TomcatInstance tomcat = TomcatInstance.start(TomcatInstance.home(), BASE.resolve(instance),
                Map.of("group-full", Path.of(System.getProperty("product.war"))), context, environment, List.of(),
                List.of(driver));
        running.add(tomcat);
        return tomcat;
    }

    Set<String> groups(String kind, String instance) throws Exception {
        return observed.lines().stream().filter(line -> line.startsWith(kind + " ") && line.endsWith(" " + instance))
                .map(line -> line.split(" ")[1]).collect(Collectors.toSet());
    }

    @Test
    void whatADeadServerLeftIsDeliveredByTheOtherAndNothingWhileItLived() throws Exception {
        TomcatInstance first = startWithResource("first");
        TomcatInstance second = startWithUrl("second");
        assertTrue(first.console().contains("accepted callbacks kept in the delivery store, PostgreSQL at"
                + " java:comp/env/jdbc/tim"), first.console());
        Set<String> deliveredBySecondAtKill = new HashSet<>();
        Set<String> deliveredByFirstAtKill = new HashSet<>();

        CallbackFlood flood = CallbackFlood.send(first.uri(TomcatIT.PATH + TomcatIT.QUERY), "@TGS#slow-", 300, 150, () -> {
            first.kill();
            deliveredByFirstAtKill.addAll(groups("async", "first"));
            deliveredBySecondAtKill.addAll(groups("async", "second"));
        });

        assertEquals(Set.of(), deliveredBySecondAtKill, "the second server took work the first was doing");
        assertTrue(flood.accepted.size() - deliveredByFirstAtKill.size() > 50,
                "the kill must leave work undone for this test to mean anything");
        TomcatDeliveryIT.await("every accepted callback delivered by the second", () -> {
            Set<String> all = groups("async", "first");
            all.addAll(groups("async", "second"));
            return all.containsAll(flood.accepted);
        }, 90);
        Set<String> bySecond = groups("async", "second");
        for (String group : flood.accepted) {
            if (!deliveredByFirstAtKill.contains(group)) {
                assertTrue(bySecond.contains(group), group + " was left by the first and not delivered by the second");
            }
        }
    }

    @Test
    void refusesWhileTheDatabaseIsDownFiresNothingAndRecoversByItself() throws Exception {
        TomcatInstance tomcat = startWithUrl("only");
        CallbackFlood flood;
        try {
            flood = CallbackFlood.send(tomcat.uri(TomcatIT.PATH + TomcatIT.QUERY), "@TGS#db-", 300, 100, postgres::stop);
        } finally {
            postgres.start();
        }
        Set<String> refused = flood.answers.entrySet().stream()
                .filter(answer -> answer.getValue().startsWith("503 ")).map(Map.Entry::getKey).collect(Collectors.toSet());
        assertFalse(refused.isEmpty(), flood.answers.toString());
        for (String group : refused) {
            assertEquals("503 {\"ActionStatus\":\"FAIL\",\"ErrorCode\":50303,\"ErrorInfo\":\"The receiver cannot store the"
                    + " callback now; it was not taken. Try again later.\"}", flood.answers.get(group));
        }
        for (Map.Entry<String, String> answer : flood.answers.entrySet()) {
            assertTrue(answer.getValue().startsWith("200 ") || answer.getValue().startsWith("503 "), answer.toString());
        }
        // The one window the README names: a commit that fails after the synchronous observers ran. Only
        // the callbacks in flight when the database went down can be in it, one per connection of the flood.
        Set<String> synced = groups("sync", "only");
        Set<String> refusedAfterTheirObserver = refused.stream().filter(synced::contains).collect(Collectors.toSet());
        assertTrue(refusedAfterTheirObserver.size() <= CallbackFlood.CONNECTIONS, "observers ran for refused callbacks"
                + " that were not in flight when the database went down: " + refusedAfterTheirObserver);
        assertTrue(refused.size() > CallbackFlood.CONNECTIONS, "too few refusals for this test to mean anything: " + refused);

        // The database is back: the receiver takes callbacks again, and what it accepted is delivered.
        TomcatDeliveryIT.await("callbacks taken again", () -> CallbackFlood.send(tomcat.uri(TomcatIT.PATH + TomcatIT.QUERY),
                "@TGS#after-" + System.nanoTime() + "-", 1, 1, () -> { }).accepted.size() == 1, 30);
        TomcatDeliveryIT.await("every accepted callback delivered", () -> groups("async", "only").containsAll(flood.accepted), 60);
    }
}
