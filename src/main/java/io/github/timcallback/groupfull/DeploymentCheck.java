package io.github.timcallback.groupfull;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a deployed receiver the way the vendor will call it, so that a wrong URL, SDKAppID,
 * token or clock shows up before a group actually fills up:
 *
 * <pre>
 * java -jar group-full-callback-VERSION-classes.jar CALLBACK_URL --sdkappid ID [--token TOKEN] [--fire]
 * </pre>
 *
 * <p>By default it sends a correctly signed callback whose body is deliberately incomplete JSON:
 * the receiver checks the URL, the SdkAppid and the signature before it reads the body, so
 * refusing only the body ({@code BODY_NOT_JSON}) means genuine callbacks will be accepted, and
 * no observer runs. {@code --fire} sends the documented sample instead, and the observers run.
 * The token may also come from the environment ({@code TIM_CALLBACK_TOKEN}), which keeps it out of
 * the process list. Either may be written as the receiver's setting is, {@code SDKAPPID:TOKEN}
 * pairs: the check then signs with the token of the {@code --sdkappid} it is given (the last
 * one, the newest of a rotation, when it has several), so that the receiver's own value can be
 * handed to it for each app in turn. Exit status 0 only when the deployment would accept genuine callbacks, 1 when
 * it would not, 2 for a wrong command line. Needs the JDK only.
 */
public final class DeploymentCheck {

    /** The vendor waits this long for an answer. */
    static final Duration VENDOR_TIMEOUT = Duration.ofSeconds(2);
    static final String INCOMPLETE_BODY = "{\"CallbackCommand\":\"" + CallbackQuery.COMMAND + "\",\"GroupId\":";
    static final String SAMPLE_BODY = "{\"CallbackCommand\":\"" + CallbackQuery.COMMAND + "\",\"GroupId\":\"@TGS#2J4SZEAEL\","
            + "\"EventTime\":\"1670574414123\"}";
    private static final Pattern ERROR_CODE = Pattern.compile("\"ErrorCode\"\\s*:\\s*(\\d+)");

    private DeploymentCheck() {
    }

    /**
     * Runs the check and exits with its status.
     *
     * @param args {@code CALLBACK_URL --sdkappid ID}, then {@code --token TOKEN}, {@code --fire} or
     *             {@code --time-offset SECONDS} as needed
     */
    public static void main(String[] args) {
        System.exit(run(args, System.getenv("TIM_CALLBACK_TOKEN"), System.out));
    }

