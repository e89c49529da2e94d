package io.github.timcallback.groupfull.containers;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The WAR as built on a real Tomcat 11 at the two ends of its life: a bad setting fails the whole
 * application (the WAR's {@code META-INF/context.xml}), and a real shutdown waits
 * {@code stopGracePeriod} for the asynchronous notifications in flight, then says in one line
 * which groups it left, at most 20 of them by name.
 */
class TomcatLifecycleIT {

    static final Path BASE = Path.of("target/tomcat-lifecycle").toAbsolutePath();
    static final Path WAR = Path.of(System.getProperty("product.war", "target/group-full-callback-1.0.0.war"));
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
        TomcatShutdown.Outcome shutdown = TomcatShutdown.outcome();
        String stopLine = shutdown.console().lines()
                .filter(line -> line.contains("Stopped with asynchronous notifications unfinished: ")).findFirst()
                .orElseThrow(() -> new AssertionError("no stop line:\n" + shutdown.console()));
        String message = stopLine.substring(stopLine.indexOf("Stopped with"));
        assertTrue(message.matches("Stopped with asynchronous notifications unfinished: \\d+ of \\d+ finished within 10 s,"
                + " 23 did not, for the groups \\[[^\\]]*\\] and 3 more\\."), message);
        List<String> named = Arrays.asList(message.substring(message.indexOf('[') + 1, message.indexOf(']')).split(", "));
        assertEquals(20, named.size(), message);
        assertTrue(TomcatShutdown.HELD.containsAll(named), "names only the groups it left: " + message);
        List<String> lines = shutdown.observed();
        for (String group : TomcatShutdown.DRAINING) {
            assertTrue(lines.contains("ended " + group), lines::toString);
            assertTrue(lines.indexOf("ended " + group) < lines.indexOf("ended " + TomcatShutdown.HELD.get(0)),
                    "the stop waited for it to end: " + lines);
        }
    }

    @Test
    void aCallbackThatReachesTheReceiverDuringItsStopIsRefusedWithStopping() throws Exception {
        HttpResponse<String> held = TomcatShutdown.outcome().heldCallback();
        assertEquals(503, held.statusCode(), held.body());
        assertEquals("{\"ActionStatus\":\"FAIL\",\"ErrorCode\":50302,\"ErrorInfo\":\"The receiver is stopping; the"
                + " callback was not taken.\"}", held.body());
    }

    @Test
    void aCallbackSentOnceTomcatStopsTheApplicationGetsNoAnswer() throws Exception {
        // Tomcat stops taking requests before it stops its applications: the vendor sees a failed
        // callback, and retries it if retries are on.
        assertNotNull(TomcatShutdown.outcome().callbackOnceStopping());
    }
}
