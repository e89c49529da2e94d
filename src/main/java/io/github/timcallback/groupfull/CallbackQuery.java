package io.github.timcallback.groupfull;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * The query parameters of one callback, read from the raw query string and checked.
 *
 * <p>The query is parsed here rather than through {@code getParameter}, so that the container
 * never reads the body as a form, and so that a parameter given twice with different values is
 * caught instead of silently resolved. Names are case-sensitive, as the vendor spells them;
 * {@code +} stands for a space and {@code %XX} escapes are decoded as UTF-8. Unknown parameters
 * are ignored but must still be well-formed.
 *
 * @param sdkAppId    the caller's SDKAppID, one of the configured ones
 * @param clientIp    the client's IP address, or {@code null} when absent or empty
 * @param optPlatform the client platform as given (unknown values pass), or {@code null}
 * @param sign        the {@code Sign} parameter, or {@code null}; unchecked here
 * @param requestTime the {@code RequestTime} parameter, or {@code null}; unchecked here
 */
record CallbackQuery(String sdkAppId, String clientIp, String optPlatform, String sign, String requestTime) {

    static final String COMMAND = "Group.CallbackAfterGroupFull";

    private static final int SDKAPPID = 0;
    private static final int CALLBACK_COMMAND = 1;
    private static final int CONTENT_TYPE = 2;
    private static final int CLIENT_IP = 3;
    private static final int OPT_PLATFORM = 4;
    private static final int SIGN = 5;
    private static final int REQUEST_TIME = 6;
    private static final String[] NAMES = {
        "SdkAppid", "CallbackCommand", "contenttype", "ClientIP", "OptPlatform", "Sign", "RequestTime"
    };

    /**
     * Reads and checks the query string.
     *
     * @param rawQuery   the query string exactly as received, or {@code null}
     * @param sdkAppIds  the SDKAppIDs this application accepts
     * @throws Rejection.Rejected when a parameter is missing, malformed, ambiguous or not ours
     */
    static CallbackQuery parse(String rawQuery, Set<String> sdkAppIds) {
        String[] values = new String[NAMES.length];
        if (rawQuery != null) {
            int start = 0;
            int length = rawQuery.length();
            while (start <= length) {
                int end = rawQuery.indexOf('&', start);
                if (end < 0) {
                    end = length;
                }
                if (end > start) {
                    take(rawQuery, start, end, values);
                }
                start = end + 1;
            }
        }
        String sdkAppId = values[SDKAPPID];
        if (sdkAppId == null || sdkAppId.isEmpty()) {
            throw Rejection.SDKAPPID_MISSING.exception();
        }
        if (!Settings.isSdkAppId(sdkAppId)) {
            throw Rejection.SDKAPPID_MALFORMED.exception();
        }
        if (!sdkAppIds.contains(sdkAppId)) {
            throw Rejection.SDKAPPID_UNKNOWN.exception();
        }
        if (!COMMAND.equals(values[CALLBACK_COMMAND])) {
            throw Rejection.COMMAND_UNSUPPORTED.exception();
        }
        String contentType = values[CONTENT_TYPE];
        if (contentType != null && !contentType.equalsIgnoreCase("json")) {
            throw Rejection.CONTENT_TYPE_UNSUPPORTED.exception();
        }
        String clientIp = values[CLIENT_IP];
        if (clientIp != null && clientIp.isEmpty()) {
            clientIp = null;
        }
        if (clientIp != null && !IpLiteral.isValid(clientIp)) {
            throw Rejection.CLIENT_IP_MALFORMED.exception();
        }
        return new CallbackQuery(sdkAppId, clientIp, values[OPT_PLATFORM], values[SIGN], values[REQUEST_TIME]);
    }

    private static void take(String query, int start, int end, String[] values) {
        int equals = query.indexOf('=', start);
        if (equals < 0 || equals > end) {
            equals = end;
        }
        String name = decode(query, start, equals);
        String value = equals < end ? decode(query, equals + 1, end) : "";
        for (int i = 0; i < NAMES.length; i++) {
            if (NAMES[i].equals(name)) {
                String earlier = values[i];
                if (earlier != null && !earlier.equals(value)) {
                    throw Rejection.PARAMETER_AMBIGUOUS.exception();
                }
                values[i] = value;
                return;
            }
        }
    }

    private static boolean isPlain(char c) {
        return c != '%' && c != '+' && c < 0x80;
    }

    /** Decodes {@code s[start, end)}: {@code +} is a space, {@code %XX} a byte of UTF-8. */
    static String decode(String s, int start, int end) {
        int i = start;
        while (i < end && isPlain(s.charAt(i))) {
            i++;
        }
        if (i == end) {
            return s.substring(start, end);
        }
        byte[] bytes = new byte[end - start];
        int n = 0;
        for (i = start; i < end; i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= end) {
                    throw Rejection.QUERY_MALFORMED.exception();
                }
                int high = Ascii.hexValue(s.charAt(i + 1));
                int low = Ascii.hexValue(s.charAt(i + 2));
                if (high < 0 || low < 0) {
                    throw Rejection.QUERY_MALFORMED.exception();
                }
                bytes[n++] = (byte) (high << 4 | low);
                i += 2;
            } else if (c == '+') {
                bytes[n++] = ' ';
            } else if (c < 0x80) {
                bytes[n++] = (byte) c;
            } else {
                // RFC 3986 allows only ASCII in a URI; containers differ in how they would have
                // decoded raw bytes, so there is no single right reading of them.
                throw Rejection.QUERY_MALFORMED.exception();
            }
        }
        if (!Utf8.isValid(bytes, n)) {
            throw Rejection.QUERY_MALFORMED.exception();
        }
        return new String(bytes, 0, n, StandardCharsets.UTF_8);
    }
}
