package io.github.timcallback.groupfull.containers;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The WAR as built on a real Tomcat 11 with the embedded delivery store it bundles (H2, a file
 * outside the instance), as one server runs it: a flood of callbacks, the JVM killed with SIGKILL
 * half way, Tomcat started again, and every callback that was answered OK reaches the
 * asynchronous observer; the vendor's resending fires nothing; an observer that fails once is
 * delivered later.
 */
class TomcatDeliveryIT {

    static final String APP = TomcatIT.APP;
    static final Path BASE = Path.of("target/tomcat-delivery-it").toAbsolutePath();

    final ObserverFile observed = new ObserverFile(BASE.resolve("observed.txt"));
    TomcatInstance tomcat;

    @BeforeEach
    void clean() throws Exception {
        TomcatInstance.deleteRecursively(BASE);
    }

    @AfterEach
    void stop() throws Exception {
        if (tomcat != null) {
            tomcat.close();
        }
    }

    static Path observerJar() throws Exception {
        return TomcatInstance.beanJar(BASE.resolve("observer/store-observer.jar"), Path.of("target/test-classes"),
                "io/github/timcallback/groupfull/containers/StoreObserver.class");
    }

    TomcatInstance start(String instance) throws Exception {
        Map<String, String> environment = new HashMap<>(Map.of("TIM_SDKAPPID", APP,
                "TIM_DELIVERY_STORE", "jdbc:h2:file:" + BASE.resolve("store/deliveries"), "TIM_DELIVERY_LEASE", "5",
                "TIM_DELIVERY_FIRST_RETRY", "1", "OBSERVER_LOG", observed.path().toString(), "INSTANCE", instance));
        return TomcatInstance.start(BASE.resolve(instance), Map.of("group-full", Path.of(System.getProperty("product.war"))),
                TomcatInstance.mountedInWebInfLib(observerJar()), environment);
    }

    /** The groups of the observer file's lines that start with {@code kind}. */
    Set<String> groups(String kind) throws Exception {
        return observed.lines().stream().filter(line -> line.startsWith(kind + " ")).map(line -> line.split(" ")[1])
                .collect(Collectors.toSet());
    }

    static void await(String what, ObserverFile.Check check, long seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!check.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Waited " + seconds + " s for " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
    }

    @Test
    void everyCallbackAnsweredOkReachesTheAsynchronousObserverAfterASigkill() throws Exception {
        tomcat = start("first");
        TomcatInstance first = tomcat;
        Set<String> deliveredAtKill = new java.util.HashSet<>();
        CallbackFlood flood = CallbackFlood.send(first.uri(TomcatIT.PATH + TomcatIT.QUERY), "@TGS#slow-", 300, 150, () -> {
            first.kill();
            deliveredAtKill.addAll(groups("async"));
        });
        assertTrue(flood.accepted.size() >= 150, flood.answers.toString());
        Set<String> pendingAtKill = new java.util.HashSet<>(flood.accepted);
        pendingAtKill.removeAll(deliveredAtKill);
        assertTrue(pendingAtKill.size() > 50, "the kill must leave work undone for this test to mean anything: "
                + pendingAtKill.size() + " of " + flood.accepted.size() + " pending");

        tomcat = start("second");
        await("every accepted callback delivered", () -> groups("async").containsAll(flood.accepted), 90);
        assertTrue(observed.lines().stream().filter(line -> line.startsWith("async ") && line.endsWith(" second"))
                .count() >= pendingAtKill.size(), "the second start made what the first left");
        for (String group : flood.accepted) {
            assertEquals(1, observed.lines().stream().filter(line -> line.equals("sync " + group + " first")).count(), group);
        }
    }

    @Test
    void answersTheVendorsResendingOkFiresNothingAndTriesAFailedObserverAgain() throws Exception {
        tomcat = start("only");
        HttpClient http = HttpClient.newHttpClient();
        String sample = "{\"CallbackCommand\":\"Group.CallbackAfterGroupFull\",\"GroupId\":\"@TGS#resent\","
                + "\"EventTime\":\"1670574414123\"}";
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(tomcat.uri(TomcatIT.PATH + TomcatIT.QUERY))
                    .POST(HttpRequest.BodyPublishers.ofString(sample)).build(), HttpResponse.BodyHandlers.ofString(UTF_8));
            assertEquals(200, answer.statusCode(), answer.body());
            assertEquals(TomcatIT.OK, answer.body());
        }
        String flaky = "{\"GroupId\":\"@TGS#flaky-tomcat\",\"EventTime\":1}";
        assertEquals(200, http.send(HttpRequest.newBuilder(tomcat.uri(TomcatIT.PATH + TomcatIT.QUERY))
                .POST(HttpRequest.BodyPublishers.ofString(flaky)).build(), HttpResponse.BodyHandlers.ofString(UTF_8)).statusCode());

        await("the failed observer tried again", () -> groups("async").contains("@TGS#flaky-tomcat"), 30);
        List<String> lines = observed.lines();
        assertEquals(1, lines.stream().filter(line -> line.equals("sync @TGS#resent only")).count(), lines.toString());
        assertEquals(1, lines.stream().filter(line -> line.equals("async @TGS#resent only")).count(), lines.toString());
        assertTrue(tomcat.console().contains("An asynchronous observer of GroupFullEvent failed for group @TGS#flaky-tomcat"
                + " (attempt 1 of 10); trying again in"), tomcat.console());
    }
}
