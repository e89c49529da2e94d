package io.github.timcallback.groupfull.jetty;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.timcallback.groupfull.containers.Readme;
import io.github.timcallback.groupfull.containers.TomcatShutdown;
import io.github.timcallback.groupfull.containers.TomcatWithoutItsDatabase;
import io.github.timcallback.groupfull.forward.VendorCalls;
import jakarta.servlet.DispatcherType;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.zip.GZIPOutputStream;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every row of the README's error table, taken from the README, answered over HTTP with its
 * status and its JSON, provoked by a request of its own: on an embedded receiver that
 * authenticates callbacks (so every check is reached), with a body limit of 1 KiB, room for one
 * asynchronous notification and a deliberately faulty filter of the application
 * ({@link BodyReadingFilter}); {@code STORE_UNAVAILABLE} on a real Tomcat whose PostgreSQL is stopped
 * ({@link TomcatWithoutItsDatabase}); and {@code STOPPING} on a real Tomcat shutdown
 * ({@link TomcatShutdown}), the only way the containers let a callback reach a stopping receiver.
 */
class ErrorTableIT {

    static final String APP = GroupFullCallbackJettyIT.APP;
    static final String TOKEN = "error-table-token-6b02";
    static final String QUERY = "?SdkAppid=" + APP + "&CallbackCommand=Group.CallbackAfterGroupFull"
            + "&contenttype=json&ClientIP=127.0.0.1&OptPlatform=RESTAPI";
    static final String BODY = "{\"GroupId\":\"@TGS#error-table\"}";

    static EmbeddedReceiver receiver;

    /** Something that provokes one row's answer. */
    interface Provocation {
        RawHttp.Answer answer() throws Exception;
    }

    static final Map<String, Provocation> PROVOCATIONS = new LinkedHashMap<>();

