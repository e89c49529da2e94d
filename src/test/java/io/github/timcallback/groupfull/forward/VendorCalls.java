package io.github.timcallback.groupfull.forward;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.List;
import java.util.Map;

/** Callbacks as the vendor sends them to the app's one URL, signed, and what the app's own servlet saw of them. */
public final class VendorCalls {

    /** Twelve of the vendor's other commands, "before" and "after" callbacks of every family. */
    public static final List<String> OTHER_COMMANDS = List.of("C2C.CallbackBeforeSendMsg", "C2C.CallbackAfterSendMsg",
            "Group.CallbackBeforeSendMsg", "Group.CallbackAfterNewMemberJoin", "Group.CallbackAfterCreateGroup",
            "State.StateChange", "Profile.CallbackPortraitSet", "Sns.CallbackPrevFriendAdd",
            "Follow.CallbackAfterFollowAdd", "Alert.RequestOverLimit", "Bot.OnC2CMessage",
            "OfficialAccount.CallbackAfterSendMsg");
    public static final String GROUP_FULL_SAMPLE = "{\"CallbackCommand\":\"Group.CallbackAfterGroupFull\","
            + "\"GroupId\":\"@TGS#2J4SZEAEL\",\"EventTime\":\"1670574414123\"}";
    public static final String OK = "{\"ActionStatus\":\"OK\",\"ErrorInfo\":\"\",\"ErrorCode\":0}";

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final Jsonb JSONB = JsonbBuilder.create();

    private VendorCalls() {
    }

    /** The query of a callback of {@code command}, signed now with {@code token} as the vendor documents. */
    public static String query(String app, String token, String command) {
        String time = String.valueOf(System.currentTimeMillis() / 1000);
        return query(app, token, command, time);
    }

    public static String query(String app, String token, String command, String requestTime) {
        return "?SdkAppid=" + app + "&CallbackCommand=" + command + "&contenttype=json&ClientIP=10.0.0.7"
                + "&OptPlatform=Android&RequestTime=" + requestTime + "&Sign=" + sign(token, requestTime);
    }

    /** Lowercase hex SHA-256 of the token followed by RequestTime. */
    public static String sign(String token, String requestTime) {
        return OtherCallbackServlet.sha256((token + requestTime).getBytes(UTF_8));
    }

    public static HttpResponse<String> post(URI uri, BodyPublisher body, String contentType) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri).POST(body).header("Content-Type", contentType).build(),
                BodyHandlers.ofString(UTF_8));
    }

    /** What the application's own servlet answered it saw; fails unless it answered. */
    public static Map<?, ?> seen(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        Map<?, ?> seen = JSONB.fromJson(response.body(), Map.class);
        assertEquals("OK", seen.get("ActionStatus"), response.body());
        assertEquals(true, seen.containsKey("Count"), "not the application's servlet: " + response.body());
        return seen;
    }

    /** The receiver's own refusal, not the application's answer. */
    public static void assertRefused(int status, int errorCode, HttpResponse<String> response) {
        assertEquals(status, response.statusCode(), response.body());
        Map<?, ?> json = JSONB.fromJson(response.body(), Map.class);
        assertEquals("FAIL", json.get("ActionStatus"));
        assertEquals(errorCode, ((Number) json.get("ErrorCode")).intValue(), response.body());
    }

    public static String sha256(String s) {
        return OtherCallbackServlet.sha256(s.getBytes(UTF_8));
    }
}
