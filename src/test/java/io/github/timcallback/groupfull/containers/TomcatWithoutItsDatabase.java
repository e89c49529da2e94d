package io.github.timcallback.groupfull.containers;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.github.timcallback.groupfull.delivery.Postgres;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The WAR as built on a real Tomcat 11 with PostgreSQL as its delivery store, and the database
 * stopped under it: what a callback is then answered. A real database going down is the way a
 * store fails in production; a second CDI container in the test JVM is not to be had.
 */
public final class TomcatWithoutItsDatabase {

    private static final Path BASE = Path.of("target/tomcat-without-database").toAbsolutePath();

    private TomcatWithoutItsDatabase() {
    }

    /** Starts both, stops the database, posts {@code body} to {@code pathAndQuery} and answers what came back. */
    public static HttpResponse<String> post(String sdkAppId, String pathAndQuery, String body) throws Exception {
        TomcatInstance.deleteRecursively(BASE);
        Path driver = Path.of(org.postgresql.Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (Postgres postgres = Postgres.start(BASE.resolve("postgres"));
                TomcatInstance tomcat = TomcatInstance.start(TomcatInstance.home(), BASE.resolve("tomcat"),
                        Map.of("group-full", Path.of(System.getProperty("product.war"))), null,
                        Map.of("TIM_SDKAPPID", sdkAppId, "TIM_DELIVERY_STORE", postgres.url()), List.of(), List.of(driver))) {
            postgres.stop();
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(tomcat.uri("/group-full" + pathAndQuery))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString(UTF_8));
        }
    }
}
