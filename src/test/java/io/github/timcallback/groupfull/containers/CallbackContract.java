package io.github.timcallback.groupfull.containers;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.timcallback.groupfull.jetty.HostileRequests;
import io.github.timcallback.groupfull.jetty.RawHttp;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What each row of the README's Compatibility table stands for: the product's artifact deployed
 * in a real container as a user deploys it, configured through the environment (SDKAppID and a
 * callback token), with the tests' {@link FileObserver} beside it. Each subclass starts one
 * container; these tests then post real callbacks through it, and send it the whole hostile
 * suite to find what the container answers itself, before the receiver sees the request.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CallbackContract {

    static final String APP = HostileRequests.APP;
    static final String TOKEN = "compatibility-token-5d1e";
    static final String PATH = "/group-full/tim/callback";
    static final String QUERY = "?" + HostileRequests.QUERY;
    static final String OK = "{\"ActionStatus\":\"OK\",\"ErrorInfo\":\"\",\"ErrorCode\":0}";
    /** The vendor's documented sample, byte for byte. */
    static final String SAMPLE = "{\"CallbackCommand\":\"Group.CallbackAfterGroupFull\","
            + "\"GroupId\":\"@TGS#2J4SZEAEL\",\"EventTime\":\"1670574414123\"}";
    private static final String OUR_REFUSAL = "{\"ActionStatus\":\"FAIL\",\"ErrorCode\":";
    private static final AtomicInteger MARKERS = new AtomicInteger();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String container;
    private final String version;
    private final String artifact;
    private ObserverFile observed;
    private RunningServer server;

    /**
     * @param container the container's name in the README's tables, such as "Tomcat 10.1"
     * @param version   its version, as the build downloaded it
     * @param artifact  the artifact, as the Compatibility table names it
     */
    CallbackContract(String container, String version, String artifact) {
        this.container = container;
        this.version = version;
        this.artifact = artifact;
    }

    /** The container's name in the README's tables. */
    String container() {
        return container;
    }

    /** The container's version, as the build downloaded it. */
    String version() {
        return version;
    }

    /** The artifact deployed, as the Compatibility table names it. */
    String artifact() {
        return artifact;
    }

    /**
     * Starts the container with its working files in {@code base}, the product and the tests'
     * observer deployed, and {@code environment} in its process's environment.
     */
    abstract RunningServer start(Path base, Map<String, String> environment) throws Exception;

    @BeforeAll
    void startContainer() throws Exception {
        Path base = Path.of("target/contracts", getClass().getSimpleName()).toAbsolutePath();
        TomcatInstance.deleteRecursively(base);
        observed = new ObserverFile(base.resolve("observed.txt"));
        server = start(base, Map.of("TIM_SDKAPPID", APP, "TIM_CALLBACK_TOKEN", TOKEN,
                "OBSERVER_LOG", observed.path().toString()));
    }

    @AfterAll
    void stopContainer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    RunningServer server() {
        return server;
    }

    ObserverFile observed() {
        return observed;
    }

    /** The callback's path on the server. */
    String callbackPath() {
        return PATH;
    }

    /**
     * The settings of the README's "Settings that let the receiver answer them" that {@link #start}
     * gives the container, each exactly as that table shows it; none: the container's defaults.
     */
    List<String> settings() {
        return List.of();
    }

    /** {@code RequestTime} now and its {@code Sign}, computed as the vendor does: hex SHA-256 of token + time. */
    static String signature(String token) throws Exception {
        String time = String.valueOf(System.currentTimeMillis() / 1000);
        byte[] sign = MessageDigest.getInstance("SHA-256").digest((token + time).getBytes(UTF_8));
        return "RequestTime=" + time + "&Sign=" + HexFormat.of().formatHex(sign);
    }

    HttpResponse<String> post(String query, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(server().uri(callbackPath() + query))
                .header("Content-Type", "application/json").POST(BodyPublishers.ofString(body)).build(),
                BodyHandlers.ofString(UTF_8));
    }

    HttpResponse<String> postSigned(String query, String body) throws Exception {
        return post(query + "&" + signature(TOKEN), body);
    }

    /**
     * Posts a callback for a fresh group and waits for both its deliveries: whatever an earlier
     * request would have delivered has been delivered by then.
     */
    String awaitMarker() throws Exception {
        String group = "@TGS#marker-" + MARKERS.incrementAndGet();
        HttpResponse<String> response = postSigned(QUERY, "{\"GroupId\":\"" + group + "\"}");
        assertEquals(200, response.statusCode(), () -> response.body() + console());
        observed().awaitLine("sync " + group + " " + APP);
        List<String> lines = observed().awaitLine("async " + group + " " + APP);
        assertTrue(lines.contains("async " + group + " " + APP), () -> lines + console());
        return group;
    }

    private String console() {
        try {
            return "\n" + server().console();
        } catch (Exception e) {
            return e.toString();
        }
    }

    @Test
    void theDocumentedSampleReachesEachObserverExactlyOnce() throws Exception {
        HttpResponse<String> response = postSigned(QUERY, SAMPLE);

        assertEquals(200, response.statusCode(), () -> response.body() + console());
        assertEquals(OK, response.body());
        assertEquals("application/json;charset=utf-8",
                response.headers().firstValue("Content-Type").orElseThrow().toLowerCase().replace(" ", ""));
        observed().awaitLine("sync @TGS#2J4SZEAEL " + APP);
        observed().awaitLine("async @TGS#2J4SZEAEL " + APP);
        awaitMarker();
        List<String> lines = observed().lines();
        assertEquals(1, Collections.frequency(lines, "sync @TGS#2J4SZEAEL " + APP), lines::toString);
        assertEquals(1, Collections.frequency(lines, "async @TGS#2J4SZEAEL " + APP), lines::toString);
    }

    @Test
    void refusesAnotherAppsCallbackABadBodyAndUnauthenticatedCallbacksWithoutNotifying() throws Exception {
        assertRefused(403, 40301, postSigned(QUERY.replace(APP, "1400000009"), "{\"GroupId\":\"@TGS#refused-app\"}"));
        assertRefused(400, 40012, postSigned(QUERY, "{\"GroupId\":\"@TGS#refused-body\""));
        assertRefused(401, 40101, post(QUERY, "{\"GroupId\":\"@TGS#refused-unsigned\"}"));
        assertRefused(401, 40105, post(QUERY + "&" + signature("another-token"), "{\"GroupId\":\"@TGS#refused-sign\"}"));

        awaitMarker();
        List<String> lines = observed().lines();
        assertTrue(lines.stream().noneMatch(line -> line.contains("refused")), lines::toString);
    }

    private void assertRefused(int status, int errorCode, HttpResponse<String> response) {
        assertEquals(status, response.statusCode(), response::body);
        assertTrue(response.body().startsWith(OUR_REFUSAL + errorCode + ","), response::body);
    }

    /**
     * Every request of the hostile suite gets the receiver's 4xx JSON refusal, except those the
     * README lists for this container, which get exactly the answer listed there, less those that
     * the README's settings, when this container runs with them, let through to the receiver;
     * none fires.
     */
    @Test
    void refusesTheHostileSuiteItselfOrAsTheReadmeSaysTheContainerDoes() throws Exception {
        int linesBefore = observed().lines().size();
        Map<String, String> containersOwn = new TreeMap<>();
        for (Named<byte[]> request : new HostileRequests(callbackPath(), signature(TOKEN)).hostile()) {
            RawHttp.Answer answer = RawHttp.exchange(server().uri("/"), request.getPayload());
            if (answer.body().startsWith(OUR_REFUSAL)) {
                assertTrue(answer.status() >= 400 && answer.status() < 500, () -> request.getName() + ": " + answer);
                assertEquals("application/json;charset=utf-8",
                        answer.header("Content-Type").toLowerCase().replace(" ", ""), request.getName());
            } else {
                containersOwn.put(request.getName(), describe(answer));
            }
        }
        assertEquals(answeredByTheContainerAsTheReadmeSays(), containersOwn, () -> "README rows for what "
                + container + " answers itself" + (settings().isEmpty() ? "" : " with " + settings()) + ":\n"
                + asReadmeRows(containersOwn));

        String marker = awaitMarker();
        List<String> lines = observed().lines();
        assertEquals(List.of("sync " + marker + " " + APP, "async " + marker + " " + APP),
                lines.subList(linesBefore, lines.size()));
    }

    /** A container's own answer, as the README's table says it: status, then what the body is. */
    static String describe(RawHttp.Answer answer) {
        if (answer.status() == 0) {
            return "connection closed, no answer";
        }
        String type = answer.header("Content-Type");
        String body = answer.body().isBlank() ? "empty body"
                : type == null ? "body without Content-Type"
                : type.startsWith("text/html") ? "HTML page" : type.split(";")[0] + " body";
        return answer.status() + ", " + body;
    }

    /**
     * The README's "what the containers answer themselves" rows for this container, by request
     * name; with {@link #settings()}, less the requests that its settings row lets through.
     */
    private Map<String, String> answeredByTheContainerAsTheReadmeSays() throws Exception {
        Map<String, String> listed = new TreeMap<>();
        for (List<String> row : rowsOfThisContainer("### What the containers answer themselves")) {
            for (String request : Readme.quoted(row.get(1))) {
                listed.put(request, row.get(2));
            }
        }
        if (!settings().isEmpty()) {
            List<List<String>> rows = rowsOfThisContainer("### Settings that let the receiver answer them");
            assertEquals(1, rows.size(), () -> "settings rows for " + container + ": " + rows);
            List<String> shown = Readme.quoted(rows.get(0).get(1));
            assertTrue(shown.containsAll(settings()), () -> "the README shows " + shown + ", the test sets " + settings());
            List<String> letThrough = Readme.quoted(rows.get(0).get(2));
            assertTrue(listed.keySet().containsAll(letThrough), () -> letThrough + " are not all answered by " + container);
            listed.keySet().removeAll(letThrough);
        }
        return listed;
    }

    private List<List<String>> rowsOfThisContainer(String heading) throws Exception {
        return Readme.table(heading).stream().filter(row -> List.of(row.get(0).split(", ")).contains(container)).toList();
    }

    private static String asReadmeRows(Map<String, String> containersOwn) {
        Map<String, List<String>> byAnswer = new HashMap<>();
        containersOwn.forEach((request, answer) -> byAnswer.computeIfAbsent(answer, a -> new ArrayList<>()).add(request));
        StringBuilder rows = new StringBuilder();
        byAnswer.forEach((answer, requests) -> rows.append("| ? | `").append(String.join("`, `", requests))
                .append("` | ").append(answer).append(" |\n"));
        return rows.toString();
    }

    /**
     * The Compatibility table claims this container, version, Java and artifact, and names this test:
     * one row for each Java a pass of CI runs it on.
     */
    @Test
    void theCompatibilityTableClaimsExactlyWhatThisTestRuns() throws Exception {
        String java = String.valueOf(Runtime.version().feature());
        List<List<String>> rows = Readme.table("## Compatibility").stream()
                .filter(row -> row.get(0).equals(container) && row.get(3).equals(artifact) && row.get(2).equals(java))
                .toList();
        assertEquals(1, rows.size(), () -> "rows for " + container + " with " + artifact + " on Java " + java + ": " + rows);
        List<String> row = rows.get(0);
        assertEquals(version, row.get(1));
        assertTrue(Readme.quoted(row.get(5)).contains(getClass().getSimpleName()), row::toString);
    }
}
