package io.github.timcallback.groupfull.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The contract in the tests' Spring Boot application ({@link SpringApps}), where the receiver hands
 * callbacks to Spring listeners instead of CDI observers: its {@code Members} and {@code Audit}
 * write the lines that {@link FileObserver} writes elsewhere. The application's
 * {@code application.properties} are the README's, which forward other callbacks to Spring MVC;
 * the contract's container runs with {@code tim.other-callbacks} given empty, which counts as not
 * set, so that other commands of the hostile suite are refused by the receiver as in every other
 * container ({@link SpringForwarding} runs the README's forwarding as it is).
 */
abstract class SpringBootContract extends CallbackContract {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final SpringApps.Build build;

    /**
     * The contract of {@code build}'s executable jar, as the README's tables name it: "Spring Boot
     * 4.0", its version, and the jar.
     */
    SpringBootContract(SpringApps.Build build) throws IOException {
        this(build, "Spring Boot " + build.bootLine(), build.bootVersion(), "`-classes.jar` in an executable jar");
    }

    /** The contract of {@code build} deployed otherwise: named as the README's tables name the two. */
    SpringBootContract(SpringApps.Build build, String container, String version, String artifact) {
        super(container, version, artifact);
        this.build = build;
    }

    SpringApps.Build build() {
        return build;
    }

    /** Starts the executable jar at the root context, forwarding off (see above). */
    @Override
    RunningServer start(Path base, Map<String, String> environment) throws Exception {
        return SpringApps.startJar(build, base, environment, "--tim.other-callbacks=");
    }

    /** The application's context path: "" at the root, as the executable jar runs it. */
    String contextPath() {
        return "";
    }

    /** Where the receiver answers in the application ({@code tim.path}). */
    String receiverPath() {
        return "/tim/callback";
    }

    @Override
    String callbackPath() {
        return contextPath() + receiverPath();
    }

    /** The meter's count, as Actuator's metrics endpoint shows it; {@code tag} as {@code key:value}, or null. */
    static double meter(RunningServer server, String contextPath, String name, String tag) throws Exception {
        HttpResponse<String> metric = HTTP.send(HttpRequest.newBuilder(server.uri(contextPath + "/actuator/metrics/" + name
                + (tag == null ? "" : "?tag=" + tag))).build(), BodyHandlers.ofString());
        assertEquals(200, metric.statusCode(), metric::body);
        Matcher count = Pattern.compile("\"statistic\":\"(?:COUNT|VALUE)\",\"value\":([0-9.E]+)").matcher(metric.body());
        assertTrue(count.find(), metric::body);
        return Double.parseDouble(count.group(1));
    }

    private double meter(String name, String tag) throws Exception {
        return meter(server(), contextPath(), name, tag);
    }

    @Test
    void startsWithItsEventsToSpringListenersAtItsPath() throws Exception {
        String console = server().console();
        assertTrue(console.lines().anyMatch(line -> line.contains("Receiving Group.CallbackAfterGroupFull at [")
                && line.contains(receiverPath()) && line.contains("(events to Spring listeners)")), console);
    }

    @Test
    void theAcceptedMeterCountsEachAcceptedCallbackAndNoRefusedOne() throws Exception {
        double accepted = meter("tim.callbacks.accepted", null);
        double refused = meter("tim.callbacks.refused", "reason:SIGNATURE_MISSING");

        post(QUERY, "{\"GroupId\":\"@TGS#unsigned-for-the-meter\"}");
        for (int i = 0; i < 3; i++) {
            awaitMarker();
        }

        assertEquals(accepted + 3, meter("tim.callbacks.accepted", null));
        assertEquals(refused + 1, meter("tim.callbacks.refused", "reason:SIGNATURE_MISSING"));
    }

    /** As an {@code @Observes} observer's failure: 500 with ErrorCode 50001, and nothing after the answer. */
    @Test
    void aListenerThatThrowsFailsTheCallbackAndNothingIsPublishedAfterTheAnswer() throws Exception {
        double failures = meter("tim.listeners.failures", "when:before-answer");

        HttpResponse<String> response = postSigned(QUERY, "{\"GroupId\":\"@TGS#fail-" + getClass().getSimpleName() + "\"}");

        assertEquals(500, response.statusCode(), response::body);
        assertEquals("{\"ActionStatus\":\"FAIL\",\"ErrorCode\":50001,\"ErrorInfo\":\"The application could not process the callback.\"}",
                response.body());
        awaitMarker();
        List<String> lines = observed().lines();
        assertTrue(lines.stream().noneMatch(line -> line.contains("fail-")), lines::toString);
        assertEquals(failures + 1, meter("tim.listeners.failures", "when:before-answer"));
    }
}
