package io.github.timcallback.groupfull;

/**
 * Recognises IPv4 and IPv6 address literals by their text alone. {@code InetAddress.getByName}
 * would resolve anything that is not a literal through DNS, so it is not used on caller input.
 */
final class IpLiteral {

    private IpLiteral() {
    }

    /** Dotted-quad IPv4 ({@code 127.0.0.1}) or RFC 4291 IPv6 text, without brackets or zone. */
    static boolean isValid(String s) {
        return s.indexOf(':') >= 0 ? isIpv6(s) : isIpv4(s, 0, s.length());
    }

    /** Four decimal parts of 0-255, no leading zeros (which some parsers read as octal). */
    static boolean isIpv4(String s, int start, int end) {
        int parts = 0;
        int i = start;
        while (parts < 4) {
            int partStart = i;
            int value = 0;
            while (i < end && i - partStart < 3 && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                value = value * 10 + (s.charAt(i) - '0');
                i++;
            }
            int digits = i - partStart;
            if (digits == 0 || value > 255 || digits > 1 && s.charAt(partStart) == '0') {
                return false;
            }
            parts++;
            if (parts < 4) {
                if (i >= end || s.charAt(i) != '.') {
                    return false;
                }
                i++;
            }
        }
        return i == end;
    }

    private static boolean isIpv6(String s) {
        int length = s.length();
        if (length < 2 || length > 45) {
            return false;
        }
        int groups = 0;
        boolean compressed = false;
        int i = 0;
        if (s.startsWith("::")) {
            compressed = true;
            i = 2;
            if (i == length) {
                return true;
            }
        } else if (s.charAt(0) == ':') {
            return false;
        }
        while (true) {
            int groupStart = i;
            while (i < length && i - groupStart < 4 && Ascii.hexValue(s.charAt(i)) >= 0) {
                i++;
            }
            if (i < length && s.charAt(i) == '.') {
                // An IPv4 tail takes the place of the last two groups.
                if (!isIpv4(s, groupStart, length)) {
                    return false;
                }
                groups += 2;
                break;
            }
            if (i == groupStart) {
                return false;
            }
            groups++;
            if (i == length) {
                break;
            }
            if (s.charAt(i) != ':') {
                return false;
            }
            i++;
            if (i < length && s.charAt(i) == ':') {
                if (compressed) {
                    return false;
                }
                compressed = true;
                i++;
                if (i == length) {
                    break;
                }
            } else if (i == length) {
                return false;
            }
        }
        return compressed ? groups <= 7 : groups == 8;
    }
}
