package io.github.timcallback.groupfull.containers;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One real shutdown (SIGTERM, as a service manager sends it) of a Tomcat 11 running the WAR as
 * built, with {@code stopGracePeriod} 10 s and the stop test's {@link StopObserver} and
 * {@link HoldingFilter} mounted into its WEB-INF/lib. Before the shutdown: two callbacks whose
 * asynchronous work ends 3 s into the stop, 23 whose work outlasts it, and one callback held in the
 * filter; during it, once the application is stopping, one more callback. Run once per test JVM,
 * for whichever test asks first: a stop takes a while, and there is one per Tomcat.
 */
public final class TomcatShutdown {

    /** The callbacks whose asynchronous notifications end within the grace period. */
    public static final List<String> DRAINING = List.of(StopObserver.DRAIN + "0", StopObserver.DRAIN + "1");
    /** The callbacks whose asynchronous notifications are still running when the grace period ends. */
    public static final List<String> HELD = held();

    private static final Path BASE = Path.of("target/tomcat-shutdown").toAbsolutePath();
    private static Outcome outcome;

    private TomcatShutdown() {
    }

    private static List<String> held() {
        List<String> groups = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            groups.add(StopObserver.HELD + i);
        }
        return List.copyOf(groups);
    }

    /**
     * What the shutdown showed.
     *
     * @param heldCallback     the answer to the callback that reached the receiver during its stop
     * @param callbackOnceStopping what a callback sent while Tomcat stopped the application got: the exception
     * @param console          what Tomcat printed, to its end
     * @param observed         the lines {@link StopObserver} and {@link HoldingFilter} wrote
     */
    public record Outcome(HttpResponse<String> heldCallback, IOException callbackOnceStopping, String console,
            List<String> observed) {
    }

    public static synchronized Outcome outcome() throws Exception {
        if (outcome == null) {
            outcome = shutDown();
        }
        return outcome;
    }

    private static Outcome shutDown() throws Exception {
        TomcatInstance.deleteRecursively(BASE);
        ObserverFile observed = new ObserverFile(BASE.resolve("observed.txt"));
        Path observer = Wars.stopObserverJar(BASE.resolve("observer/stop-observer.jar"));
        TomcatInstance tomcat = TomcatInstance.start(BASE.resolve("instance"),
                Map.of("group-full", Path.of(System.getProperty("product.war"))), TomcatInstance.mountedInWebInfLib(observer),
                Map.of("TIM_SDKAPPID", TomcatIT.APP, "TIM_STOP_GRACE_PERIOD", "10", "OBSERVER_LOG", observed.path().toString()));
        HttpClient http = HttpClient.newHttpClient();
        try {
            // First those that end within the grace period, so that Weld's few threads are theirs.
            for (String group : DRAINING) {
                accept(http, tomcat, group);
            }
            for (String group : HELD) {
                accept(http, tomcat, group);
            }
            CompletableFuture<HttpResponse<String>> heldCallback = http.sendAsync(callback(tomcat, "@TGS#held-in-a-filter")
                    .header(HoldingFilter.HEADER, "1").timeout(Duration.ofSeconds(60)).build(), BodyHandlers.ofString(UTF_8));
            observed.awaitLine("held a callback");

            CompletableFuture<Void> shutdown = CompletableFuture.runAsync(() -> {
                try {
                    tomcat.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            // Once the first has ended, Tomcat has been stopping the application for 3 s.
            observed.awaitLine("ended " + DRAINING.get(0));
            IOException onceStopping = null;
            try {
                HttpResponse<String> answered = http.send(callback(tomcat, "@TGS#once-stopping").build(),
                        BodyHandlers.ofString(UTF_8));
                throw new AssertionError("answered during the shutdown: " + answered.statusCode() + " " + answered.body());
            } catch (IOException e) {
                onceStopping = e;
            }
            HttpResponse<String> held = heldCallback.get(60, TimeUnit.SECONDS);
            shutdown.get(60, TimeUnit.SECONDS);
            return new Outcome(held, onceStopping, tomcat.console(), observed.lines());
        } finally {
            tomcat.close();
        }
    }

    private static HttpRequest.Builder callback(TomcatInstance tomcat, String group) {
        return HttpRequest.newBuilder(tomcat.uri(TomcatIT.PATH + TomcatIT.QUERY))
                .POST(BodyPublishers.ofString("{\"GroupId\":\"" + group + "\"}", UTF_8));
    }

    private static void accept(HttpClient http, TomcatInstance tomcat, String group) throws Exception {
        HttpResponse<String> response = http.send(callback(tomcat, group).build(), BodyHandlers.ofString(UTF_8));
        if (response.statusCode() != 200) {
            throw new AssertionError(group + ": " + response.statusCode() + " " + response.body() + tomcat.console());
        }
    }
}
