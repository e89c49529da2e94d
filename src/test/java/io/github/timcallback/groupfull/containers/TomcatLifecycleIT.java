package io.github.timcallback.groupfull.containers;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The WAR as built on a real Tomcat 11 at the two ends of its life: a bad setting fails the whole
 * application (the WAR's {@code META-INF/context.xml}), and a real shutdown waits
 * {@code stopGracePeriod} for the asynchronous notifications in flight, then says in one line
 * which groups it left, at most 20 of them by name.
 */
class TomcatLifecycleIT {

    static final Path BASE = Path.of("target/tomcat-lifecycle").toAbsolutePath();
    static final Path WAR = Path.of(System.getProperty("product.war", "target/group-full-callback-1.0.0-SNAPSHOT.war"));
    static final HttpClient http = HttpClient.newHttpClient();

    static HttpResponse<String> post(TomcatInstance tomcat, String group) throws Exception {
        return http.send(HttpRequest.newBuilder(tomcat.uri(TomcatIT.PATH + TomcatIT.QUERY))
                .POST(BodyPublishers.ofString("{\"GroupId\":\"" + group + "\"}")).build(), BodyHandlers.ofString(UTF_8));
    }

    @Test
    void aBadSettingFailsTheWholeApplicationAndSaysWhy() throws Exception {
        try (TomcatInstance tomcat = TomcatInstance.start(BASE.resolve("bad-setting"), Map.of("group-full", WAR), null,
                Map.of("TIM_SDKAPPID", "14000x"))) {
            String console = tomcat.console();
            assertTrue(console.contains("The receiver does not start: The setting 'sdkAppId' (environment variable"
                    + " TIM_SDKAPPID) must be a SDKAppID (digits) or a comma-separated list of them. Encountered '14000x'."),
                    console);
            assertTrue(console.contains("Context [/group-full] startup failed due to previous errors"), console);

            HttpResponse<String> callback = post(tomcat, "@TGS#2J4SZEAEL");
            assertEquals(404, callback.statusCode(), callback.body());
            assertFalse(callback.body().contains("ActionStatus"), callback.body());
        }
    }

    @Test
    void aShutdownWaitsForTheNotificationsInFlightAndNamesAtMost20OfThoseItLeft() throws Exception {
        Path base = BASE.resolve("shutdown");
        TomcatInstance.deleteRecursively(base);
        ObserverFile observed = new ObserverFile(base.resolve("observed.txt"));
        Path observer = Wars.stopObserverJar(base.resolve("observer/stop-observer.jar"));
        TomcatInstance tomcat = TomcatInstance.start(base.resolve("instance"), Map.of("group-full", WAR),
                TomcatInstance.mountedInWebInfLib(observer),
                Map.of("TIM_SDKAPPID", TomcatIT.APP, "TIM_STOP_GRACE_PERIOD", "3", "OBSERVER_LOG", observed.path().toString()));
        List<String> draining = List.of(StopObserver.DRAIN + "0", StopObserver.DRAIN + "1");
        List<String> held = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            held.add(StopObserver.HELD + i);
        }
        // First those that end within the grace period, so that Weld's few threads are theirs first.
        for (String group : draining) {
            assertEquals(200, post(tomcat, group).statusCode());
        }
        for (String group : held) {
            assertEquals(200, post(tomcat, group).statusCode());
        }

        CompletableFuture<Void> shutdown = CompletableFuture.runAsync(() -> {
            try {
                tomcat.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        // By the time the first of them has ended, Tomcat is stopping the application: a callback now
        // gets no answer at all, as Tomcat has stopped taking requests before it stops applications.
        observed.awaitLine("ended " + draining.get(0));
        assertThrows(IOException.class, () -> post(tomcat, "@TGS#during-the-shutdown"));
        shutdown.join();

        String console = tomcat.console();
        String stopLine = console.lines().filter(line -> line.contains("Stopped with asynchronous notifications unfinished: "))
                .findFirst().orElseThrow(() -> new AssertionError("no stop line:\n" + console));
        String message = stopLine.substring(stopLine.indexOf("Stopped with"));
        assertTrue(message.matches("Stopped with asynchronous notifications unfinished: \\d+ of \\d+ finished within 3 s,"
                + " 23 did not, for the groups \\[[^\\]]*\\] and 3 more\\."), message);
        List<String> named = Arrays.asList(message.substring(message.indexOf('[') + 1, message.indexOf(']')).split(", "));
        assertEquals(20, named.size(), message);
        assertTrue(held.containsAll(named), "names only the groups it left: " + message);
        List<String> lines = observed.lines();
        for (String group : draining) {
            assertTrue(lines.contains("ended " + group), lines::toString);
        }
        assertTrue(lines.indexOf("ended " + draining.get(1)) < lines.indexOf("ended " + held.get(0)),
                "the stop waited for both to end: " + lines);
    }
}
