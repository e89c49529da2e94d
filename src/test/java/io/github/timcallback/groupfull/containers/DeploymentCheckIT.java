package io.github.timcallback.groupfull.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.timcallback.groupfull.forward.VendorCalls;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code java -jar group-full-callback-VERSION-classes.jar} against the WAR as built on a real
 * Tomcat 11 with callback authentication on: what it says, and its exit status, for a right
 * deployment and for each mistake it explains, with the tests' observer beside it to see what the
 * check delivers.
 */
class DeploymentCheckIT {

    static final String TOKEN = "deployment-check-token-3f2a";
    static final Path BASE = Path.of("target/deployment-check-it").toAbsolutePath();
    static final ObserverFile OBSERVED = new ObserverFile(BASE.resolve("observed.txt"));
    static final AtomicInteger MARKERS = new AtomicInteger();
    static TomcatInstance tomcat;
    static String url;

    @BeforeAll
    static void start() throws Exception {
        TomcatInstance.deleteRecursively(BASE);
        Path observerJar = Wars.observerJar(BASE.resolve("observer/observer.jar"));
        tomcat = TomcatInstance.start(BASE.resolve("instance"),
                Map.of("group-full", Path.of(System.getProperty("product.war"))),
                TomcatInstance.mountedInWebInfLib(observerJar),
                Map.of("TIM_SDKAPPID", TomcatIT.APP, "TIM_CALLBACK_TOKEN", TOKEN, "OBSERVER_LOG", OBSERVED.path().toString()));
        url = tomcat.uri(TomcatIT.PATH).toString();
        // A first callback through the whole path, so that the check (which waits 2 s for an
        // answer, as the vendor does) never meets a cold server on a loaded machine.
        observedDuring(() -> { });
    }

    /** One request to a freshly started receiver, answered or refused, for the reason above. */
    static void warmUp(String receiverUrl) throws Exception {
        VendorCalls.post(URI.create(receiverUrl + TomcatIT.QUERY), BodyPublishers.ofString("{\"GroupId\":\"@TGS#warm-up\"}"),
                "application/json");
    }

    @AfterAll
    static void stop() throws Exception {
        if (tomcat != null) {
            tomcat.close();
        }
    }

    record Outcome(int status, String output) {
    }

    /** The check as a user runs it: its own JVM, the classes jar alone on its class path, no token in the environment. */
    static Outcome check(String... args) throws Exception {
        return checkWithToken(null, args);
    }

