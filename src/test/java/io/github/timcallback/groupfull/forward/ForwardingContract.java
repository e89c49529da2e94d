package io.github.timcallback.groupfull.forward;

import static io.github.timcallback.groupfull.forward.VendorCalls.GROUP_FULL_SAMPLE;
import static io.github.timcallback.groupfull.forward.VendorCalls.OK;
import static io.github.timcallback.groupfull.forward.VendorCalls.assertRefused;
import static io.github.timcallback.groupfull.forward.VendorCalls.seen;
import static io.github.timcallback.groupfull.forward.VendorCalls.sha256;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * What an application whose one callback URL is the receiver relies on, wherever it runs: every
 * other callback reaches its own servlet ({@link OtherCallbackServlet}) byte for byte, checked,
 * and as if the vendor had called it; group-full callbacks reach its observers exactly once.
 * Each subclass installs the receiver and the application's servlet one of the ways the README
 * describes, with callback authentication on ({@link #TOKEN}) and a filter of the application on
 * all paths ({@link MarkingFilter}).
 */
public abstract class ForwardingContract {

    public static final String TOKEN = "forwarding-token-91c3";

    /** The app's SDKAppID. */
    protected abstract String app();

    /** The callback URL with {@code query}. */
    protected abstract URI callback(String query);

    /** What the application's group-full observers have received so far: "sync GROUP" and "async GROUP" lines. */
    protected abstract List<String> deliveries() throws Exception;

    protected HttpResponse<String> post(String query, BodyPublisher body, String contentType) throws Exception {
        return VendorCalls.post(callback(query), body, contentType);
    }

    protected String query(String command) {
        return VendorCalls.query(app(), TOKEN, command);
    }

    private HttpResponse<String> post(String query, String body) throws Exception {
        return post(query, BodyPublishers.ofString(body), "application/json");
    }

    @ParameterizedTest
    @FieldSource("io.github.timcallback.groupfull.forward.VendorCalls#OTHER_COMMANDS")
    void forwardsEachOtherCommandByteForByte(String command) throws Exception {
        String query = query(command);
        String body = "{\"CallbackCommand\":\"" + command + "\",\"GroupId\":\"@TGS#forwarded\",\"Text\":\"caf\u00e9 \u4f60\u597d\"}";

        Map<?, ?> seen = seen(post(query, body));

        assertEquals(sha256(query.substring(1)), seen.get("QuerySha256"));
        assertEquals(sha256(body), seen.get("BodySha256"));
        assertEquals("POST", seen.get("Method"));
        assertEquals(app(), seen.get("SdkAppid"));
        assertEquals("true", seen.get("Authenticated"));
    }

    /**
     * A failure of the application's handler reaches the container's error handling, not the
     * receiver's: a 500, never the receiver's JSON refusal (in the WAR, whose error page for
     * IOExceptions is the receiver, it keeps the container's status).
     */
    @Test
    void leavesAFailureOfTheApplicationsHandlerToTheContainer() throws Exception {
        HttpResponse<String> failed = post(query(OtherCallbackServlet.FAILING_COMMAND), "{}");
        assertEquals(500, failed.statusCode(), failed::body);
        assertFalse(failed.body().contains("ActionStatus"), failed::body);
    }

    @Test
    void runsTheApplicationsServletAsIfTheVendorHadCalledIt() throws Exception {
        String query = query("Group.CallbackAfterNewMemberJoin");
        Map<?, ?> seen = seen(post(query, "{}"));
        assertEquals("ran", seen.get("Filter"));
        assertEquals("active", seen.get("RequestScoped"));
        assertEquals(sha256(query.substring(1)), seen.get("InjectedRequest"));
    }

    @Test
    void forwardsChunkedLargeAndFormBodiesUntouched() throws Exception {
        String query = query("C2C.CallbackBeforeSendMsg");
        String large = "{\"MsgBody\":\"" + "z".repeat(300_000) + "\"}";
        String overTheReceiversLimit = "{\"MsgBody\":\"" + "y".repeat(16 * 1024) + "\"}";
        String form = "a=1&b=%E4%BD%A0&c=+";

        Map<?, ?> chunked = seen(post(query, BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(large.getBytes(UTF_8))),
                "application/json"));
        assertEquals(sha256(large), chunked.get("BodySha256"));
        assertEquals(large.length(), ((Number) chunked.get("BodyLength")).intValue());
        assertEquals(sha256(large), seen(post(query, large)).get("BodySha256"));
        assertEquals(sha256(overTheReceiversLimit), seen(post(query, overTheReceiversLimit)).get("BodySha256"));

        Map<?, ?> formBody = seen(post(query, BodyPublishers.ofString(form), "application/x-www-form-urlencoded"));
        assertEquals(sha256(form), formBody.get("BodySha256"));
        assertEquals("application/x-www-form-urlencoded", formBody.get("ContentType"));
        assertEquals(sha256(query.substring(1)), formBody.get("QuerySha256"));
    }

    @Test
    void leavesTheOtherParametersAndTheBodyToTheApplication() throws Exception {
        String query = query("C2C.CallbackAfterSendMsg").replace("contenttype=json", "contenttype=xml")
                .replace("ClientIP=10.0.0.7", "ClientIP=not-an-ip&ClientIP=other") + "&Extra=%E4%BD%A0";
        Map<?, ?> seen = seen(post(query, BodyPublishers.ofString("not json at all"), "text/plain"));
        assertEquals(sha256(query.substring(1)), seen.get("QuerySha256"));
        assertEquals(sha256("not json at all"), seen.get("BodySha256"));
    }

    @Test
    void refusesForeignUnsignedAndStaleCallbacksBeforeTheyReachTheApplication() throws Exception {
        String query = query("State.StateChange");
        int before = ((Number) seen(post(query, "{}")).get("Count")).intValue();
        String old = String.valueOf(System.currentTimeMillis() / 1000 - 600);

        assertRefused(403, 40301, post(query.replace("SdkAppid=" + app(), "SdkAppid=1400000999"), "{}"));
        assertRefused(400, 40003, post(query.replace("SdkAppid=" + app(), "SdkAppid="), "{}"));
        assertRefused(400, 40004, post(query.replace("SdkAppid=" + app(), "SdkAppid=abc"), "{}"));
        assertRefused(400, 40002, post(query + "&SdkAppid=1400000999", "{}"));
        assertRefused(401, 40105, post(query.replaceAll("Sign=[0-9a-f]+", "Sign=" + VendorCalls.sign("guessed", "1")), "{}"));
        assertRefused(401, 40101, post(query.replaceAll("&Sign=[0-9a-f]+", ""), "{}"));
        assertRefused(401, 40103, post(VendorCalls.query(app(), TOKEN, "State.StateChange", old), "{}"));

        int after = ((Number) seen(post(query, "{}")).get("Count")).intValue();
        assertEquals(before + 1, after, "a refused callback reached the application's servlet");
    }

    @Test
    void neverForwardsGroupFullOrACallbackWithoutCommand() throws Exception {
        String groupId = "@TGS#not-forwarded-" + getClass().getSimpleName();
        HttpResponse<String> groupFull = post(query("Group.CallbackAfterGroupFull"), GROUP_FULL_SAMPLE.replace("@TGS#2J4SZEAEL", groupId));
        assertEquals(200, groupFull.statusCode(), groupFull.body());
        assertEquals(OK, groupFull.body());
        assertEquals(List.of("sync " + groupId, "async " + groupId), deliveriesOf(groupId, 2));

        String noCommand = GROUP_FULL_SAMPLE.replace("@TGS#2J4SZEAEL", groupId + "-no-command");
        assertRefused(400, 40005, post(query("").replace("&CallbackCommand=", ""), noCommand));
        assertRefused(400, 40005, post(query(""), noCommand));
    }

    @Test
    void servesBothKindsOnOneKeptAliveConnectionAndFiresGroupFullOnce() throws Exception {
        String groupId = "@TGS#kept-alive-" + getClass().getSimpleName();
        URI callback = callback("");
        try (KeptAliveConnection connection = new KeptAliveConnection(callback)) {
            for (int round = 0; round < 2; round++) {
                KeptAliveConnection.Answer other = connection.post(callback.getRawPath() + query("State.StateChange"),
                        "{\"GroupId\":\"" + groupId + "-forwarded\"}");
                assertEquals(200, other.status(), other.head());
                assertFalse(other.closes(), other.head());
                assertTrue(other.body().contains("\"Count\":"), other.body());

                KeptAliveConnection.Answer groupFull = connection.post(callback.getRawPath() + query("Group.CallbackAfterGroupFull"),
                        GROUP_FULL_SAMPLE.replace("@TGS#2J4SZEAEL", groupId + "-" + round));
                assertEquals(200, groupFull.status(), groupFull.head());
                assertFalse(groupFull.closes(), groupFull.head());
                assertEquals(OK, groupFull.body());
            }
        }
        assertEquals(List.of("sync " + groupId + "-0", "async " + groupId + "-0"), deliveriesOf(groupId + "-0", 2));
        assertEquals(List.of("sync " + groupId + "-1", "async " + groupId + "-1"), deliveriesOf(groupId + "-1", 2));
        assertEquals(List.of(), deliveriesOf(groupId + "-forwarded", 0), "a forwarded callback fired");
    }

    /**
     * The deliveries of one group, once {@code expected} of them have arrived (bounded); the
     * synchronous one first. Deliveries of every group arrive in order, so when the expected ones
     * are in, one that should not exist would have arrived too if it had been fired before them.
     */
    private List<String> deliveriesOf(String groupId, int expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        List<String> found;
        do {
            found = deliveries().stream().filter(line -> line.endsWith(" " + groupId)).sorted((a, b) -> b.compareTo(a)).toList();
        } while (found.size() < expected && System.nanoTime() < deadline && pause());
        return found;
    }

    private static boolean pause() throws InterruptedException {
        Thread.sleep(20);
        return true;
    }
}