    /** Runs the check; its exit status. */
    static int run(String[] args, String tokenFromEnvironment, PrintStream out) {
        String url = null;
        String sdkAppId = null;
        String token = tokenFromEnvironment;
        boolean fire = false;
        long offset = 0;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--sdkappid" -> sdkAppId = args[++i];
                    case "--token" -> token = args[++i];
                    case "--fire" -> fire = true;
                    case "--time-offset" -> offset = Long.parseLong(args[++i]);
                    default -> {
                        if (args[i].startsWith("--") || url != null) {
                            return usage(out, "Unknown argument " + args[i]);
                        }
                        url = args[i];
                    }
                }
            }
        } catch (ArrayIndexOutOfBoundsException | NumberFormatException e) {
            return usage(out, "An option lacks its value.");
        }
        if (url == null || sdkAppId == null || !Settings.isSdkAppId(sdkAppId)) {
            return usage(out, "Give the callback URL and --sdkappid with the app's SDKAppID (digits).");
        }
        if (token != null && token.isBlank()) {
            token = null;
        }
        if (token != null) {
            List<String> own = tokensFor(token, sdkAppId);
            if (own.isEmpty()) {
                return usage(out, "The token given (--token or TIM_CALLBACK_TOKEN) has no token for SdkAppid " + sdkAppId
                        + ": give that app's token, or the receiver's SDKAPPID:TOKEN pairs with one for " + sdkAppId + ".");
            }
            token = own.get(own.size() - 1);
        }
        URI base;
        try {
            base = URI.create(url);
            if (base.getScheme() == null || !base.getScheme().startsWith("http") || base.getRawQuery() != null) {
                return usage(out, "The callback URL must be http:// or https://, without a query: " + url);
            }
        } catch (IllegalArgumentException e) {
            return usage(out, "Not a URL: " + url);
        }
        long requestTime = System.currentTimeMillis() / 1000 + offset;
        return check(base, sdkAppId, token, requestTime, fire, out);
    }

    /** The tokens that a {@code callbackToken} value gives {@code sdkAppId}: its pairs', or every plain token. */
    static List<String> tokensFor(String value, String sdkAppId) {
        return Settings.tokenEntries(value).stream()
                .filter(entry -> entry.sdkAppId() == null || entry.sdkAppId().equals(sdkAppId))
                .map(Settings.TokenEntry::token).filter(token -> !token.isEmpty()).toList();
    }

    private static int usage(PrintStream out, String problem) {
        out.println(problem);
        out.println("Usage: java -jar group-full-callback-classes.jar CALLBACK_URL --sdkappid ID [--token TOKEN] [--fire]"
                + " [--time-offset SECONDS]");
        out.println("  The token may instead be in the environment variable TIM_CALLBACK_TOKEN; either may be the"
                + " receiver's SDKAPPID:TOKEN pairs.");
        return 2;
    }

    private static int check(URI base, String sdkAppId, String token, long requestTime, boolean fire, PrintStream out) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(VENDOR_TIMEOUT).build();
        Answer answer;
        try {
            answer = send(http, base, sdkAppId, token == null ? null : Signature.sign(token, String.valueOf(requestTime)),
                    requestTime, fire);
        } catch (HttpTimeoutException e) {
            out.println("FAIL: no answer from " + base + " within " + VENDOR_TIMEOUT.toSeconds() + " s, as long as the"
                    + " vendor waits. Check that the server is up and reachable from the internet, and that the observers"
                    + " do not keep the answer waiting.");
            return 1;
        } catch (ConnectException e) {
            out.println("FAIL: could not connect to " + base + " (" + e.getMessage() + "). Check host, port and firewall.");
            return 1;
        } catch (IOException e) {
            out.println("FAIL: the exchange with " + base + " failed: " + e);
            return 1;
        }
        int status = answer.status();
        Integer code = answer.errorCode();
        if (code == null) {
            out.println("FAIL: " + base + " answered HTTP " + status + ", but not as this receiver does (no JSON"
                    + " ErrorCode). Check the URL: the application's context path, then the receiver's path"
                    + " (/tim/callback unless it was mapped elsewhere).");
            return 1;
        }
        if (fire ? status == 200 && code == 0 : code == Rejection.BODY_NOT_JSON.errorCode()) {
            out.println("OK: the receiver at " + base + " accepts SdkAppid " + sdkAppId
                    + (token == null ? "" : " and the signature of the given token")
                    + (fire ? "; it accepted the documented sample, and the observers ran."
                            : "; it refused only the check's deliberately incomplete body, so no observer ran."));
            if (token == null) {
                out.println("WARNING: the check was not signed and the receiver took it: the receiver does not"
                        + " authenticate callbacks. Set the IM console's callback token as TIM_CALLBACK_TOKEN there.");
            } else if (acceptsAnySignature(http, base, sdkAppId, requestTime)) {
                out.println("WARNING: the receiver also took a wrong signature: it does not authenticate callbacks."
                        + " Set the IM console's callback token as TIM_CALLBACK_TOKEN there.");
            }
            return 0;
        }
        out.println("FAIL: HTTP " + status + ", ErrorCode " + code + ". " + explain(code, sdkAppId, token));
        return 1;
    }

    private static boolean acceptsAnySignature(HttpClient http, URI base, String sdkAppId, long requestTime) {
        try {
            Integer code = send(http, base, sdkAppId, "0".repeat(64), requestTime, false).errorCode();
            return code != null && code == Rejection.BODY_NOT_JSON.errorCode();
        } catch (IOException e) {
            return false;
        }
    }

    /** What a refusal means for the deployment, and what to fix. */
    static String explain(int code, String sdkAppId, String token) {
        if (code == Rejection.SDKAPPID_UNKNOWN.errorCode()) {
            return "The receiver is not configured for SdkAppid " + sdkAppId + ": set its TIM_SDKAPPID (or tim.sdkAppId)"
                    + " to the app's SDKAppID, or check --sdkappid.";
        }
        if (code == Rejection.SIGNATURE_MISSING.errorCode()) {
            return "The receiver authenticates callbacks, but the check had no token: pass --token (or set"
                    + " TIM_CALLBACK_TOKEN) with the IM console's callback token.";
        }
        if (code == Rejection.SIGNATURE_MISMATCH.errorCode()) {
            return "The signature does not match the receiver's token for SdkAppid " + sdkAppId + ": the token given"
                    + " here for " + sdkAppId + ", the callback token of app " + sdkAppId + " in the IM console and the"
                    + " receiver's token for " + sdkAppId + " (in its TIM_CALLBACK_TOKEN, as " + sdkAppId
                    + ":TOKEN) must be the same.";
        }
        if (code == Rejection.REQUEST_TIME_STALE.errorCode()) {
            return "RequestTime was signed with this machine's clock, and the receiver's clock is too far from it:"
                    + " synchronise the receiver's clock (NTP); the vendor's clock is right.";
        }
        if (code == Rejection.STOPPING.errorCode()) {
            return "The receiver is stopping.";
        }
        if (code == Rejection.ASYNC_BACKLOG_FULL.errorCode()) {
            return "The receiver works, but its asynchronous observers are behind right now.";
        }
        if (code == Rejection.OBSERVER_FAILED.errorCode()) {
            return "The receiver works, but an observer of the application failed (see its log).";
        }
        for (Rejection rejection : Rejection.values()) {
            if (rejection.errorCode() == code) {
                return rejection.message();
            }
        }
        return "Not an answer this receiver gives: check the URL.";
    }

    private record Answer(int status, String body) {
        Integer errorCode() {
            Matcher matcher = ERROR_CODE.matcher(body);
            return body.contains("\"ActionStatus\"") && matcher.find() ? Integer.valueOf(matcher.group(1)) : null;
        }
    }

    private static Answer send(HttpClient http, URI base, String sdkAppId, String sign, long requestTime, boolean fire)
            throws IOException {
        String query = "SdkAppid=" + sdkAppId + "&CallbackCommand=" + CallbackQuery.COMMAND
                + "&contenttype=json&ClientIP=127.0.0.1&OptPlatform=RESTAPI"
                + (sign == null ? "" : "&RequestTime=" + requestTime + "&Sign=" + sign);
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "?" + query)).timeout(VENDOR_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(fire ? SAMPLE_BODY : INCOMPLETE_BODY)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(response.statusCode(), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
