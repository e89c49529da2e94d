package io.github.timcallback.groupfull.jetty;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.timcallback.groupfull.Rejection;
import io.github.timcallback.groupfull.GroupFullEvent;
import io.github.timcallback.groupfull.forward.HttpContextWatcher;
import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The receiver end to end: real HTTP into the real web.xml on embedded Jetty with Weld. */
class GroupFullCallbackJettyIT {

    static final String APP = "1400000001";
    static final String OTHER_APP = "1400000002";
    static final String QUERY = "?SdkAppid=" + APP + "&CallbackCommand=Group.CallbackAfterGroupFull"
            + "&contenttype=json&ClientIP=127.0.0.1&OptPlatform=RESTAPI";
    static final String SAMPLE = """
            {
            "CallbackCommand": "Group.CallbackAfterGroupFull",
            "GroupId": "@TGS#2J4SZEAEL",
            "EventTime": "1670574414123"
            }""";
    static final String OK = "{\"ActionStatus\":\"OK\",\"ErrorInfo\":\"\",\"ErrorCode\":0}";

    static EmbeddedReceiver receiver;
    static HttpClient http;

    @BeforeAll
    static void start() throws Exception {
        receiver = EmbeddedReceiver.start(Map.of("tim.sdkAppId", APP + "," + OTHER_APP, "tim.maxBodyBytes", "1024"));
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterAll
    static void stop() throws Exception {
        receiver.close();
    }

    @BeforeEach
    void clearObserver() throws InterruptedException {
        RecordingObserver.clear();
    }

    static HttpResponse<String> post(String query, String body) throws Exception {
        return send(HttpRequest.newBuilder(receiver.uri(EmbeddedReceiver.PATH + query))
                .POST(BodyPublishers.ofString(body)).header("Content-Type", "application/json"));
    }

    static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), BodyHandlers.ofString(UTF_8));
    }

    static void assertAccepted(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(OK, response.body());
        assertJson(response);
    }

    static void assertJson(HttpResponse<String> response) {
        assertEquals("application/json;charset=utf-8",
                response.headers().firstValue("Content-Type").orElseThrow().toLowerCase().replace(" ", ""));
        assertEquals(String.valueOf(response.body().getBytes(UTF_8).length),
                response.headers().firstValue("Content-Length").orElseThrow());
    }

    static void assertRejected(Rejection expected, HttpResponse<String> response) {
        assertEquals(expected.status(), response.statusCode(), response.body());
        assertEquals("{\"ActionStatus\":\"FAIL\",\"ErrorCode\":" + expected.errorCode() + ",\"ErrorInfo\":\""
                + expected.message() + "\"}", response.body());
        assertJson(response);
        assertTrue(RecordingObserver.SYNC.isEmpty(), "a rejected request fired an event");
    }

    static GroupFullEvent theOnlyEvent() {
        assertEquals(1, RecordingObserver.SYNC.size(), "synchronous deliveries");
        return RecordingObserver.SYNC.get(0);
    }

    @Test
    void acceptsTheDocumentedSampleAndFiresOnce() throws Exception {
        Instant before = Instant.now();
        assertAccepted(post(QUERY, SAMPLE));

        GroupFullEvent event = theOnlyEvent();
        assertEquals(APP, event.sdkAppId());
        assertEquals("@TGS#2J4SZEAEL", event.groupId());
        assertNull(event.topicId());
        assertEquals(Instant.ofEpochMilli(1670574414123L), event.eventTime());
        assertEquals("127.0.0.1", event.clientIp());
        assertEquals("RESTAPI", event.optPlatform());
        assertTrue(!event.receivedAt().isBefore(before.minusSeconds(1)) && !event.receivedAt().isAfter(Instant.now()));
        assertTrue(RecordingObserver.awaitAsync(1), "asynchronous delivery");
        assertEquals(event, RecordingObserver.ASYNC.get(0));
        assertEquals(1, RecordingObserver.ASYNC.size());
    }

    @Test
    void runsSynchronousObserversOnTheRequestThreadAndAsynchronousOnesElsewhere() throws Exception {
        assertAccepted(post(QUERY, SAMPLE));
        assertTrue(RecordingObserver.awaitAsync(1));
        assertTrue(RecordingObserver.SYNC_THREAD.get().startsWith("qtp"), RecordingObserver.SYNC_THREAD.get());
        assertNotEquals(RecordingObserver.SYNC_THREAD.get(), RecordingObserver.ASYNC_THREAD.get());
    }

    @Test
    void givesSynchronousObserversARequestContextThatEndsWithEachCallback() throws Exception {
        RequestScopeObserver.SEEN.clear();
        RequestScopeObserver.Probe.DESTROYED.clear();
        assertAccepted(post(QUERY, SAMPLE));
        assertEquals(RequestScopeObserver.SEEN, RequestScopeObserver.Probe.DESTROYED.stream()
                .flatMap(id -> Stream.of(id, id)).toList(), "one request-scoped bean, ended by the answer");
        assertAccepted(post(QUERY, SAMPLE));
        List<Integer> seen = RequestScopeObserver.SEEN;
        assertEquals(4, seen.size());
        assertEquals(seen.get(0), seen.get(1));
        assertEquals(seen.get(2), seen.get(3));
        assertNotEquals(seen.get(0), seen.get(2), "each callback has a request context of its own");
        assertEquals(List.of(seen.get(0), seen.get(2)), RequestScopeObserver.Probe.DESTROYED);
    }

    @Test
    void acceptsEventTimeAsNumberTopicIdAndUnknownFields() throws Exception {
        assertAccepted(post(QUERY, "{\"CallbackCommand\":\"Group.CallbackAfterGroupFull\",\"GroupId\":\"@TGS#_@TGS#cQVLVHIM62CJ\","
                + "\"TopicId\":\"@TGS#_@TGS#cQVLVHIM62CJ@TOPIC#_TestTopic\",\"EventTime\":1670574414123,"
                + "\"AddedLater\":{\"x\":[1,2]}}"));
        GroupFullEvent event = theOnlyEvent();
        assertEquals("@TGS#_@TGS#cQVLVHIM62CJ@TOPIC#_TestTopic", event.topicId());
        assertEquals(Instant.ofEpochMilli(1670574414123L), event.eventTime());
    }

    @Test
    void acceptsABodyWithoutEventTime() throws Exception {
        assertAccepted(post(QUERY, "{\"CallbackCommand\":\"Group.CallbackAfterGroupFull\",\"GroupId\":\"@TGS#2J4SZEAEL\"}"));
        assertNull(theOnlyEvent().eventTime());
    }

    @Test
    void keepsAUnicodeGroupId() throws Exception {
        assertAccepted(post(QUERY, "{\"GroupId\":\"技术群🙂\"}"));
        assertEquals("技术群🙂", theOnlyEvent().groupId());
    }

    @ParameterizedTest
    @ValueSource(strings = {"RESTAPI", "Web", "Android", "iOS", "IOS", "Windows", "Mac", "macOS", "iPad", "Unknown",
        "HarmonyOS"})
    void passesEveryPlatformOn(String platform) throws Exception {
        assertAccepted(post(QUERY.replace("OptPlatform=RESTAPI", "OptPlatform=" + platform), SAMPLE));
        assertEquals(platform, theOnlyEvent().optPlatform());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ClientIP=2001%3Adb8%3A%3A1|2001:db8::1",
        "ClientIP=2001:db8::1|2001:db8::1",
        "ClientIP=::ffff:10.0.0.1|::ffff:10.0.0.1",
        "ClientIP=|",
        "Other=1|",
    })
    void acceptsIpv6AndEmptyOrAbsentClientIp(String clientIp, String expected) throws Exception {
        assertAccepted(post(QUERY.replace("ClientIP=127.0.0.1", clientIp), SAMPLE));
        assertEquals(expected, theOnlyEvent().clientIp());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "?CallbackCommand=Group.CallbackAfterGroupFull&SdkAppid=1400000002",
        "?SdkAppid=1400000001&CallbackCommand=Group.CallbackAfterGroupFull&contenttype=JSON",
        "?SdkAppid=1400000001&SdkAppid=1400000001&CallbackCommand=Group%2ECallbackAfterGroupFull",
        "?SdkAppid=1400000001&CallbackCommand=Group.CallbackAfterGroupFull&Sign=ignored&RequestTime=1",
    })
    void acceptsQueryVariants(String query) throws Exception {
        assertAccepted(post(query, SAMPLE));
        theOnlyEvent();
    }

    @Test
    void readsTheQueryNotAFormWhenTheContentTypeSaysForm() throws Exception {
        assertAccepted(send(HttpRequest.newBuilder(receiver.uri(EmbeddedReceiver.PATH + QUERY))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(BodyPublishers.ofString(SAMPLE))));
        assertEquals("@TGS#2J4SZEAEL", theOnlyEvent().groupId());
    }

    @Test
    void acceptsAChunkedBody() throws Exception {
        assertAccepted(send(HttpRequest.newBuilder(receiver.uri(EmbeddedReceiver.PATH + QUERY))
                .POST(chunked(SAMPLE.getBytes(UTF_8)))));
        theOnlyEvent();
    }

    @Test
    void acceptsWithoutAContentTypeHeader() throws Exception {
        assertAccepted(send(HttpRequest.newBuilder(receiver.uri(EmbeddedReceiver.PATH + QUERY))
                .POST(BodyPublishers.ofString(SAMPLE))));
        theOnlyEvent();
    }

    static BodyPublisher chunked(byte[] bytes) {
        return BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes));
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "HEAD", "PUT", "DELETE", "PATCH", "OPTIONS"})
    void answersOtherMethodsWith405(String method) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(receiver.uri(EmbeddedReceiver.PATH + QUERY))
                .method(method, BodyPublishers.ofString(method.equals("GET") || method.equals("HEAD") ? "" : SAMPLE)));
        assertEquals(405, response.statusCode());
        assertEquals("POST", response.headers().firstValue("Allow").orElseThrow());
        if (!method.equals("HEAD")) {
            assertRejected(Rejection.METHOD_NOT_ALLOWED, response);
        }
        assertTrue(RecordingObserver.SYNC.isEmpty());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "|SDKAPPID_MISSING",
        "?CallbackCommand=Group.CallbackAfterGroupFull|SDKAPPID_MISSING",
        "?SdkAppid=&CallbackCommand=Group.CallbackAfterGroupFull|SDKAPPID_MISSING",
        "?sdkappid=1400000001&CallbackCommand=Group.CallbackAfterGroupFull|SDKAPPID_MISSING",
        "?SdkAppid=14000x&CallbackCommand=Group.CallbackAfterGroupFull|SDKAPPID_MALFORMED",
        "?SdkAppid=-1400000001&CallbackCommand=Group.CallbackAfterGroupFull|SDKAPPID_MALFORMED",
        "?SdkAppid=1400000009&CallbackCommand=Group.CallbackAfterGroupFull|SDKAPPID_UNKNOWN",
        "?SdkAppid=01400000001&CallbackCommand=Group.CallbackAfterGroupFull|SDKAPPID_UNKNOWN",
        "?SdkAppid=1400000001|COMMAND_UNSUPPORTED",
        "?SdkAppid=1400000001&CallbackCommand=Group.CallbackAfterNewMemberJoin|COMMAND_UNSUPPORTED",
        "?SdkAppid=1400000001&CallbackCommand=group.callbackaftergroupfull|COMMAND_UNSUPPORTED",
        "?SdkAppid=1400000001&CallbackCommand=Group.CallbackAfterGroupFull&contenttype=xml|CONTENT_TYPE_UNSUPPORTED",
        "?SdkAppid=1400000001&CallbackCommand=Group.CallbackAfterGroupFull&ClientIP=localhost|CLIENT_IP_MALFORMED",
        "?SdkAppid=1400000001&CallbackCommand=Group.CallbackAfterGroupFull&ClientIP=256.1.1.1|CLIENT_IP_MALFORMED",
        "?SdkAppid=1400000001&CallbackCommand=Group.CallbackAfterGroupFull&ClientIP=1.2.3|CLIENT_IP_MALFORMED",
        "?SdkAppid=1400000001&SdkAppid=1400000002&CallbackCommand=Group.CallbackAfterGroupFull|PARAMETER_AMBIGUOUS",
        "?SdkAppid=1400000001&CallbackCommand=Group.CallbackAfterGroupFull&CallbackCommand=Group.CallbackAfterNewMemberJoin|PARAMETER_AMBIGUOUS",
        "?SdkAppid=1400000001&CallbackCommand=Group.CallbackAfterGroupFull&x=%E4|QUERY_MALFORMED",
    })
    void rejectsBadQueries(String query, Rejection expected) throws Exception {
        assertRejected(expected, post(query == null ? "" : query, SAMPLE));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "?SdkAppid=1400000001&CallbackCommand=Group.CallbackAfterGroupFull&x=%zz",
        "?SdkAppid=1400000001%",
        "?SdkAppid=1400000001&CallbackCommand=Group.CallbackAfterGroupFull&x=%4",
    })
    void rejectsBrokenPercentEscapes(String query) throws Exception {
        RawHttp.Answer answer = RawHttp.exchange(receiver.uri("/"),
                RawHttp.post(EmbeddedReceiver.PATH + query, SAMPLE.getBytes(UTF_8)));
        assertEquals(400, answer.status(), answer.head());
        assertEquals("{\"ActionStatus\":\"FAIL\",\"ErrorCode\":40001,\"ErrorInfo\":\""
                + Rejection.QUERY_MALFORMED.message() + "\"}", answer.body());
        assertTrue(RecordingObserver.SYNC.isEmpty());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "``|BODY_NOT_JSON",
        "`{\"GroupId\":`|BODY_NOT_JSON",
        "`{\"GroupId\":\"g\"} trailing`|BODY_NOT_JSON",
        "`[]`|BODY_NOT_OBJECT",
        "`{}`|GROUP_ID_MISSING",
        "`{\"GroupId\":\"\"}`|GROUP_ID_INVALID",
        "`{\"GroupId\":42}`|GROUP_ID_INVALID",
        "`{\"GroupId\":\"g\",\"GroupId\":\"h\"}`|FIELD_REPEATED",
        "`{\"GroupId\":\"g\",\"CallbackCommand\":\"Group.CallbackBeforeSendMsg\"}`|BODY_COMMAND_MISMATCH",
        "`{\"GroupId\":\"g\",\"EventTime\":\"yesterday\"}`|EVENT_TIME_INVALID",
        "`{\"GroupId\":\"g\",\"EventTime\":1.5}`|EVENT_TIME_INVALID",
        "`{\"GroupId\":\"g\",\"TopicId\":[]}`|TOPIC_ID_INVALID",
    })
    void rejectsBadBodies(String body, Rejection expected) throws Exception {
        assertRejected(expected, post(QUERY, body));
    }

    @Test
    void rejectsABodyThatIsNotUtf8() throws Exception {
        assertRejected(Rejection.BODY_NOT_UTF8, send(HttpRequest.newBuilder(receiver.uri(EmbeddedReceiver.PATH + QUERY))
                .POST(BodyPublishers.ofByteArray("{\"GroupId\":\"caf\u00e9\"}".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)))));
    }

    @Test
    void rejectsADeclaredBodyOverTheLimitBeforeReadingIt() throws Exception {
        String big = "{\"GroupId\":\"g\",\"pad\":\"" + "x".repeat(1024) + "\"}";
        assertRejected(Rejection.BODY_TOO_LARGE, post(QUERY, big));
    }

    @Test
    void closesTheConnectionWhenItLeavesABodyUnread() throws Exception {
        String big = "{\"GroupId\":\"g\",\"pad\":\"" + "x".repeat(2048) + "\"}";
        HttpResponse<String> tooLarge = post(QUERY, big);
        assertEquals(413, tooLarge.statusCode());
        assertEquals("close", tooLarge.headers().firstValue("Connection").orElse("keep-alive"));

        HttpResponse<String> otherApp = post(QUERY.replace(APP, "1400000009"), SAMPLE);
        assertEquals(403, otherApp.statusCode());
        assertEquals("close", otherApp.headers().firstValue("Connection").orElse("keep-alive"));

        HttpResponse<String> accepted = post(QUERY, SAMPLE);
        assertAccepted(accepted);
        assertEquals("keep-alive", accepted.headers().firstValue("Connection").orElse("keep-alive"));
    }

    @Test
    void leavesWeldsHttpContextsOffTheCallbackPath() throws Exception {
        HttpContextWatcher.QUERIES.clear();
        assertRejected(Rejection.COMMAND_UNSUPPORTED, post(QUERY.replace("Group.CallbackAfterGroupFull", "State.StateChange"), "{}"));
        assertAccepted(post(QUERY, SAMPLE));
        assertEquals(List.of(), HttpContextWatcher.QUERIES);
    }

    @Test
    void keepsTheConnectionForTheAppsOtherCallbacks() throws Exception {
        String otherCommand = "Group.CallbackAfterNewMemberJoin";
        HttpResponse<String> other = post(QUERY.replace("Group.CallbackAfterGroupFull", otherCommand),
                SAMPLE.replace("Group.CallbackAfterGroupFull", otherCommand));
        assertRejected(Rejection.COMMAND_UNSUPPORTED, other);
        assertEquals("keep-alive", other.headers().firstValue("Connection").orElse("keep-alive"));
        assertAccepted(post(QUERY, SAMPLE));
    }

    @Test
    void rejectsAChunkedBodyOverTheLimit() throws Exception {
        byte[] big = ("{\"GroupId\":\"g\",\"pad\":\"" + "x".repeat(4096) + "\"}").getBytes(UTF_8);
        assertRejected(Rejection.BODY_TOO_LARGE, send(HttpRequest.newBuilder(receiver.uri(EmbeddedReceiver.PATH + QUERY))
                .POST(chunked(big))));
    }

    @Test
    void acceptsABodyOfExactlyTheLimit() throws Exception {
        String prefix = "{\"GroupId\":\"g\",\"pad\":\"";
        String body = prefix + "x".repeat(1024 - prefix.length() - 2) + "\"}";
        assertEquals(1024, body.length());
        assertAccepted(post(QUERY, body));
        assertAccepted(send(HttpRequest.newBuilder(receiver.uri(EmbeddedReceiver.PATH + QUERY))
                .POST(chunked(body.getBytes(UTF_8)))));
        assertEquals(2, RecordingObserver.SYNC.size());
    }

    @Test
    void answers500WhenASynchronousObserverFailsThenRecovers() throws Exception {
        HttpResponse<String> failed = post(QUERY, "{\"GroupId\":\"" + RecordingObserver.FAILING_GROUP + "\"}");
        assertEquals(500, failed.statusCode());
        assertEquals("{\"ActionStatus\":\"FAIL\",\"ErrorCode\":50001,\"ErrorInfo\":\"The application could not"
                + " process the callback.\"}", failed.body());
        assertJson(failed);

        RecordingObserver.clear();
        assertAccepted(post(QUERY, SAMPLE));
        assertEquals("@TGS#2J4SZEAEL", theOnlyEvent().groupId());
        assertTrue(RecordingObserver.awaitAsync(1));
        assertEquals("@TGS#2J4SZEAEL", RecordingObserver.ASYNC.get(0).groupId());
    }

    @Test
    void notifiesNoAsynchronousObserverOfACallbackWhoseSynchronousObserverFailed() throws Exception {
        assertEquals(500, post(QUERY, "{\"GroupId\":\"" + RecordingObserver.FAILING_GROUP + "\"}").statusCode());
        // The vendor retries the 500: had the asynchronous observers been notified of it, their work would run twice.
        assertAccepted(post(QUERY, "{\"GroupId\":\"@TGS#after-a-failure\"}"));
        assertTrue(RecordingObserver.awaitAsync("@TGS#after-a-failure"));
        assertEquals(List.of("@TGS#after-a-failure"), RecordingObserver.ASYNC.stream().map(GroupFullEvent::groupId).toList(),
                "asynchronous deliveries, the later callback's having arrived after any of the failed one's");
    }

    @Test
    void answersOkWhenAnAsynchronousObserverFails() throws Exception {
        assertAccepted(post(QUERY, "{\"GroupId\":\"" + RecordingObserver.FAILING_ASYNC_GROUP + "\"}"));
        assertTrue(RecordingObserver.awaitAsync(1));
        assertAccepted(post(QUERY, SAMPLE));
        assertTrue(RecordingObserver.awaitAsync(2));
        assertEquals(2, RecordingObserver.SYNC.size());
    }

    @Test
    void servesManyCallbacksOnOneKeptAliveConnection() throws Exception {
        for (int i = 0; i < 50; i++) {
            assertAccepted(post(QUERY, "{\"GroupId\":\"g" + i + "\"}"));
        }
        assertEquals(50, RecordingObserver.SYNC.size());
        assertTrue(RecordingObserver.awaitAsync(50));
        assertEquals(50, RecordingObserver.ASYNC.size());
    }

}
