package io.github.timcallback.groupfull;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The query parameters of one callback, read from the raw query string and checked.
 *
 * <p>The query is parsed here rather than through {@code getParameter}, so that the container
 * never reads the body as a form, and so that a parameter given twice with different values is
 * caught instead of silently resolved. Names are case-sensitive, as the vendor spells them;
 * {@code +} stands for a space and {@code %XX} escapes are decoded as UTF-8; other characters
 * stand for themselves, as the container read them. Unknown parameters are ignored, but a
 * broken escape in them is still refused.
 *
 * <p>Two steps, as the one callback URL receives every callback of
 * the app: {@link #parse} checks what every callback must get right (a well-formed query, our
 * SdkAppid, one value each for SdkAppid, CallbackCommand, Sign and RequestTime), so that another
 * callback can be forwarded; {@link #requireGroupFull} checks the rest for this callback.
 *
 * @param sdkAppId    the caller's SDKAppID, one of the configured ones
 * @param command     the {@code CallbackCommand}, or {@code null} when absent or empty
 * @param clientIp    the client's IP address, or {@code null} when absent or empty; unchecked
 *                    while {@link #groupFullProblem} is set
 * @param optPlatform the client platform as given (unknown values pass), or {@code null}
 * @param sign        the {@code Sign} parameter, or {@code null}; unchecked here
 * @param requestTime the {@code RequestTime} parameter, or {@code null}; unchecked here
 * @param groupFullProblem why this is not a well-formed group-full callback, or {@code null}
 */
record CallbackQuery(String sdkAppId, String command, String clientIp, String optPlatform, String sign,
        String requestTime, Rejection groupFullProblem) {

    static final String COMMAND = "Group.CallbackAfterGroupFull";

    /** The parameters, without {@code Sign}: a signature is not for logs. */
    @Override
    public String toString() {
        return "CallbackQuery[sdkAppId=" + sdkAppId + ", command=" + command + ", clientIp=" + clientIp
                + ", optPlatform=" + optPlatform + ", requestTime=" + requestTime + "]";
    }

    private static final int SDKAPPID = 0;
    private static final int CALLBACK_COMMAND = 1;
    private static final int SIGN = 2;
    private static final int REQUEST_TIME = 3;
    private static final int CONTENT_TYPE = 4;
    private static final int CLIENT_IP = 5;
    private static final int OPT_PLATFORM = 6;
    private static final String[] NAMES = {
        "SdkAppid", "CallbackCommand", "Sign", "RequestTime", "contenttype", "ClientIP", "OptPlatform"
    };
    /** The parameters every callback must give at most once; the others matter to this callback only. */
    private static final int SHARED = 1 << SDKAPPID | 1 << CALLBACK_COMMAND | 1 << SIGN | 1 << REQUEST_TIME;
    /** The platforms the vendor's pages name (IOS, in capitals, in another callback); others are taken as they come. */
    private static final List<String> PLATFORMS =
            List.of("RESTAPI", "Web", "Android", "iOS", "Windows", "Mac", "macOS", "iPad", "Unknown", "IOS");

    /**
     * Reads the query string and checks what every callback of the app must get right.
     *
     * @param rawQuery   the query string exactly as received, or {@code null}
     * @param sdkAppIds  the SDKAppIDs this application accepts
     * @throws Rejection.Rejected when the query is malformed, or SdkAppid, CallbackCommand, Sign or
     *         RequestTime is ambiguous, or SdkAppid is missing, malformed or not ours
     */
    static CallbackQuery parse(String rawQuery, List<String> sdkAppIds) {
        Values values = new Values(rawQuery == null ? "" : rawQuery);
        if ((values.ambiguous & SHARED) != 0) {
            throw Rejection.PARAMETER_AMBIGUOUS.exception();
        }
        // Compared where it stands: the event then carries the configured string, not a copy.
        String sdkAppId = values.oneOf(SDKAPPID, sdkAppIds);
        if (sdkAppId == null) {
            String given = values.string(SDKAPPID);
            if (given == null || given.isEmpty()) {
                throw Rejection.SDKAPPID_MISSING.exception();
            }
            throw (Settings.isSdkAppId(given) ? Rejection.SDKAPPID_UNKNOWN : Rejection.SDKAPPID_MALFORMED).exception();
        }
        boolean groupFull = values.is(CALLBACK_COMMAND, COMMAND, false);
        String command = groupFull ? COMMAND : values.string(CALLBACK_COMMAND);
        String clientIp = values.string(CLIENT_IP);
        if (clientIp != null && clientIp.isEmpty()) {
            clientIp = null;
        }
        Rejection problem = null;
        if (values.ambiguous != 0) {
            problem = Rejection.PARAMETER_AMBIGUOUS;
        } else if (!groupFull) {
            problem = Rejection.COMMAND_UNSUPPORTED;
        } else if (values.isPresent(CONTENT_TYPE) && !values.is(CONTENT_TYPE, "json", true)) {
            problem = Rejection.CONTENT_TYPE_UNSUPPORTED;
        } else if (clientIp != null && !IpLiteral.isValid(clientIp)) {
            problem = Rejection.CLIENT_IP_MALFORMED;
        }
        String optPlatform = values.oneOf(OPT_PLATFORM, PLATFORMS);
        return new CallbackQuery(sdkAppId, command == null || command.isEmpty() ? null : command, clientIp,
                optPlatform != null ? optPlatform : values.string(OPT_PLATFORM), values.string(SIGN),
                values.string(REQUEST_TIME), problem);
    }

    /** Whether this is another callback of the app: a {@code CallbackCommand} other than ours. */
    boolean isOtherCallback() {
        return command != null && !command.equals(COMMAND);
    }

    /**
     * Checks the rest of a group-full callback's query: its command, {@code contenttype} and
     * {@code ClientIP}, and that no parameter is given twice with different values.
     *
     * @throws Rejection.Rejected with the first problem found
     */
    void requireGroupFull() {
        if (groupFullProblem != null) {
            throw groupFullProblem.exception();
        }
    }

    /**
     * The known parameters' values, located in the query string without copying: most are only
     * compared, so a callback is checked without a string per parameter. A value with escapes
     * is decoded once, when it is found.
     */
    private static final class Values {
        private final String query;
        /** Where each known parameter's value starts and ends in the query, at 2i and 2i + 1; start 0 means absent. */
        private final int[] spans = new int[2 * NAMES.length];
        /** Values that had escapes, decoded; null for plain ones. */
        private String[] decoded;
        /** The parameters given more than once with different values, as bits 1 << index; the first value is kept. */
        int ambiguous;

        Values(String query) {
            this.query = query;
            // Callbacks carry no escapes: then every part is used as it stands, found with indexOf.
            boolean escaped = query.indexOf('%') >= 0 || query.indexOf('+') >= 0;
            int length = query.length();
            int start = 0;
            while (start <= length) {
                int end = query.indexOf('&', start);
                if (end < 0) {
                    end = length;
                }
                if (end > start) {
                    int equals = query.indexOf('=', start);
                    take(start, equals < 0 || equals > end ? end : equals, end, escaped);
                }
                start = end + 1;
            }
        }

        private void take(int start, int equals, int end, boolean escaped) {
            int valueStart = equals < end ? equals + 1 : end;
            int index = indexOfName(start, equals, !escaped || !hasEscape(start, equals));
            String value = escaped && hasEscape(valueStart, end) ? decode(query, valueStart, end) : null;
            if (index < 0) {
                // Unknown parameters are ignored; decoding one above still refuses a broken escape.
                return;
            }
            if (isPresent(index)) {
                if (!string(index).equals(value == null ? query.substring(valueStart, end) : value)) {
                    ambiguous |= 1 << index;
                }
                return;
            }
            // A value never starts at 0, where a parameter's name stands.
            spans[2 * index] = valueStart;
            spans[2 * index + 1] = end;
            if (value != null) {
                if (decoded == null) {
                    decoded = new String[NAMES.length];
                }
                decoded[index] = value;
            }
        }

        private boolean hasEscape(int start, int end) {
            int percent = query.indexOf('%', start);
            int plus = query.indexOf('+', start);
            return percent >= 0 && percent < end || plus >= 0 && plus < end;
        }

        private int indexOfName(int start, int end, boolean plain) {
            if (!plain) {
                return Arrays.asList(NAMES).indexOf(decode(query, start, end));
            }
            int length = end - start;
            for (int i = 0; i < NAMES.length; i++) {
                if (NAMES[i].length() == length && query.startsWith(NAMES[i], start)) {
                    return i;
                }
            }
            return -1;
        }

        boolean isPresent(int index) {
            return spans[2 * index] > 0;
        }

        /** The value, or {@code null} when the parameter is absent. */
        String string(int index) {
            if (!isPresent(index)) {
                return null;
            }
            if (decoded != null && decoded[index] != null) {
                return decoded[index];
            }
            return query.substring(spans[2 * index], spans[2 * index + 1]);
        }

        /** The one of {@code choices} that the parameter's value is exactly, or {@code null}. */
        String oneOf(int index, List<String> choices) {
            for (int i = 0; i < choices.size(); i++) {
                if (is(index, choices.get(i), false)) {
                    return choices.get(i);
                }
            }
            return null;
        }

        /** Whether the parameter is present with exactly {@code expected} as its value. */
        boolean is(int index, String expected, boolean ignoreCase) {
            if (!isPresent(index)) {
                return false;
            }
            if (decoded != null && decoded[index] != null) {
                return ignoreCase ? decoded[index].equalsIgnoreCase(expected) : decoded[index].equals(expected);
            }
            int start = spans[2 * index];
            int length = spans[2 * index + 1] - start;
            return length == expected.length() && (query.startsWith(expected, start)
                    || ignoreCase && query.regionMatches(true, start, expected, 0, length));
        }
    }

    /**
     * Decodes {@code s[start, end)}: {@code +} is a space and each run of {@code %XX} escapes
     * must be UTF-8; other characters stand for themselves, as the container read them.
     */
    private static String decode(String s, int start, int end) {
        StringBuilder out = new StringBuilder(end - start);
        byte[] escaped = null;
        int n = 0;
        for (int i = start; i < end; i++) {
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
                if (escaped == null) {
                    escaped = new byte[(end - i) / 3];
                }
                escaped[n++] = (byte) (high << 4 | low);
                i += 2;
            } else {
                n = appendUtf8(out, escaped, n);
                out.append(c == '+' ? ' ' : c);
            }
        }
        appendUtf8(out, escaped, n);
        return out.toString();
    }

    /** Appends {@code bytes[0, n)} as UTF-8, refusing anything else; answers 0, the bytes now pending. */
    private static int appendUtf8(StringBuilder out, byte[] bytes, int n) {
        if (n > 0) {
            if (!Utf8.isValid(bytes, n)) {
                throw Rejection.QUERY_MALFORMED.exception();
            }
            out.append(new String(bytes, 0, n, StandardCharsets.UTF_8));
        }
        return 0;
    }
}