    static {
        PROVOCATIONS.put("METHOD_NOT_ALLOWED", () -> send("GET", signed(QUERY), ""));
        PROVOCATIONS.put("QUERY_MALFORMED", () -> post(signed(QUERY + "&x=%zz"), BODY));
        PROVOCATIONS.put("PARAMETER_AMBIGUOUS", () -> post(signed(QUERY + "&SdkAppid=1400000002"), BODY));
        PROVOCATIONS.put("SDKAPPID_MISSING", () -> post(signed("?CallbackCommand=Group.CallbackAfterGroupFull"), BODY));
        PROVOCATIONS.put("SDKAPPID_MALFORMED", () -> post(signed(QUERY.replace(APP, "14000x")), BODY));
        PROVOCATIONS.put("SDKAPPID_UNKNOWN", () -> post(signed(QUERY.replace(APP, "1400000009")), BODY));
        PROVOCATIONS.put("COMMAND_UNSUPPORTED", () -> post(signed(QUERY.replace("Group.CallbackAfterGroupFull",
                "State.StateChange")), BODY));
        PROVOCATIONS.put("CONTENT_TYPE_UNSUPPORTED", () -> post(signed(QUERY.replace("contenttype=json", "contenttype=xml")), BODY));
        PROVOCATIONS.put("CLIENT_IP_MALFORMED", () -> post(signed(QUERY.replace("127.0.0.1", "localhost")), BODY));
        PROVOCATIONS.put("SIGNATURE_MISSING", () -> post(QUERY, BODY));
        PROVOCATIONS.put("REQUEST_TIME_MALFORMED", () -> post(QUERY + "&RequestTime=soon&Sign="
                + VendorCalls.sign(TOKEN, "soon"), BODY));
        PROVOCATIONS.put("REQUEST_TIME_STALE", () -> {
            String anHourAgo = String.valueOf(System.currentTimeMillis() / 1000 - 3600);
            return post(QUERY + "&RequestTime=" + anHourAgo + "&Sign=" + VendorCalls.sign(TOKEN, anHourAgo), BODY);
        });
        PROVOCATIONS.put("SIGNATURE_MALFORMED", () -> post(QUERY + "&RequestTime=" + now() + "&Sign=abc", BODY));
        PROVOCATIONS.put("SIGNATURE_MISMATCH", () -> post(QUERY + "&RequestTime=" + now() + "&Sign="
                + VendorCalls.sign("another-token", now()), BODY));
        PROVOCATIONS.put("BODY_TOO_LARGE", () -> post(signed(QUERY), "{\"GroupId\":\"g\",\"pad\":\"" + "x".repeat(2000) + "\"}"));
        PROVOCATIONS.put("BODY_ENCODED", () -> exchange(RawHttp.post(EmbeddedReceiver.PATH + signed(QUERY), gzip(BODY),
                "Content-Encoding: gzip")));
        PROVOCATIONS.put("BODY_INCOMPLETE", () -> exchange(withContentLength(RawHttp.post(EmbeddedReceiver.PATH + signed(QUERY),
                BODY.getBytes(UTF_8)), BODY.length() + 100)));
        PROVOCATIONS.put("BODY_NOT_UTF8", () -> exchange(RawHttp.post(EmbeddedReceiver.PATH + signed(QUERY),
                "{\"GroupId\":\"caf\u00e9\"}".getBytes(ISO_8859_1))));
        PROVOCATIONS.put("BODY_NOT_JSON", () -> post(signed(QUERY), "{\"GroupId\":"));
        PROVOCATIONS.put("BODY_NOT_OBJECT", () -> post(signed(QUERY), "[]"));
        PROVOCATIONS.put("BODY_TOO_DEEP", () -> post(signed(QUERY), "{\"GroupId\":\"g\",\"Later\":" + "[".repeat(40)
                + "]".repeat(40) + "}"));
        PROVOCATIONS.put("GROUP_ID_MISSING", () -> post(signed(QUERY), "{}"));
        PROVOCATIONS.put("GROUP_ID_INVALID", () -> post(signed(QUERY), "{\"GroupId\":\"\"}"));
        PROVOCATIONS.put("BODY_COMMAND_MISMATCH", () -> post(signed(QUERY), "{\"GroupId\":\"g\",\"CallbackCommand\":\"State.StateChange\"}"));
        PROVOCATIONS.put("EVENT_TIME_INVALID", () -> post(signed(QUERY), "{\"GroupId\":\"g\",\"EventTime\":\"yesterday\"}"));
        PROVOCATIONS.put("TOPIC_ID_INVALID", () -> post(signed(QUERY), "{\"GroupId\":\"g\",\"TopicId\":[]}"));
        PROVOCATIONS.put("FIELD_REPEATED", () -> post(signed(QUERY), "{\"GroupId\":\"g\",\"GroupId\":\"h\"}"));
        PROVOCATIONS.put("OBSERVER_FAILED", () -> post(signed(QUERY), "{\"GroupId\":\"" + RecordingObserver.FAILING_GROUP + "\"}"));
        PROVOCATIONS.put("INTERNAL_ERROR", () -> exchange(RawHttp.post(EmbeddedReceiver.PATH + signed(QUERY),
                BODY.getBytes(UTF_8), BodyReadingFilter.HEADER + ": 1")));
        PROVOCATIONS.put("ASYNC_BACKLOG_FULL", () -> {
            SlowAsyncObserver.close();
            try {
                RawHttp.Answer first = post(signed(QUERY), "{\"GroupId\":\"" + SlowAsyncObserver.PREFIX + "error-table\"}");
                assertEquals(200, first.status(), "the callback that takes the one place: " + first.body());
                return post(signed(QUERY), BODY);
            } finally {
                SlowAsyncObserver.open();
            }
        });
        PROVOCATIONS.put("STORE_UNAVAILABLE", () -> {
            HttpResponse<String> answer = TomcatWithoutItsDatabase.post(APP, EmbeddedReceiver.PATH + QUERY, BODY);
            return new RawHttp.Answer(answer.statusCode(), "Content-Type: "
                    + answer.headers().firstValue("Content-Type").orElse(""), answer.body());
        });
        PROVOCATIONS.put("STOPPING", () -> {
            HttpResponse<String> held = TomcatShutdown.outcome().heldCallback();
            return new RawHttp.Answer(held.statusCode(), "Content-Type: "
                    + held.headers().firstValue("Content-Type").orElse(""), held.body());
        });
    }

