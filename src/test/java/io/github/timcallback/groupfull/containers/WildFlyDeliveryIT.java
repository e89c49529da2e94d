package io.github.timcallback.groupfull.containers;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The -ee.war on WildFly with the server's default datasource as its delivery store, by the JNDI
 * name every Jakarta EE server binds it to: accepted, remembered, and the vendor's resending
 * answered OK without firing again.
 */
class WildFlyDeliveryIT {

    static final String APP = TomcatIT.APP;
    static final Path BASE = Path.of("target/wildfly-delivery-it").toAbsolutePath();
    static final ObserverFile OBSERVED = new ObserverFile(BASE.resolve("observed.txt"));
    static RunningServer wildfly;

    @BeforeAll
    static void start() throws Exception {
        TomcatInstance.deleteRecursively(BASE);
        Path war = Wars.withObserver(Path.of(System.getProperty("product.eeWar")), BASE.resolve("war/group-full.war"));
        wildfly = WildFly.start(BASE.resolve("server"), Map.of("group-full", war), Map.of("TIM_SDKAPPID", APP,
                "TIM_DELIVERY_STORE", "java:comp/DefaultDataSource", "OBSERVER_LOG", OBSERVED.path().toString()), List.of());
    }

    @AfterAll
    static void stop() throws Exception {
        if (wildfly != null) {
            wildfly.close();
        }
    }

    @Test
    void keepsCallbacksInTheServersDefaultDataSourceAndRecognisesThemSentAgain() throws Exception {
        assertTrue(wildfly.console().contains("accepted callbacks kept in the delivery store, H2 at"
                + " java:comp/DefaultDataSource"), wildfly.console());
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(wildfly.uri(TomcatIT.PATH + TomcatIT.QUERY))
                    .POST(HttpRequest.BodyPublishers.ofString(TomcatIT.SAMPLE)).build(), HttpResponse.BodyHandlers.ofString(UTF_8));
            assertEquals(200, answer.statusCode(), answer.body());
            assertEquals(TomcatIT.OK, answer.body());
        }
        HttpResponse<String> marker = http.send(HttpRequest.newBuilder(wildfly.uri(TomcatIT.PATH + TomcatIT.QUERY))
                .POST(HttpRequest.BodyPublishers.ofString("{\"GroupId\":\"@TGS#marker\"}")).build(),
                HttpResponse.BodyHandlers.ofString(UTF_8));
        assertEquals(200, marker.statusCode(), marker.body());
        List<String> lines = OBSERVED.awaitLine("async @TGS#marker " + APP);
        OBSERVED.awaitLine("async @TGS#2J4SZEAEL " + APP);
        lines = OBSERVED.lines();
        assertEquals(1, Collections.frequency(lines, "sync @TGS#2J4SZEAEL " + APP), lines.toString());
        assertEquals(1, Collections.frequency(lines, "async @TGS#2J4SZEAEL " + APP), lines.toString());
    }
}
