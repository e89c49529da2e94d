package io.github.timcallback.groupfull.containers;

import static io.github.timcallback.groupfull.containers.CallbackContract.APP;
import static io.github.timcallback.groupfull.containers.CallbackContract.OK;
import static io.github.timcallback.groupfull.containers.CallbackContract.SAMPLE;
import static io.github.timcallback.groupfull.containers.CallbackContract.TOKEN;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * One URL for all callbacks in the tests' Spring Boot application, with the README's
 * {@code application.properties} as they are ({@code tim.other-callbacks=dispatcherServlet}): other
 * callbacks reach its controller ({@code ImCallbacks}), which writes down the command, the query
 * string and the body it got ({@code forwarded COMMAND QUERY BODY}), once checked; group-full
 * callbacks still reach its listeners.
 */
abstract class SpringForwarding {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final AtomicInteger MESSAGES = new AtomicInteger();

    /** The server the application runs in. */
    abstract RunningServer server();

    /** The application's context path: "" at the root. */
    abstract String contextPath();

    /** Where the application's stand-ins write. */
    abstract ObserverFile observed();

    private HttpResponse<String> post(String query, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(server().uri(contextPath() + "/tim/callback?" + query))
                .header("Content-Type", "application/json").POST(BodyPublishers.ofString(body, UTF_8)).build(),
                BodyHandlers.ofString(UTF_8));
    }

    private static String query(String command) {
        return "SdkAppid=" + APP + "&CallbackCommand=" + command + "&contenttype=json&ClientIP=10.0.0.7&OptPlatform=iOS";
    }

    private static String message() {
        return "{\"CallbackCommand\":\"C2C.CallbackBeforeSendMsg\",\"From_Account\":\"a\",\"To_Account\":\"b\","
                + "\"MsgBody\":[{\"MsgType\":\"TIMTextElem\",\"MsgContent\":{\"Text\":\"caf\u00e9 \u4f60\u597d "
                + MESSAGES.incrementAndGet() + "\"}}]}";
    }

    @Test
    void aSignedOtherCallbackReachesTheControllerWithItsQueryAndBodyUntouched() throws Exception {
        double forwarded = SpringBootContract.meter(server(), contextPath(), "tim.callbacks.forwarded", null);
        String query = query("C2C.CallbackBeforeSendMsg") + "&" + CallbackContract.signature(TOKEN);
        String body = message();

        HttpResponse<String> response = post(query, body);

        assertEquals(200, response.statusCode(), response::body);
        assertEquals(OK, response.body());
        String line = "forwarded C2C.CallbackBeforeSendMsg " + query + " " + body;
        List<String> lines = observed().awaitLine(line);
        assertTrue(lines.contains(line), lines::toString);
        assertEquals(forwarded + 1, SpringBootContract.meter(server(), contextPath(), "tim.callbacks.forwarded", null));
    }

    @Test
    void anUnsignedOtherCallbackIsRefusedAndNeverReachesTheController() throws Exception {
        String unsigned = message();
        String signed = message();

        HttpResponse<String> refused = post(query("C2C.CallbackBeforeSendMsg"), unsigned);
        assertEquals(401, refused.statusCode(), refused::body);
        assertTrue(refused.body().startsWith("{\"ActionStatus\":\"FAIL\",\"ErrorCode\":40101,"), refused::body);
        String after = query("C2C.CallbackBeforeSendMsg") + "&" + CallbackContract.signature(TOKEN);
        assertEquals(200, post(after, signed).statusCode());

        List<String> lines = observed().awaitLine("forwarded C2C.CallbackBeforeSendMsg " + after + " " + signed);
        assertTrue(lines.stream().noneMatch(line -> line.endsWith(unsigned)), lines::toString);
    }

    @Test
    void groupFullCallbacksStillReachTheListenersOnce() throws Exception {
        String group = "@TGS#beside-forwarding-" + getClass().getSimpleName();
        HttpResponse<String> response = post(query("Group.CallbackAfterGroupFull") + "&" + CallbackContract.signature(TOKEN),
                SAMPLE.replace("@TGS#2J4SZEAEL", group));

        assertEquals(200, response.statusCode(), response::body);
        assertEquals(OK, response.body());
        List<String> lines = observed().awaitLine("async " + group + " " + APP);
        assertEquals(List.of("sync " + group + " " + APP, "async " + group + " " + APP),
                lines.stream().filter(line -> line.contains(group)).toList());
    }
}