    /** As {@link #check}, with {@code TIM_CALLBACK_TOKEN} set to {@code token} in its environment, unless null. */
    static Outcome checkWithToken(String token, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("product.classesJar")));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("TIM_CALLBACK_TOKEN");
        if (token != null) {
            builder.environment().put("TIM_CALLBACK_TOKEN", token);
        }
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        return new Outcome(process.exitValue(), output);
    }

    /**
     * What the observers received while {@code action} ran: posts a callback for a fresh group
     * after it and waits for both its deliveries, so that whatever the action delivered has arrived.
     */
    static List<String> observedDuring(Action action) throws Exception {
        int before = OBSERVED.lines().size();
        action.run();
        String marker = "@TGS#check-marker-" + MARKERS.incrementAndGet();
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(url + TomcatIT.QUERY + "&" + CallbackContract.signature(TOKEN)))
                .POST(BodyPublishers.ofString("{\"GroupId\":\"" + marker + "\"}")).build(), BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        OBSERVED.awaitLine("sync " + marker + " " + TomcatIT.APP);
        List<String> lines = OBSERVED.awaitLine("async " + marker + " " + TomcatIT.APP);
        List<String> during = new ArrayList<>(lines.subList(before, lines.size()));
        assertTrue(during.remove("sync " + marker + " " + TomcatIT.APP) && during.remove("async " + marker + " " + TomcatIT.APP),
                lines::toString);
        return during;
    }

    interface Action {
        void run() throws Exception;
    }

    @Test
    void passesAWorkingDeploymentWithoutFiringAnObserver() throws Exception {
        List<String> observed = observedDuring(() -> {
            Outcome outcome = check(url, "--sdkappid", TomcatIT.APP, "--token", TOKEN);
            assertEquals(0, outcome.status(), outcome.output());
            assertTrue(outcome.output().startsWith("OK: the receiver at " + url + " accepts SdkAppid " + TomcatIT.APP
                    + " and the signature of the given token; it refused only the check's deliberately incomplete body"),
                    outcome.output());
            assertTrue(!outcome.output().contains("WARNING"), outcome.output());
        });
        assertEquals(List.of(), observed, "the check without --fire reached an observer");
    }

    @Test
    void takesTheTokenFromTheEnvironmentAsTheReadmeRecommends() throws Exception {
        Outcome outcome = checkWithToken(TOKEN, url, "--sdkappid", TomcatIT.APP);
        assertEquals(0, outcome.status(), outcome.output());
        assertTrue(outcome.output().startsWith("OK: the receiver at " + url + " accepts SdkAppid " + TomcatIT.APP
                + " and the signature of the given token;"), outcome.output());
        assertTrue(!outcome.output().contains("WARNING") && !outcome.output().contains(TOKEN), outcome.output());

        Outcome wrong = checkWithToken("an-old-token", url, "--sdkappid", TomcatIT.APP);
        assertEquals(1, wrong.status(), wrong.output());
        assertTrue(wrong.output().startsWith("FAIL: HTTP 401, ErrorCode 40105."), wrong.output());

        Outcome rotating = checkWithToken("an-old-token," + TOKEN, url, "--sdkappid", TomcatIT.APP);
        assertEquals(0, rotating.status(), rotating.output());
    }

    @Test
    void signsWithTheTokenOfTheAppItChecksFromTheReceiversOwnPairs() throws Exception {
        String pairs = "1400000001:prod-check-token-71aa,1400000002:test-check-token-0e93";
        try (TomcatInstance twoApps = TomcatInstance.start(Path.of("target/deployment-check-two-apps").toAbsolutePath(),
                Map.of("group-full", Path.of(System.getProperty("product.war"))), null,
                Map.of("TIM_SDKAPPID", "1400000001,1400000002", "TIM_CALLBACK_TOKEN", pairs))) {
            String twoAppsUrl = twoApps.uri(TomcatIT.PATH).toString();
            warmUp(twoAppsUrl);
            for (String app : List.of("1400000001", "1400000002")) {
                Outcome outcome = checkWithToken(pairs, twoAppsUrl, "--sdkappid", app);
                assertEquals(0, outcome.status(), outcome.output());
                assertTrue(outcome.output().startsWith("OK: the receiver at " + twoAppsUrl + " accepts SdkAppid " + app
                        + " and the signature of the given token;"), outcome.output());
            }

            Outcome swapped = checkWithToken("1400000001:test-check-token-0e93,1400000002:prod-check-token-71aa",
                    twoAppsUrl, "--sdkappid", "1400000002");
            assertEquals(1, swapped.status(), swapped.output());
            assertTrue(swapped.output().startsWith("FAIL: HTTP 401, ErrorCode 40105. The signature does not match the"
                    + " receiver's token for SdkAppid 1400000002: the token given here for 1400000002, the callback token"
                    + " of app 1400000002 in the IM console and the receiver's token for 1400000002"), swapped.output());

            Outcome otherAppOnly = check(twoAppsUrl, "--sdkappid", "1400000002", "--token", "1400000001:prod-check-token-71aa");
            assertEquals(2, otherAppOnly.status(), otherAppOnly.output());
            assertTrue(otherAppOnly.output().startsWith("The token given (--token or TIM_CALLBACK_TOKEN) has no token for"
                    + " SdkAppid 1400000002"), otherAppOnly.output());
            for (Outcome outcome : List.of(swapped, otherAppOnly)) {
                assertTrue(!outcome.output().contains("check-token"), "the check repeated a token: " + outcome.output());
            }
        }
    }

    @Test
    void firesTheDocumentedSampleWhenAsked() throws Exception {
        List<String> observed = observedDuring(() -> {
            Outcome outcome = check(url, "--sdkappid", TomcatIT.APP, "--token", TOKEN, "--fire");
            assertEquals(0, outcome.status(), outcome.output());
            assertTrue(outcome.output().contains("it accepted the documented sample, and the observers ran."),
                    outcome.output());
        });
        assertEquals(List.of("sync @TGS#2J4SZEAEL " + TomcatIT.APP, "async @TGS#2J4SZEAEL " + TomcatIT.APP), observed);
    }

    @Test
    void explainsAWrongSdkAppId() throws Exception {
        Outcome outcome = check(url, "--sdkappid", "1400000999", "--token", TOKEN);
        assertEquals(1, outcome.status(), outcome.output());
        assertTrue(outcome.output().startsWith("FAIL: HTTP 403, ErrorCode 40301. The receiver is not configured for"
                + " SdkAppid 1400000999"), outcome.output());
    }

    @Test
    void explainsAWrongOrMissingToken() throws Exception {
        Outcome wrong = check(url, "--sdkappid", TomcatIT.APP, "--token", "an-old-token");
        assertEquals(1, wrong.status(), wrong.output());
        assertTrue(wrong.output().startsWith("FAIL: HTTP 401, ErrorCode 40105. The signature does not match"), wrong.output());
        assertTrue(!wrong.output().contains("an-old-token"), "the token is not repeated");

        Outcome missing = check(url, "--sdkappid", TomcatIT.APP);
        assertEquals(1, missing.status(), missing.output());
        assertTrue(missing.output().startsWith("FAIL: HTTP 401, ErrorCode 40101. The receiver authenticates callbacks,"
                + " but the check had no token"), missing.output());
    }

    @Test
    void explainsAClockTooFarFromTheReceivers() throws Exception {
        Outcome outcome = check(url, "--sdkappid", TomcatIT.APP, "--token", TOKEN, "--time-offset", "600");
        assertEquals(1, outcome.status(), outcome.output());
        assertTrue(outcome.output().startsWith("FAIL: HTTP 401, ErrorCode 40103. RequestTime was signed with this"
                + " machine's clock"), outcome.output());
    }

    @Test
    void explainsAUrlWhereNoReceiverAnswers() throws Exception {
        Outcome outcome = check(tomcat.uri("/group-full/callback").toString(), "--sdkappid", TomcatIT.APP, "--token", TOKEN);
        assertEquals(1, outcome.status(), outcome.output());
        assertTrue(outcome.output().startsWith("FAIL: " + tomcat.uri("/group-full/callback") + " answered HTTP 404, but"
                + " not as this receiver does"), outcome.output());
    }

    @Test
    void explainsAServerThatDoesNotAnswerInTime() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Thread accepting = new Thread(() -> {
                try (Socket held = silent.accept()) {
                    Thread.sleep(5_000);
                } catch (IOException | InterruptedException e) {
                    // The check has given up; so can this.
                }
            });
            accepting.start();
            Outcome outcome = check("http://127.0.0.1:" + silent.getLocalPort() + "/tim/callback", "--sdkappid",
                    TomcatIT.APP, "--token", TOKEN);
            assertEquals(1, outcome.status(), outcome.output());
            assertTrue(outcome.output().startsWith("FAIL: no answer from http://127.0.0.1:" + silent.getLocalPort()
                    + "/tim/callback within 2 s"), outcome.output());
            accepting.interrupt();
        }
    }

    @Test
    void explainsAServerThatCannotBeReached() throws Exception {
        int closed = TomcatInstance.freePort();
        Outcome outcome = check("http://127.0.0.1:" + closed + "/tim/callback", "--sdkappid", TomcatIT.APP, "--token", TOKEN);
        assertEquals(1, outcome.status(), outcome.output());
        assertTrue(outcome.output().startsWith("FAIL: could not connect to http://127.0.0.1:" + closed + "/tim/callback"),
                outcome.output());
    }

    @Test
    void warnsWhenTheReceiverDoesNotAuthenticate() throws Exception {
        try (TomcatInstance open = TomcatInstance.start(Path.of("target/deployment-check-open").toAbsolutePath(),
                Map.of("group-full", Path.of(System.getProperty("product.war"))), null, Map.of("TIM_SDKAPPID", TomcatIT.APP))) {
            String openUrl = open.uri(TomcatIT.PATH).toString();
            warmUp(openUrl);
            Outcome signed = check(openUrl, "--sdkappid", TomcatIT.APP, "--token", TOKEN);
            assertEquals(0, signed.status(), signed.output());
            assertTrue(signed.output().contains("WARNING: the receiver also took a wrong signature"), signed.output());
            Outcome unsigned = check(openUrl, "--sdkappid", TomcatIT.APP);
            assertEquals(0, unsigned.status(), unsigned.output());
            assertTrue(unsigned.output().contains("WARNING: the check was not signed and the receiver took it"),
                    unsigned.output());
        }
    }

    @Test
    void refusesAWrongCommandLine() throws Exception {
        Outcome outcome = check(url);
        assertEquals(2, outcome.status(), outcome.output());
        assertTrue(outcome.output().contains("Usage: java -jar"), outcome.output());
    }
}