    @BeforeAll
    static void start() throws Exception {
        receiver = EmbeddedReceiver.start(Map.of("tim.sdkAppId", APP, "tim.callbackToken", TOKEN, "tim.maxBodyBytes", "1024",
                "tim.maxPendingAsync", "1"), application -> application.addFilter(new FilterHolder(BodyReadingFilter.class),
                        "/*", EnumSet.of(DispatcherType.REQUEST)));
    }

    @AfterAll
    static void stop() throws Exception {
        receiver.close();
    }

    @BeforeEach
    void clear() throws InterruptedException {
        RecordingObserver.clear();
    }

    static String now() {
        return String.valueOf(System.currentTimeMillis() / 1000);
    }

    static String signed(String query) {
        String time = now();
        return query + "&RequestTime=" + time + "&Sign=" + VendorCalls.sign(TOKEN, time);
    }

    static RawHttp.Answer post(String query, String body) throws Exception {
        return send("POST", query, body);
    }

    static RawHttp.Answer send(String method, String query, String body) throws Exception {
        byte[] post = RawHttp.post(EmbeddedReceiver.PATH + query, body.getBytes(UTF_8));
        String request = new String(post, ISO_8859_1);
        return exchange((method + request.substring("POST".length())).getBytes(ISO_8859_1));
    }

    static RawHttp.Answer exchange(byte[] request) throws Exception {
        return RawHttp.exchange(receiver.uri("/"), request);
    }

    /** {@code request} with its Content-Length replaced by {@code declared}. */
    static byte[] withContentLength(byte[] request, int declared) {
        String text = new String(request, ISO_8859_1);
        return text.replaceFirst("Content-Length: \\d+", "Content-Length: " + declared).getBytes(ISO_8859_1);
    }

    static byte[] gzip(String text) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(UTF_8));
        }
        return bytes.toByteArray();
    }

    /** The README's error table: name (without its backticks), HTTP status, ErrorCode, ErrorInfo. */
    static List<List<String>> errorTable() throws Exception {
        return Readme.table("## Errors").stream()
                .map(row -> List.of(row.get(0).replace("`", ""), row.get(1), row.get(2), row.get(3))).toList();
    }

    @Test
    void everyRowHasARequestThatProvokesIt() throws Exception {
        assertEquals(new TreeSet<>(PROVOCATIONS.keySet()),
                new TreeSet<>(errorTable().stream().map(row -> row.get(0)).toList()));
    }

    static List<Arguments> rows() throws Exception {
        return errorTable().stream().map(row -> Arguments.of(row.toArray())).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void answersEveryRowOverHttpWithItsStatusAndErrorCode(String name, String status, String errorCode, String errorInfo)
            throws Exception {
        Provocation provocation = PROVOCATIONS.get(name);
        assertNotNull(provocation, "no request provokes " + name);

        RawHttp.Answer answer = provocation.answer();

        assertEquals(Integer.parseInt(status), answer.status(), answer.head() + "\n" + answer.body());
        assertEquals("{\"ActionStatus\":\"FAIL\",\"ErrorCode\":" + errorCode + ",\"ErrorInfo\":\"" + errorInfo + "\"}",
                answer.body());
        assertEquals("application/json;charset=utf-8", answer.header("Content-Type").toLowerCase().replace(" ", ""));
        RecordingObserver.clear();
        assertTrue(RecordingObserver.ASYNC.stream().noneMatch(event -> !event.groupId().startsWith(SlowAsyncObserver.PREFIX)),
                "a refused callback reached an asynchronous observer");
    }
}
