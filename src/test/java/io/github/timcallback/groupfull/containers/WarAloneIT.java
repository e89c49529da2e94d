package io.github.timcallback.groupfull.containers;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The product WAR exactly as built and nothing else in a plain Tomcat 11: before an application
 * has added a single observer, the receiver still starts and answers the vendor. (Weld's servlet
 * integration starts no CDI container in an application without a bean archive; the receiver's
 * own classes must be one.)
 */
class WarAloneIT {

    @Test
    void startsAndAnswersCallbacksBeforeAnyObserverIsAdded() throws Exception {
        Path base = Path.of("target/tomcat-alone").toAbsolutePath();
        try (TomcatInstance tomcat = TomcatInstance.start(base,
                Map.of("group-full", Path.of(System.getProperty("product.war"))), null,
                Map.of("TIM_SDKAPPID", TomcatIT.APP))) {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> ok = http.send(HttpRequest.newBuilder(tomcat.uri(TomcatIT.PATH + TomcatIT.QUERY))
                    .POST(BodyPublishers.ofString(TomcatIT.SAMPLE))
                    .build(), BodyHandlers.ofString(UTF_8));
            assertEquals(200, ok.statusCode(), ok.body() + tomcat.console());
            assertEquals(TomcatIT.OK, ok.body());

            HttpResponse<String> otherApp = http.send(HttpRequest.newBuilder(
                    tomcat.uri(TomcatIT.PATH + TomcatIT.QUERY.replace(TomcatIT.APP, "1400000009")))
                    .POST(BodyPublishers.ofString("{\"GroupId\":\"@TGS#2J4SZEAEL\"}")).build(),
                    BodyHandlers.ofString(UTF_8));
            assertEquals(403, otherApp.statusCode(), otherApp.body());
        }
    }
}
