package io.github.timcallback.groupfull;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SignatureTest {

    /** The vendor's known-answer vector. */
    static final String TOKEN = "xxxxyyyy";
    static final String TIME = "1669872112";
    static final String SIGN = "17773bc39a671d7b9aa835458704d2a6db81360a5940292b587d6d760d484061";

    static Clock at(long epochSecond) {
        return Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC);
    }

    static final String APP = "1400000001";

    /** A signature whose tokens are all {@link #APP}'s. */
    static Signature signature(Clock clock, String... tokens) {
        return new Signature(Map.of(APP, List.of(tokens)), Duration.ofSeconds(60), clock);
    }

    static Rejection rejectionOf(Signature signature, String sign, String requestTime) {
        return rejectionOf(signature, APP, sign, requestTime);
    }

    static Rejection rejectionOf(Signature signature, String app, String sign, String requestTime) {
        return assertThrows(Rejection.Rejected.class, () -> signature.verify(app, sign, requestTime)).rejection();
    }

    @Test
    void computesBothPublishedVectors() {
        assertEquals(SIGN, Signature.sign(TOKEN, TIME));
        assertEquals("a5d271b35bd72858cdf1ad0b9dfbf037d19146062c0ecb712a0a3235489d6021",
                Signature.sign("e10adc3949ba59abbe56e057f20f883e", "1676091353"));
    }

    @Test
    void acceptsBothPublishedVectorsAtTheirTime() {
        assertDoesNotThrow(() -> signature(at(1669872112L), TOKEN).verify(APP, SIGN, TIME));
        assertDoesNotThrow(() -> signature(at(1676091353L), "e10adc3949ba59abbe56e057f20f883e")
                .verify(APP, "a5d271b35bd72858cdf1ad0b9dfbf037d19146062c0ecb712a0a3235489d6021", "1676091353"));
    }

    @Test
    void acceptsUppercaseHex() {
        assertDoesNotThrow(() -> signature(at(1669872112L), TOKEN).verify(APP, SIGN.toUpperCase(), TIME));
    }

    @ParameterizedTest(name = "server clock at RequestTime {0} s")
    @ValueSource(longs = {-60, -59, -1, 0, 1, 59, 60})
    void acceptsRequestTimesWithinSixtySecondsEitherWay(long offset) {
        assertDoesNotThrow(() -> signature(at(1669872112L + offset), TOKEN).verify(APP, SIGN, TIME));
    }

    @ParameterizedTest(name = "server clock at RequestTime {0} s")
    @ValueSource(longs = {-61, 61, -3600, 3600, 1669872112L})
    void rejectsRequestTimesFurtherAwayIncludingFromTheFuture(long offset) {
        assertEquals(Rejection.REQUEST_TIME_STALE, rejectionOf(signature(at(1669872112L + offset), TOKEN), SIGN, TIME));
    }

    @Test
    void rejectsARequestTimeFromTheFuture() {
        Signature signature = signature(at(1669872112L - 61), TOKEN);
        assertEquals(Rejection.REQUEST_TIME_STALE, rejectionOf(signature, SIGN, TIME));
    }

    @Test
    void honoursAConfiguredTolerance() {
        Signature strict = new Signature(Map.of(APP, List.of(TOKEN)), Duration.ofSeconds(5), at(1669872112L + 6));
        assertEquals(Rejection.REQUEST_TIME_STALE, rejectionOf(strict, SIGN, TIME));
        assertDoesNotThrow(() -> new Signature(Map.of(APP, List.of(TOKEN)), Duration.ofSeconds(5), at(1669872112L + 5))
                .verify(APP, SIGN, TIME));
    }

    @Test
    void acceptsAnyOfSeveralTokensForRotation() {
        Signature rotating = signature(at(1669872112L), "new-token", TOKEN);
        assertDoesNotThrow(() -> rotating.verify(APP, SIGN, TIME));
        assertDoesNotThrow(() -> rotating.verify(APP, Signature.sign("new-token", TIME), TIME));
        assertEquals(Rejection.SIGNATURE_MISMATCH, rejectionOf(rotating, Signature.sign("old-token", TIME), TIME));
    }

    @Test
    void rejectsASignOfAnotherTokenOrTime() {
        Signature signature = signature(at(1669872112L), TOKEN);
        assertEquals(Rejection.SIGNATURE_MISMATCH, rejectionOf(signature, Signature.sign("xxxxyyyz", TIME), TIME));
        assertEquals(Rejection.SIGNATURE_MISMATCH, rejectionOf(signature, SIGN, "1669872113"));
        String lastByteFlipped = SIGN.substring(0, 63) + "0";
        assertEquals(Rejection.SIGNATURE_MISMATCH, rejectionOf(signature, lastByteFlipped, TIME));
    }

    @Test
    void rejectsAMissingSignOrRequestTime() {
        Signature signature = signature(at(1669872112L), TOKEN);
        assertEquals(Rejection.SIGNATURE_MISSING, rejectionOf(signature, SIGN, null));
        assertEquals(Rejection.SIGNATURE_MISSING, rejectionOf(signature, null, TIME));
        assertEquals(Rejection.SIGNATURE_MISSING, rejectionOf(signature, null, null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1669872112000", "-1669872112", "+1669872112", "1669872112.0", "16698721l2",
        "1669872112 ", " 1669872112", "0x637f1b70", "١٦٦٩٨٧٢١١٢", "9999999999999", "00000000000001669872112",
        "1e9"})
    void rejectsMalformedRequestTimes(String requestTime) {
        assertEquals(Rejection.REQUEST_TIME_MALFORMED, rejectionOf(signature(at(1669872112L), TOKEN), SIGN, requestTime));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "17773bc3", SIGN + "00", "g7773bc39a671d7b9aa835458704d2a6db81360a5940292b587d6d760d484061",
        " 7773bc39a671d7b9aa835458704d2a6db81360a5940292b587d6d760d484061",
        "17773bc39a671d7b9aa835458704d2a6db81360a5940292b587d6d760d48406١"})
    void rejectsMalformedSigns(String sign) {
        assertEquals(Rejection.SIGNATURE_MALFORMED, rejectionOf(signature(at(1669872112L), TOKEN), sign, TIME));
    }

    @Test
    void readsRequestTimeZeroAsTheEpoch() {
        assertDoesNotThrow(() -> signature(at(0), TOKEN).verify(APP, Signature.sign(TOKEN, "0"), "0"));
        assertEquals(Rejection.REQUEST_TIME_STALE, rejectionOf(signature(at(1669872112L), TOKEN), Signature.sign(TOKEN, "0"), "0"));
    }

    @Test
    void signsTheRequestTimeAsWritten() {
        String padded = "01669872112";
        assertDoesNotThrow(() -> signature(at(1669872112L), TOKEN).verify(APP, Signature.sign(TOKEN, padded), padded));
        assertEquals(Rejection.SIGNATURE_MISMATCH, rejectionOf(signature(at(1669872112L), TOKEN), SIGN, padded));
    }

    @Test
    void checksEachAppsSignAgainstItsOwnTokensOnly() {
        Signature twoApps = new Signature(Map.of("1400000001", List.of("prodToken"), "1400000002", List.of("old", "new")),
                Duration.ofSeconds(60), at(1669872112L));
        assertDoesNotThrow(() -> twoApps.verify("1400000001", Signature.sign("prodToken", TIME), TIME));
        assertDoesNotThrow(() -> twoApps.verify("1400000002", Signature.sign("old", TIME), TIME));
        assertDoesNotThrow(() -> twoApps.verify("1400000002", Signature.sign("new", TIME), TIME));
        assertEquals(Rejection.SIGNATURE_MISMATCH, rejectionOf(twoApps, "1400000001", Signature.sign("new", TIME), TIME));
        assertEquals(Rejection.SIGNATURE_MISMATCH, rejectionOf(twoApps, "1400000001", Signature.sign("old", TIME), TIME));
        assertEquals(Rejection.SIGNATURE_MISMATCH, rejectionOf(twoApps, "1400000002", Signature.sign("prodToken", TIME), TIME));
    }

    @Test
    void matchesNothingForAnAppWithoutTokens() {
        assertEquals(Rejection.SIGNATURE_MISMATCH, rejectionOf(signature(at(1669872112L), TOKEN), "1400000009", SIGN, TIME));
    }

    @Test
    void needsATokenForEveryApp() {
        assertThrows(IllegalArgumentException.class, () -> new Signature(Map.of(), Duration.ofSeconds(60), at(0)));
        assertThrows(IllegalArgumentException.class, () -> new Signature(Map.of("1", List.of("t"), "2", List.of()),
                Duration.ofSeconds(60), at(0)));
    }
}
