package io.github.timcallback.groupfull.jetty;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.UnavailableException;
import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The receiver with a delivery store, over real HTTP into embedded Jetty and Weld, on H2 in file
 * mode as the WAR bundles it: the vendor's resending answered OK and fired nothing, observers'
 * failures, the JMX counts and operation, and each bad store setting stopping the start.
 */
class DeliveryStoreJettyIT {

    static final String APP = GroupFullCallbackJettyIT.APP;
    static final String QUERY = GroupFullCallbackJettyIT.QUERY;
    static final String OK = GroupFullCallbackJettyIT.OK;
    static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static final MBeanServer mbeans = ManagementFactory.getPlatformMBeanServer();

    final String url = "jdbc:h2:file:" + Path.of("target/h2-jetty/" + UUID.randomUUID()).toAbsolutePath();
    EmbeddedReceiver receiver;
    ObjectName counters;
    final List<String> logged = new CopyOnWriteArrayList<>();
    final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record.getLevel() + " " + record.getMessage());
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
        Logger.getLogger("io.github.timcallback.groupfull").addHandler(capture);
        counters = new ObjectName("io.github.timcallback.groupfull:type=GroupFullCallback,context=\"/\",servlet=\"GroupFullCallback\"");
    }

    @AfterEach
    void stop() throws Exception {
        if (receiver != null) {
            receiver.close();
        }
        Logger.getLogger("io.github.timcallback.groupfull").removeHandler(capture);
    }

    void startReceiver(Map<String, String> more) throws Exception {
        Map<String, String> settings = new HashMap<>(Map.of("tim.sdkAppId", APP, "tim.deliveryStore", url,
                "tim.deliveryFirstRetry", "1", "tim.deliveryAttempts", "3"));
        settings.putAll(more);
        receiver = EmbeddedReceiver.start(settings);
    }

    HttpResponse<String> post(String body) throws Exception {
        return http.send(HttpRequest.newBuilder(receiver.uri(EmbeddedReceiver.PATH + QUERY))
                .POST(BodyPublishers.ofString(body)).build(), BodyHandlers.ofString(UTF_8));
    }

    static String body(String group) {
        return "{\"CallbackCommand\":\"Group.CallbackAfterGroupFull\",\"GroupId\":\"" + group
                + "\",\"EventTime\":\"1670574414123\"}";
    }

    long syncFor(String group) {
        return RecordingObserver.SYNC.stream().filter(event -> event.groupId().equals(group)).count();
    }

    long asyncFor(String group) {
        return RecordingObserver.ASYNC.stream().filter(event -> event.groupId().equals(group)).count();
    }

    static void await(String what, BooleanSupplier check) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!check.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Waited 20 s for " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    long attribute(String name) throws Exception {
        return (Long) mbeans.getAttribute(counters, name);
    }

    long rows() throws Exception {
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement();
                ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM tim_group_full_delivery")) {
            count.next();
            return count.getLong(1);
        }
    }

    @Test
    void answersTheVendorsResendingOkAndFiresNothing() throws Exception {
        startReceiver(Map.of());
        HttpResponse<String> first = post(body("@TGS#resent"));
        assertEquals(200, first.statusCode(), first.body());
        assertEquals(OK, first.body());
        assertTrue(RecordingObserver.awaitAsync(1));

        HttpResponse<String> again = post(body("@TGS#resent"));
        assertEquals(200, again.statusCode(), again.body());
        assertEquals(OK, again.body());
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1500));

        assertEquals(1, syncFor("@TGS#resent"));
        assertEquals(1, asyncFor("@TGS#resent"));
        assertEquals(1, attribute("DuplicateCallbacks"));
        assertEquals(2, attribute("AcceptedCallbacks"));
        assertTrue(logged.stream().anyMatch(line -> line.startsWith("INFO Receiving") && line.contains(
                "accepted callbacks kept in the delivery store, H2 at jdbc:h2:file:")), logged.toString());
    }

    @Test
    void saysAtStartThatWithoutAStoreAsynchronousWorkIsLostIfTheJvmDies() throws Exception {
        receiver = EmbeddedReceiver.start(Map.of("tim.sdkAppId", APP));
        assertTrue(logged.stream().anyMatch(line -> line.startsWith("INFO Receiving") && line.contains("; no delivery store"
                + " (deliveryStore is not set): asynchronous notifications are lost if the JVM dies or an observer fails,"
                + " and a callback the vendor sends again fires again;")), logged.toString());
    }

    @Test
    void keepsNothingOfACallbackWhoseSynchronousObserverFailed() throws Exception {
        startReceiver(Map.of());
        HttpResponse<String> failed = post(body(RecordingObserver.FAILING_GROUP));
        assertEquals(500, failed.statusCode());
        assertTrue(failed.body().contains("\"ErrorCode\":50001"), failed.body());
        assertEquals(0, rows());

        // Sent again, it reaches the observer again (and fails again): it was not taken for a duplicate.
        assertEquals(500, post(body(RecordingObserver.FAILING_GROUP)).statusCode());
        assertEquals(2, syncFor(RecordingObserver.FAILING_GROUP));
        assertEquals(0, asyncFor(RecordingObserver.FAILING_GROUP));
    }

    @Test
    void triesAnAsynchronousObserverThatFailedOnceAgain() throws Exception {
        startReceiver(Map.of());
        String group = FlakyAsyncObserver.PREFIX + UUID.randomUUID();
        assertEquals(200, post(body(group)).statusCode());

        await("the second attempt", () -> FlakyAsyncObserver.ATTEMPTS.containsKey(group)
                && FlakyAsyncObserver.ATTEMPTS.get(group).get() == 2);
        await("the store emptied", () -> {
            try {
                return attribute("DeliveriesWaiting") == 0;
            } catch (Exception e) {
                return false;
            }
        });
        assertEquals(1, attribute("DeliveriesRetried"));
        assertEquals(1, attribute("AsyncObserverFailures"));
        assertTrue(logged.stream().anyMatch(line -> line.startsWith("WARNING An asynchronous observer of GroupFullEvent"
                + " failed for group " + group + " (attempt 1 of 3); trying again in ")), logged.toString());
    }

    @Test
    void givesUpAfterTheLastAttemptAndDeliversAgainWhenTheOperatorAsks() throws Exception {
        startReceiver(Map.of());
        assertEquals(200, post(body(RecordingObserver.FAILING_ASYNC_GROUP)).statusCode());

        await("given up", () -> {
            try {
                return attribute("DeliveriesGivenUp") == 1;
            } catch (Exception e) {
                return false;
            }
        });
        assertEquals(3, asyncFor(RecordingObserver.FAILING_ASYNC_GROUP));
        // Said once the row is recorded as given up, so a moment after the count shows it.
        await("the WARNING that names the group", () -> logged.stream().anyMatch(line -> line.equals("WARNING Gave up the"
                + " asynchronous notification for group " + RecordingObserver.FAILING_ASYNC_GROUP + " after 3 failed"
                + " attempt(s); it is kept, and the JMX operation redeliverGivenUp tries it again.")));

        assertEquals(1, mbeans.invoke(counters, "redeliverGivenUp", new Object[0], new String[0]));
        // At least: the observer still fails, so the store goes on trying, a second apart.
        await("tried again", () -> asyncFor(RecordingObserver.FAILING_ASYNC_GROUP) >= 4);
        assertEquals(1, syncFor(RecordingObserver.FAILING_ASYNC_GROUP));
    }

    @Test
    void answersOkOnlyOnceTheCallbackIsCommitted() throws Exception {
        startReceiver(Map.of());
        assertEquals(200, post(body("@TGS#committed")).statusCode());
        // Another connection, as after a crash, finds it at once.
        assertEquals(1, rows());
    }

    @Test
    void refusesToStartOnABadStore() throws Exception {
        assertEquals("The setting 'deliveryStore' (context-param tim.deliveryStore) names a delivery store that no JDBC"
                + " driver takes (the WAR brings H2; any other database's driver belongs in the container's lib"
                + " directory). Encountered 'jdbc:nosuchdb://host/db...'.",
                refusal("jdbc:nosuchdb://host/db?password=secret", Map.of()));
        assertEquals("The setting 'deliveryStore' (context-param tim.deliveryStore) names a delivery store that is not in"
                + " JNDI (NoInitialContextException). Encountered 'java:comp/env/jdbc/tim'.",
                refusal("java:comp/env/jdbc/tim", Map.of()));
        String unreachable = refusal("jdbc:postgresql://127.0.0.1:1/tim", Map.of("tim.deliveryStorePassword", "hunter2"));
        assertTrue(unreachable.startsWith("The setting 'deliveryStore' (context-param tim.deliveryStore) names a delivery"
                + " store that cannot be reached: "), unreachable);
        assertTrue(unreachable.endsWith(" Encountered 'jdbc:postgresql://127.0.0.1:1/tim'."), unreachable);
        String missing = refusal(url, Map.of("tim.deliveryStoreCreate", "false"));
        assertTrue(missing.contains("has no table tim_group_full_delivery, and deliveryStoreCreate is false"), missing);
        assertTrue(logged.stream().noneMatch(line -> line.contains("hunter2") || line.contains("secret")), logged.toString());
    }

    private String refusal(String store, Map<String, String> more) throws Exception {
        Map<String, String> settings = new HashMap<>(Map.of("tim.sdkAppId", APP, "tim.deliveryStore", store));
        settings.putAll(more);
        return assertThrows(UnavailableException.class, () -> EmbeddedReceiver.start(settings)).getMessage();
    }
}
