package io.github.timcallback.groupfull;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

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
 *                    while {@link #groupFullProblem} is set, and {@code null} for another callback
 * @param optPlatform the client platform as given (unknown values pass), or {@code null}; {@code null}
 *                    for another callback
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

    /** The query parameters this receiver reads, by their names as the vendor spells them. */
    private enum Parameter {
        SDK_APP_ID("SdkAppid", true),
        CALLBACK_COMMAND("CallbackCommand", true),
        SIGN("Sign", true),
        REQUEST_TIME("RequestTime", true),
        CONTENT_TYPE("contenttype", false),
        CLIENT_IP("ClientIP", false),
        OPT_PLATFORM("OptPlatform", false);

        static final Parameter[] ALL = values();

        final String wireName;
        /** Whether every callback of the app must give it at most once; the others matter to a group-full callback only. */
        final boolean shared;

        Parameter(String wireName, boolean shared) {
            this.wireName = wireName;
            this.shared = shared;
        }
    }

    /**
     * The platforms the vendor's pages name ({@code IOS}, in capitals, in another callback). Not
     * an allow-list: any value passes. One of these is handed on as this constant rather than as
     * a new substring, which saves 48 B of the 1.4 KB an accepted callback allocates (JMH).
     */
    private static final List<String> DOCUMENTED_PLATFORMS =
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
        if (values.anyAmbiguous(true)) {
            throw Rejection.PARAMETER_AMBIGUOUS.exception();
        }
        // Compared where it stands: the event then carries the configured string, not a copy.
        String sdkAppId = values.oneOf(Parameter.SDK_APP_ID, sdkAppIds);
        if (sdkAppId == null) {
            String given = values.string(Parameter.SDK_APP_ID);
            if (given == null || given.isEmpty()) {
                throw Rejection.SDKAPPID_MISSING.exception();
            }
            throw (Settings.isSdkAppId(given) ? Rejection.SDKAPPID_UNKNOWN : Rejection.SDKAPPID_MALFORMED).exception();
        }
        String sign = values.string(Parameter.SIGN);
        String requestTime = values.string(Parameter.REQUEST_TIME);
        if (!values.is(Parameter.CALLBACK_COMMAND, COMMAND, false)) {
            // Another callback, or none: what else its query says is its own handler's business.
            String command = values.string(Parameter.CALLBACK_COMMAND);
            return new CallbackQuery(sdkAppId, command == null || command.isEmpty() ? null : command, null, null,
                    sign, requestTime, values.anyAmbiguous(false) ? Rejection.PARAMETER_AMBIGUOUS : Rejection.COMMAND_UNSUPPORTED);
        }
        String clientIp = values.string(Parameter.CLIENT_IP);
        if (clientIp != null && clientIp.isEmpty()) {
            clientIp = null;
        }
        Rejection problem = null;
        if (values.anyAmbiguous(false)) {
            problem = Rejection.PARAMETER_AMBIGUOUS;
        } else if (values.isPresent(Parameter.CONTENT_TYPE) && !values.is(Parameter.CONTENT_TYPE, "json", true)) {
            problem = Rejection.CONTENT_TYPE_UNSUPPORTED;
        } else if (clientIp != null && !IpLiteral.isValid(clientIp)) {
            problem = Rejection.CLIENT_IP_MALFORMED;
        }
        String optPlatform = values.oneOf(Parameter.OPT_PLATFORM, DOCUMENTED_PLATFORMS);
        return new CallbackQuery(sdkAppId, COMMAND, clientIp,
                optPlatform != null ? optPlatform : values.string(Parameter.OPT_PLATFORM), sign, requestTime, problem);
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
     * The parameters' values, located in the query string without copying: SdkAppid and
     * CallbackCommand are only compared, so a genuine callback is checked with a string only for
     * the values the event carries. A value with escapes is decoded once, when it is found; the
     * query is read once, left to right.
     */
    private static final class Values {
        private final String query;
        /** Where each parameter's value starts in the query, by ordinal; -1 while it is absent. */
        private final int[] starts = new int[Parameter.ALL.length];
        /** Where each parameter's value ends in the query, by ordinal. */
        private final int[] ends = new int[Parameter.ALL.length];
        /** The values that had escapes, decoded, by ordinal; null until one has. */
        private String[] decoded;
        /** The parameters given again with a different value (the first one is kept); null until one is. */
        private Set<Parameter> ambiguous;
        /**
         * Where the next {@code =}, {@code %} and {@code +} stand; -1 before the first search. Each
         * is found with {@code indexOf} and kept until a part passes it, so the query is searched
         * once for each however many parts it has (a per-character loop cost the documented
         * sample 120 ns in JMH, a bounded search per part could search to the end for each).
         */
        private int nextEquals = -1;
        private int nextPercent = -1;
        private int nextPlus = -1;

        Values(String query) {
            this.query = query;
            Arrays.fill(starts, -1);
            int start = 0;
            while (start <= query.length()) {
                int end = query.indexOf('&', start);
                if (end < 0) {
                    end = query.length();
                }
                if (end > start) {
                    take(start, end);
                }
                start = end + 1;
            }
        }

        /** One {@code name=value} part, {@code query[start, end)}. */
        private void take(int start, int end) {
            if (nextEquals < start) {
                nextEquals = indexOf('=', start);
            }
            int equals = Math.min(nextEquals, end);
            int valueStart = Math.min(equals + 1, end);
            Parameter parameter = hasEscape(start, equals) ? named(decode(query, start, equals)) : named(start, equals);
            // Decoded even when the parameter is not ours: a broken escape anywhere is refused.
            String value = hasEscape(valueStart, end) ? decode(query, valueStart, end) : null;
            if (parameter == null) {
                return;
            }
            int i = parameter.ordinal();
            if (starts[i] >= 0) {
                if (!string(parameter).equals(value != null ? value : query.substring(valueStart, end))) {
                    if (ambiguous == null) {
                        ambiguous = EnumSet.noneOf(Parameter.class);
                    }
                    ambiguous.add(parameter);
                }
                return;
            }
            starts[i] = valueStart;
            ends[i] = end;
            if (value != null) {
                if (decoded == null) {
                    decoded = new String[Parameter.ALL.length];
                }
                decoded[i] = value;
            }
        }

        /** Whether {@code query[start, end)} has a {@code %} or a {@code +}; parts are asked about left to right. */
        private boolean hasEscape(int start, int end) {
            if (nextPercent < start) {
                nextPercent = indexOf('%', start);
            }
            if (nextPlus < start) {
                nextPlus = indexOf('+', start);
            }
            return nextPercent < end || nextPlus < end;
        }

        /** Where {@code c} next stands from {@code from} on, or the query's length when nowhere. */
        private int indexOf(char c, int from) {
            int at = query.indexOf(c, from);
            return at < 0 ? query.length() : at;
        }

        private Parameter named(int start, int end) {
            for (Parameter parameter : Parameter.ALL) {
                if (parameter.wireName.length() == end - start && query.startsWith(parameter.wireName, start)) {
                    return parameter;
                }
            }
            return null;
        }

        private static Parameter named(String name) {
            for (Parameter parameter : Parameter.ALL) {
                if (parameter.wireName.equals(name)) {
                    return parameter;
                }
            }
            return null;
        }

        /** Whether any of the shared parameters (or, with {@code shared} false, the others) was given ambiguously. */
        boolean anyAmbiguous(boolean shared) {
            if (ambiguous != null) {
                for (Parameter parameter : ambiguous) {
                    if (parameter.shared == shared) {
                        return true;
                    }
                }
            }
            return false;
        }

        boolean isPresent(Parameter parameter) {
            return starts[parameter.ordinal()] >= 0;
        }

        /** The value, or {@code null} when the parameter is absent. */
        String string(Parameter parameter) {
            int i = parameter.ordinal();
            if (starts[i] < 0) {
                return null;
            }
            if (decoded != null && decoded[i] != null) {
                return decoded[i];
            }
            return query.substring(starts[i], ends[i]);
        }

        /** The one of {@code choices} that the parameter's value is exactly, or {@code null}. */
        String oneOf(Parameter parameter, List<String> choices) {
            for (int i = 0; i < choices.size(); i++) {
                if (is(parameter, choices.get(i), false)) {
                    return choices.get(i);
                }
            }
            return null;
        }

        /** Whether the parameter is present with exactly {@code expected} as its value. */
        boolean is(Parameter parameter, String expected, boolean ignoreCase) {
            int i = parameter.ordinal();
            if (starts[i] < 0) {
                return false;
            }
            if (decoded != null && decoded[i] != null) {
                return ignoreCase ? decoded[i].equalsIgnoreCase(expected) : decoded[i].equals(expected);
            }
            int length = ends[i] - starts[i];
            // Exactly as expected, the callback's case, before the slower comparison of any case.
            return length == expected.length() && (query.startsWith(expected, starts[i])
                    || ignoreCase && query.regionMatches(true, starts[i], expected, 0, length));
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
