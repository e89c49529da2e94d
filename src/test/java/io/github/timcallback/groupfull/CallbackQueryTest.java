package io.github.timcallback.groupfull;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CallbackQueryTest {

    private static final List<String> OURS = List.of("1400000001");
    private static final String DOCUMENTED = "SdkAppid=1400000001&CallbackCommand=Group.CallbackAfterGroupFull"
            + "&contenttype=json&ClientIP=127.0.0.1&OptPlatform=RESTAPI";

    private static Rejection rejectionOf(String query) {
        return assertThrows(Rejection.Rejected.class, () -> CallbackQuery.parse(query, OURS).requireGroupFull()).rejection();
    }

    @Test
    void readsTheDocumentedQuery() {
        assertEquals(new CallbackQuery("1400000001", "Group.CallbackAfterGroupFull", "127.0.0.1", "RESTAPI", null, null, null),
                CallbackQuery.parse(DOCUMENTED, OURS));
        assertFalse(CallbackQuery.parse(DOCUMENTED, OURS).isOtherCallback());
    }

    @Test
    void leavesTheOtherParametersOfAnotherCallbackToItsHandler() {
        CallbackQuery query = CallbackQuery.parse("SdkAppid=1400000001&CallbackCommand=C2C.CallbackAfterSendMsg"
                + "&contenttype=xml&ClientIP=nowhere&ClientIP=elsewhere&OptPlatform=Web", OURS);
        assertTrue(query.isOtherCallback());
        assertEquals("C2C.CallbackAfterSendMsg", query.command());
        assertEquals(Rejection.PARAMETER_AMBIGUOUS,
                assertThrows(Rejection.Rejected.class, query::requireGroupFull).rejection());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "&CallbackCommand=", "&CallbackCommand", "&CallbackCommand=Group.CallbackAfterGroupFull",
        "&CallbackCommand=Group%2ECallbackAfterGroupFull"})
    void takesNoCommandOrOursAsNoOtherCallback(String command) {
        assertFalse(CallbackQuery.parse("SdkAppid=1400000001" + command, OURS).isOtherCallback());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "SdkAppid=1400000002&CallbackCommand=State.StateChange|SDKAPPID_UNKNOWN",
        "CallbackCommand=State.StateChange|SDKAPPID_MISSING",
        "SdkAppid=x&CallbackCommand=State.StateChange|SDKAPPID_MALFORMED",
        "SdkAppid=1400000001&CallbackCommand=State.StateChange&SdkAppid=1400000002|PARAMETER_AMBIGUOUS",
        "SdkAppid=1400000001&CallbackCommand=State.StateChange&CallbackCommand=Group.CallbackAfterGroupFull|PARAMETER_AMBIGUOUS",
        "SdkAppid=1400000001&CallbackCommand=State.StateChange&RequestTime=1&RequestTime=2|PARAMETER_AMBIGUOUS",
        "SdkAppid=1400000001&CallbackCommand=State.StateChange&x=%G0|QUERY_MALFORMED",
    })
    void refusesAnotherCallbackOnlyForWhatEveryCallbackMustGetRight(String query, Rejection expected) {
        assertEquals(expected, assertThrows(Rejection.Rejected.class, () -> CallbackQuery.parse(query, OURS)).rejection());
    }

    @Test
    void readsTheAuthenticationParameters() {
        CallbackQuery query = CallbackQuery.parse(DOCUMENTED + "&RequestTime=1669872112&Sign=17773bc3", OURS);
        assertEquals("1669872112", query.requestTime());
        assertEquals("17773bc3", query.sign());
        assertFalse(query.toString().contains("17773bc3"), "the Sign is not for logs");
    }

    @Test
    void printsEveryParameterButTheSign() {
        assertEquals("CallbackQuery[sdkAppId=1400000001, command=Group.CallbackAfterGroupFull, clientIp=127.0.0.1,"
                + " optPlatform=RESTAPI, requestTime=1669872112]",
                CallbackQuery.parse(DOCUMENTED + "&RequestTime=1669872112&Sign=17773bc3", OURS).toString());
    }

    @Test
    void decodesPercentEscapesAsUtf8AndPlusAsSpace() {
        CallbackQuery query = CallbackQuery.parse("SdkAppid=1400000001&CallbackCommand=Group%2ECallbackAfterGroupFull"
                + "&OptPlatform=Harmony+OS%20%E9%B8%BF%E8%92%99&ClientIP=2001%3Adb8%3A%3A1", OURS);
        assertEquals("Harmony OS 鸿蒙", query.optPlatform());
        assertEquals("2001:db8::1", query.clientIp());
    }

    @Test
    void takesAPlusAsASpaceInAValueWithoutPercentEscapes() {
        assertEquals("Harmony OS", CallbackQuery.parse(DOCUMENTED.replace("RESTAPI", "Harmony+OS"), OURS).optPlatform());
    }

    @Test
    void decodesAnEscapeOfEveryAsciiCharacterInEitherCase() {
        StringBuilder upper = new StringBuilder();
        StringBuilder lower = new StringBuilder();
        StringBuilder expected = new StringBuilder();
        for (char c = 0; c < 0x80; c++) {
            upper.append(String.format("%%%02X", (int) c));
            lower.append(String.format("%%%02x", (int) c));
            expected.append(c);
        }
        assertEquals(expected.toString(), CallbackQuery.parse(DOCUMENTED.replace("RESTAPI", upper), OURS).optPlatform());
        assertEquals(expected.toString(), CallbackQuery.parse(DOCUMENTED.replace("RESTAPI", lower), OURS).optPlatform());
    }

    @Test
    void decodesEscapesInParameterNamesToo() {
        CallbackQuery query = CallbackQuery.parse("%53dkAppid=1400000001&Callback%43ommand=Group.CallbackAfterGroupFull"
                + "&Client%49P=127.0.0.1&Opt%50latform=Web", OURS);
        assertEquals(new CallbackQuery("1400000001", "Group.CallbackAfterGroupFull", "127.0.0.1", "Web", null, null, null),
                query);
    }

    @Test
    void takesRawCharactersAsTheContainerReadThem() {
        assertEquals("鸿蒙", CallbackQuery.parse(DOCUMENTED.replace("RESTAPI", "鸿蒙"), OURS).optPlatform());
        assertEquals("鸿蒙 OS", CallbackQuery.parse(DOCUMENTED.replace("RESTAPI", "%E9%B8%BF蒙+OS"), OURS).optPlatform());
    }

    @Test
    void toleratesEmptyPairsAndUnknownParameters() {
        CallbackQuery query = CallbackQuery.parse("&&" + DOCUMENTED + "&&flag&=x&Extra=%41&", OURS);
        assertEquals("1400000001", query.sdkAppId());
    }

    @Test
    void treatsAnEmptyClientIpAsAbsentAndKeepsAnyPlatform() {
        CallbackQuery query = CallbackQuery.parse(
                "SdkAppid=1400000001&CallbackCommand=Group.CallbackAfterGroupFull&ClientIP=&OptPlatform=Quantum", OURS);
        assertNull(query.clientIp());
        assertEquals("Quantum", query.optPlatform());
    }

    @ParameterizedTest
    @ValueSource(strings = {"RESTAPI", "Web", "Android", "iOS", "IOS", "Windows", "Mac", "macOS", "iPad", "Unknown",
        "HarmonyOS", "restapi"})
    void keepsEveryPlatformAsSent(String platform) {
        assertEquals(platform, CallbackQuery.parse(DOCUMENTED.replace("RESTAPI", platform), OURS).optPlatform());
    }

    @Test
    void acceptsEachOfSeveralConfiguredApps() {
        List<String> ours = List.of("1400000001", "1400000002", "20000");
        for (String app : ours) {
            assertEquals(app, CallbackQuery.parse(DOCUMENTED.replace("1400000001", app), ours).sdkAppId());
        }
        assertEquals(Rejection.SDKAPPID_UNKNOWN, assertThrows(Rejection.Rejected.class,
                () -> CallbackQuery.parse(DOCUMENTED.replace("1400000001", "2000"), ours)).rejection());
        assertEquals("1400000002", CallbackQuery.parse(DOCUMENTED.replace("1400000001", "%31400000002"), ours).sdkAppId());
    }

    @Test
    void acceptsARepeatedParameterWithTheSameValue() {
        assertEquals("1400000001", CallbackQuery.parse(DOCUMENTED + "&SdkAppid=1400000001", OURS).sdkAppId());
    }

    @ParameterizedTest
    @ValueSource(strings = {"JSON", "Json", "JSO%4E", "%6A%73%6F%6E"})
    void acceptsContentTypeInAnyCaseAndWithEscapes(String contentType) {
        CallbackQuery query = CallbackQuery.parse(DOCUMENTED.replace("=json", "=" + contentType), OURS);
        assertNull(query.groupFullProblem());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "|SDKAPPID_MISSING",
        "CallbackCommand=Group.CallbackAfterGroupFull|SDKAPPID_MISSING",
        "SdkAppid&CallbackCommand=Group.CallbackAfterGroupFull|SDKAPPID_MISSING",
        "SDKAppID=1400000001&CallbackCommand=Group.CallbackAfterGroupFull|SDKAPPID_MISSING",
        "SdkAppid=1400 000001&CallbackCommand=Group.CallbackAfterGroupFull|SDKAPPID_MALFORMED",
        "SdkAppid=１４００000001&CallbackCommand=Group.CallbackAfterGroupFull|SDKAPPID_MALFORMED",
        "SdkAppid=%EF%BC%91400000001&CallbackCommand=Group.CallbackAfterGroupFull|SDKAPPID_MALFORMED",
        "SdkAppid=123456789012345678901&CallbackCommand=Group.CallbackAfterGroupFull|SDKAPPID_MALFORMED",
        "SdkAppid=98765432109876543210&CallbackCommand=Group.CallbackAfterGroupFull|SDKAPPID_UNKNOWN",
        "SdkAppid=1400000002&CallbackCommand=Group.CallbackAfterGroupFull|SDKAPPID_UNKNOWN",
        "SdkAppid=1400000001|COMMAND_UNSUPPORTED",
        "SdkAppid=1400000001&CallbackCommand=|COMMAND_UNSUPPORTED",
        "SdkAppid=1400000001&CallbackCommand=Group.CallbackAfterGroupFull+|COMMAND_UNSUPPORTED",
        "SdkAppid=1400000001&CallbackCommand=group%2Ecallbackaftergroupfull|COMMAND_UNSUPPORTED",
        "SdkAppid=1400000001&CallbackCommand=C2C.CallbackAfterSendMsg|COMMAND_UNSUPPORTED",
        "SdkAppid=1400000001&CallbackCommand=Group.CallbackAfterGroupFull&contenttype=|CONTENT_TYPE_UNSUPPORTED",
        "SdkAppid=1400000001&CallbackCommand=Group.CallbackAfterGroupFull&contenttype=jsonp|CONTENT_TYPE_UNSUPPORTED",
        "SdkAppid=1400000001&CallbackCommand=Group.CallbackAfterGroupFull&ClientIP=example.com|CLIENT_IP_MALFORMED",
        "SdkAppid=1400000001&CallbackCommand=Group.CallbackAfterGroupFull&ClientIP=[::1]|CLIENT_IP_MALFORMED",
        "SdkAppid=1400000001&SdkAppid=1400000002|PARAMETER_AMBIGUOUS",
        "SdkAppid=1400000001&CallbackCommand=Group.CallbackAfterGroupFull&Sign=a&Sign=b|PARAMETER_AMBIGUOUS",
        "SdkAppid=1400000001&x=%|QUERY_MALFORMED",
        "SdkAppid=1400000001&x=%4|QUERY_MALFORMED",
        "SdkAppid=1400000001&x=%G0|QUERY_MALFORMED",
        "SdkAppid=1400000001&%G0=x|QUERY_MALFORMED",
        "SdkAppid=1400000001&x=%C3%28|QUERY_MALFORMED",
        "SdkAppid=1400000001&x=%ED%A0%80|QUERY_MALFORMED",
        "SdkAppid=1400000001&x=%C0%AF|QUERY_MALFORMED",
        "SdkAppid=1400000001&x=%٤١|QUERY_MALFORMED",
        "SdkAppid=1400000001&x=%E4x%B8%AD|QUERY_MALFORMED",
        "SdkAppid=1400000001&CallbackCommand=Group.CallbackAfterGroupFull&x=%E4%B8|QUERY_MALFORMED",
    })
    void rejects(String query, Rejection expected) {
        assertEquals(expected, rejectionOf(query));
    }
}
