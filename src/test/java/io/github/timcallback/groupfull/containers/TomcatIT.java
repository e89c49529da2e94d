package io.github.timcallback.groupfull.containers;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The product WAR exactly as built, dropped into a plain Tomcat 11 configured through the
 * environment. An observer is added from outside through the host's context defaults, as a
 * jar mounted into WEB-INF/lib, so the WAR under test is not rebuilt.
 */
class TomcatIT {

    static final String APP = "1400000001";
    static final String PATH = "/group-full/tim/callback";
    static final String QUERY = "?SdkAppid=" + APP + "&CallbackCommand=Group.CallbackAfterGroupFull"
            + "&contenttype=json&ClientIP=127.0.0.1&OptPlatform=RESTAPI";
    static final String OK = "{\"ActionStatus\":\"OK\",\"ErrorInfo\":\"\",\"ErrorCode\":0}";
    /** The vendor's documented sample. */
    static final String SAMPLE = "{\"CallbackCommand\":\"Group.CallbackAfterGroupFull\","
            + "\"GroupId\":\"@TGS#2J4SZEAEL\",\"EventTime\":\"1670574414123\"}";

    static final Path BASE = Path.of("target/tomcat-it").toAbsolutePath();
    static final ObserverFile OBSERVED = new ObserverFile(BASE.resolve("observed.txt"));
    static TomcatInstance tomcat;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        TomcatInstance.deleteRecursively(BASE);
        Path observerJar = Wars.observerJar(BASE.resolve("observer/observer.jar"));
        tomcat = TomcatInstance.start(BASE.resolve("instance"),
                Map.of("group-full", Path.of(System.getProperty("product.war"))), TomcatInstance.mountedInWebInfLib(observerJar),
                Map.of("TIM_SDKAPPID", APP, "OBSERVER_LOG", OBSERVED.path().toString()));
    }

    @AfterAll
    static void stop() throws Exception {
        if (tomcat != null) {
            tomcat.close();
        }
    }

    static HttpResponse<String> post(String query, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(tomcat.uri(PATH + query)).POST(BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").build(), BodyHandlers.ofString(UTF_8));
    }

    @Test
    void acceptsTheDocumentedCallbackAndNotifiesBothObservers() throws Exception {
        HttpResponse<String> response = post(QUERY, "{\"CallbackCommand\":\"Group.CallbackAfterGroupFull\","
                + "\"GroupId\":\"@TGS#tomcat\",\"EventTime\":\"1670574414123\"}");

        assertEquals(200, response.statusCode(), response.body() + tomcat.console());
        assertEquals(OK, response.body());
        assertEquals("application/json;charset=UTF-8", response.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(OBSERVED.awaitLine("sync @TGS#tomcat " + APP).contains("sync @TGS#tomcat " + APP));
        List<String> lines = OBSERVED.awaitLine("async @TGS#tomcat " + APP);
        assertTrue(lines.contains("async @TGS#tomcat " + APP), lines.toString());
    }

    @Test
    void refusesOtherAppsBadBodiesAndGetsWithoutNotifying() throws Exception {
        HttpResponse<String> otherApp = post(QUERY.replace(APP, "1400000009"), "{\"GroupId\":\"@TGS#refused1\"}");
        assertEquals(403, otherApp.statusCode());
        assertEquals("{\"ActionStatus\":\"FAIL\",\"ErrorCode\":40301,\"ErrorInfo\":\"The SdkAppid is not this"
                + " application's SDKAppID.\"}", otherApp.body());

        HttpResponse<String> badBody = post(QUERY, "{\"GroupId\":\"@TGS#refused2\"");
        assertEquals(400, badBody.statusCode());
        assertEquals("{\"ActionStatus\":\"FAIL\",\"ErrorCode\":40012,\"ErrorInfo\":\"The request body is not a"
                + " single well-formed JSON value.\"}", badBody.body());

        HttpResponse<String> get = http.send(HttpRequest.newBuilder(tomcat.uri(PATH + QUERY)).GET().build(),
                BodyHandlers.ofString(UTF_8));
        assertEquals(405, get.statusCode());
        assertEquals("POST", get.headers().firstValue("Allow").orElseThrow());
        assertEquals("{\"ActionStatus\":\"FAIL\",\"ErrorCode\":40501,\"ErrorInfo\":\"Only POST is accepted.\"}",
                get.body());

        // A good callback after them; once it has arrived, nothing of the refused ones can still come.
        assertEquals(200, post(QUERY, "{\"GroupId\":\"@TGS#after-refusals\"}").statusCode());
        String all = String.join("\n", OBSERVED.awaitLine("sync @TGS#after-refusals " + APP));
        assertFalse(all.contains("refused"), all);
    }

    @Test
    void readsTheBodyAsJsonEvenWhenTheHeaderSaysForm() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(tomcat.uri(PATH + QUERY))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(BodyPublishers.ofString("{\"GroupId\":\"@TGS#form-header\"}")).build(), BodyHandlers.ofString(UTF_8));
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(OBSERVED.awaitLine("sync @TGS#form-header " + APP).contains("sync @TGS#form-header " + APP));
    }

    @Test
    void keepsTheQueryStringOutOfTheAccessLog() throws Exception {
        post(QUERY + "&RequestTime=1&Sign=secret-sign", "{\"GroupId\":\"g\"}");
        // Tomcat writes its buffered access log in a background pass, about every 10 s (measured up
        // to 9.96 s): wait for it six times as long, so a loaded machine does not fail the test.
        ObserverFile.await(() -> tomcat.accessLog().contains(PATH), Duration.ofSeconds(60));
        String log = tomcat.accessLog();
        assertTrue(log.contains("\"POST " + PATH + " HTTP/1.1\""), log);
        assertFalse(log.contains("Sign") || log.contains("secret-sign") || log.contains("SdkAppid"), log);
    }
}
