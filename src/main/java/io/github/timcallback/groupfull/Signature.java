package io.github.timcallback.groupfull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Tencent IM callback authentication: {@code Sign} is the hex SHA-256 of the token immediately
 * followed by {@code RequestTime}, and {@code RequestTime} (whole seconds) must lie within the
 * tolerance of this server's clock, in the past or in the future.
 *
 * <p>Each SDKAppID has tokens of its own (the IM console keeps one per app), and a callback is
 * checked against the tokens of its own {@code SdkAppid} only: a test app's token, often shared
 * widely, must not sign a production app's callbacks. An app may have several tokens so that
 * one can be rotated without downtime: a request is authentic when it matches any of them. Every
 * one of the app's tokens is checked, and compared in constant time, so the time taken says
 * nothing about which bytes or which token matched. A mismatch is the same refusal whether the
 * {@code Sign} was made with another app's token or with none: nothing tells an attacker that a
 * token is good elsewhere.
 */
final class Signature {

    /** Seconds since the epoch have 10 digits until the year 2286; 12 leaves room and no more. */
    private static final int MAX_REQUEST_TIME_DIGITS = 12;
    private static final int SIGN_BYTES = 32;
    private static final MessageDigest[] NONE = {};

    private final Map<String, MessageDigest[]> primed;
    private final long toleranceSeconds;
    private final Clock clock;

    /**
     * @param tokens    the configured tokens of each SDKAppID, at least one each
     * @param tolerance how far RequestTime may be from {@code clock}, either way
     * @param clock     the server's clock
     */
    Signature(Map<String, List<String>> tokens, Duration tolerance, Clock clock) {
        if (tokens.isEmpty() || tokens.values().stream().anyMatch(List::isEmpty)) {
            throw new IllegalArgumentException("at least one token is needed for each SDKAppID");
        }
        Map<String, MessageDigest[]> digests = new HashMap<>();
        tokens.forEach((app, list) -> digests.put(app, list.stream().map(Signature::primedWith).toArray(MessageDigest[]::new)));
        this.primed = Map.copyOf(digests);
        this.toleranceSeconds = tolerance.toSeconds();
        this.clock = clock;
    }

    /**
     * Checks one request's authentication parameters against the tokens of its SdkAppid.
     *
     * @param sdkAppId    the callback's {@code SdkAppid}; one without tokens matches nothing
     * @param sign        the {@code Sign} parameter, or {@code null}
     * @param requestTime the {@code RequestTime} parameter, or {@code null}
     * @throws Rejection.Rejected saying which part failed, never what was expected
     */
    void verify(String sdkAppId, String sign, String requestTime) {
        if (sign == null || requestTime == null) {
            throw Rejection.SIGNATURE_MISSING.exception();
        }
        long seconds = Ascii.parseDigits(requestTime, MAX_REQUEST_TIME_DIGITS);
        if (seconds < 0) {
            throw Rejection.REQUEST_TIME_MALFORMED.exception();
        }
        if (Math.abs(clock.millis() / 1000 - seconds) > toleranceSeconds) {
            throw Rejection.REQUEST_TIME_STALE.exception();
        }
        byte[] given = hexToBytes(sign);
        if (given == null) {
            throw Rejection.SIGNATURE_MALFORMED.exception();
        }
        byte[] time = requestTime.getBytes(StandardCharsets.US_ASCII);
        boolean matched = false;
        for (MessageDigest token : primed.getOrDefault(sdkAppId, NONE)) {
            matched |= MessageDigest.isEqual(digest(token, time), given);
        }
        if (!matched) {
            throw Rejection.SIGNATURE_MISMATCH.exception();
        }
    }

    /** The lowercase hex {@code Sign} that the vendor computes: SHA-256 of token + requestTime. */
    static String sign(String token, String requestTime) {
        byte[] hash = digest(primedWith(token), requestTime.getBytes(StandardCharsets.US_ASCII));
        StringBuilder hex = new StringBuilder(SIGN_BYTES * 2);
        for (byte b : hash) {
            hex.append(Character.forDigit(b >> 4 & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return hex.toString();
    }

    private static MessageDigest primedWith(String token) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(token.getBytes(StandardCharsets.UTF_8));
            return digest;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** Finishes a copy of the primed digest, leaving the primed one untouched for other threads. */
    private static byte[] digest(MessageDigest primed, byte[] time) {
        try {
            MessageDigest copy = (MessageDigest) primed.clone();
            return copy.digest(time);
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 digests of the JDK are cloneable", e);
        }
    }

    /** 64 hex digits, either case, to 32 bytes; {@code null} for anything else. */
    private static byte[] hexToBytes(String hex) {
        if (hex.length() != SIGN_BYTES * 2) {
            return null;
        }
        byte[] bytes = new byte[SIGN_BYTES];
        for (int i = 0; i < SIGN_BYTES; i++) {
            int high = Ascii.hexValue(hex.charAt(2 * i));
            int low = Ascii.hexValue(hex.charAt(2 * i + 1));
            if (high < 0 || low < 0) {
                return null;
            }
            bytes[i] = (byte) (high << 4 | low);
        }
        return bytes;
    }
}
