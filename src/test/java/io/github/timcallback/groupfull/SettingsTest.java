package io.github.timcallback.groupfull;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SettingsTest {

    private static Settings.Sources sources(Map<String, String> system, Map<String, String> env,
            Map<String, String> init, Map<String, String> context) {
        return new Settings.Sources(system::get, env::get, init::get, context::get);
    }

    private static Settings.Sources contextOnly(Map<String, String> context) {
        return sources(Map.of(), Map.of(), Map.of(), context);
    }

    private static String errorOf(Settings.Sources sources) {
        return assertThrows(IllegalArgumentException.class, () -> Settings.read(sources)).getMessage();
    }

    @Test
    void appliesDefaults() {
        Settings settings = Settings.read(contextOnly(Map.of("tim.sdkAppId", "1400000001")));
        assertEquals(Set.of("1400000001"), settings.sdkAppIds());
        assertEquals(16 * 1024, settings.maxBodyBytes());
        assertEquals(Map.of(), settings.callbackTokens());
        assertFalse(settings.authenticates());
        assertEquals(Duration.ofSeconds(60), settings.requestTimeTolerance());
    }

    @Test
    void readsListsTrimmed() {
        Settings settings = Settings.read(contextOnly(Map.of("tim.sdkAppId", " 1400000001 , 1400000002",
                "tim.callbackToken", "old-token, new-token", "tim.maxBodyBytes", "2048",
                "tim.requestTimeTolerance", "30")));
        assertEquals(List.of("1400000001", "1400000002"), List.copyOf(settings.sdkAppIds()));
        assertEquals(Map.of("1400000001", List.of("old-token", "new-token"), "1400000002", List.of("old-token", "new-token")),
                settings.callbackTokens());
        assertTrue(settings.authenticates());
        assertEquals(2048, settings.maxBodyBytes());
        assertEquals(Duration.ofSeconds(30), settings.requestTimeTolerance());
    }

    @Test
    void prefersSystemPropertyThenEnvironmentThenInitParamThenContextParam() {
        Map<String, String> system = Map.of("tim.sdkAppId", "1");
        Map<String, String> env = Map.of("TIM_SDKAPPID", "2", "TIM_MAX_BODY_BYTES", "200");
        Map<String, String> init = Map.of("sdkAppId", "3", "maxBodyBytes", "300", "callbackToken", "init");
        Map<String, String> context = Map.of("tim.sdkAppId", "4", "tim.maxBodyBytes", "400",
                "tim.callbackToken", "context", "tim.requestTimeTolerance", "5");
        Settings settings = Settings.read(sources(system, env, init, context));
        assertEquals(Set.of("1"), settings.sdkAppIds());
        assertEquals(200, settings.maxBodyBytes());
        assertEquals(Map.of("1", List.of("init")), settings.callbackTokens());
        assertEquals(Duration.ofSeconds(5), settings.requestTimeTolerance());
    }

    @Test
    void readsTheEnvironmentNames() {
        Settings settings = Settings.read(sources(Map.of(), Map.of("TIM_SDKAPPID", "7", "TIM_MAX_BODY_BYTES", "9",
                "TIM_CALLBACK_TOKEN", "t", "TIM_REQUEST_TIME_TOLERANCE", "11"), Map.of(), Map.of()));
        assertEquals(Set.of("7"), settings.sdkAppIds());
        assertEquals(9, settings.maxBodyBytes());
        assertEquals(Map.of("7", List.of("t")), settings.callbackTokens());
        assertEquals(Duration.ofSeconds(11), settings.requestTimeTolerance());
    }

    @Test
    void treatsABlankValueAsNotSet() {
        Settings settings = Settings.read(sources(Map.of("tim.sdkAppId", " "), Map.of(), Map.of("sdkAppId", "3"),
                Map.of()));
        assertEquals(Set.of("3"), settings.sdkAppIds());
    }

    @Test
    void refusesToStartWithoutSdkAppId() {
        assertEquals("The setting 'sdkAppId' is required: give this application's SDKAppID (or a comma-separated"
                + " list) as system property tim.sdkAppId, environment variable TIM_SDKAPPID, servlet init-param"
                + " sdkAppId or context-param tim.sdkAppId.", errorOf(contextOnly(Map.of())));
    }

    @Test
    void readsSpringPropertiesInKebabCaseAfterTheEnvironmentAndBeforeTheServletsParams() {
        Map<String, String> spring = Map.of("tim.sdk-app-id", "5", "tim.max-body-bytes", "500",
                "tim.callback-token", "spring", "tim.request-time-tolerance", "6", "tim.other-callbacks", "dispatcherServlet",
                "tim.max-pending-async", "7", "tim.stop-grace-period", "8");
        Settings settings = Settings.read(new Settings.Sources(Map.<String, String>of()::get,
                Map.of("TIM_MAX_BODY_BYTES", "200")::get, spring::get,
                Map.of("sdkAppId", "3", "callbackToken", "init")::get, Map.<String, String>of()::get));
        assertEquals(Set.of("5"), settings.sdkAppIds());
        assertEquals(200, settings.maxBodyBytes());
        assertEquals(Map.of("5", List.of("spring")), settings.callbackTokens());
        assertEquals(Duration.ofSeconds(6), settings.requestTimeTolerance());
        assertEquals("dispatcherServlet", settings.otherCallbacks());
        assertEquals(7, settings.maxPendingAsync());
        assertEquals(Duration.ofSeconds(8), settings.stopGracePeriod());
    }

    @Test
    void namesTheSpringPropertyInItsMessagesOnlyInASpringApplication() {
        assertEquals("The setting 'deliveryFirstRetry' (Spring property tim.delivery-first-retry) must be a whole number"
                + " of seconds from 1 to 3600. Encountered '0'.",
                errorOf(new Settings.Sources(Map.<String, String>of()::get, Map.<String, String>of()::get,
                        Map.of("tim.delivery-store", "jdbc:h2:mem:x", "tim.delivery-first-retry", "0", "tim.sdk-app-id", "1")::get,
                        Map.<String, String>of()::get, Map.<String, String>of()::get)));
        assertEquals("The setting 'sdkAppId' is required: give this application's SDKAppID (or a comma-separated"
                + " list) as system property tim.sdkAppId, environment variable TIM_SDKAPPID, Spring property"
                + " tim.sdk-app-id, servlet init-param sdkAppId or context-param tim.sdkAppId.",
                errorOf(new Settings.Sources(Map.<String, String>of()::get, Map.<String, String>of()::get,
                        Map.<String, String>of()::get, Map.<String, String>of()::get, Map.<String, String>of()::get)));
    }

    @Test
    void namesTheSettingItsSourceAndTheBadValue() {
        assertEquals("The setting 'sdkAppId' (servlet init-param sdkAppId) must be a SDKAppID (digits) or a"
                + " comma-separated list of them. Encountered '1400000001,abc'.",
                errorOf(sources(Map.of(), Map.of(), Map.of("sdkAppId", "1400000001,abc"), Map.of())));
        assertEquals("The setting 'sdkAppId' (context-param tim.sdkAppId) must be a SDKAppID (digits) or a"
                + " comma-separated list of them. Encountered '1,,2'.", errorOf(contextOnly(Map.of("tim.sdkAppId", "1,,2"))));
        assertEquals("The setting 'maxBodyBytes' (environment variable TIM_MAX_BODY_BYTES) must be a whole number"
                + " of bytes from 1 to 16777216. Encountered '16k'.",
                errorOf(sources(Map.of(), Map.of("TIM_MAX_BODY_BYTES", "16k"), Map.of(), Map.of("tim.sdkAppId", "1"))));
        assertEquals("The setting 'maxBodyBytes' (system property tim.maxBodyBytes) must be a whole number"
                + " of bytes from 1 to 16777216. Encountered '0'.",
                errorOf(sources(Map.of("tim.maxBodyBytes", "0"), Map.of(), Map.of(), Map.of("tim.sdkAppId", "1"))));
        assertEquals("The setting 'requestTimeTolerance' (context-param tim.requestTimeTolerance) must be a whole"
                + " number of seconds from 1 to 3600. Encountered '60s'.",
                errorOf(contextOnly(Map.of("tim.sdkAppId", "1", "tim.requestTimeTolerance", "60s"))));
    }

    @Test
    void neverShowsTheTokensWhenPrinted() {
        Settings settings = Settings.read(contextOnly(Map.of("tim.sdkAppId", "1", "tim.callbackToken", "s3cret,an0ther")));
        assertFalse(settings.toString().contains("s3cret") || settings.toString().contains("an0ther"), settings.toString());
        assertTrue(settings.toString().contains("callbackTokens=2 token(s) for every SDKAppID (not shown)"), settings.toString());
        Settings perApp = Settings.read(contextOnly(Map.of("tim.sdkAppId", "1,2", "tim.callbackToken", "1:s3cret,1:an0ther,2:th1rd")));
        assertEquals("Settings[sdkAppIds=[1, 2], maxBodyBytes=16384, callbackTokens=2 token(s) for SDKAppID 1, 1 for 2"
                + " (not shown), requestTimeTolerance=PT1M, otherCallbacks=null, maxPendingAsync=10000,"
                + " stopGracePeriod=PT10S, deliveryStore=null]", perApp.toString());
    }

    @Test
    void givesEachAppItsOwnTokensInThePairForm() {
        Settings settings = Settings.read(contextOnly(Map.of("tim.sdkAppId", "1400000001,1400000002",
                "tim.callbackToken", " 1400000001 : prodToken , 1400000002:testToken")));
        assertEquals(Map.of("1400000001", List.of("prodToken"), "1400000002", List.of("testToken")), settings.callbackTokens());
        assertFalse(settings.tokensShared());
        assertEquals(null, settings.sharedTokensWarning());
        assertEquals("1 token(s) for SDKAppID 1400000001, 1 for 1400000002", settings.describeTokens());
    }

    @Test
    void rotatesOneAppsTokenWithoutTouchingTheOthers() {
        Settings settings = Settings.read(contextOnly(Map.of("tim.sdkAppId", "1400000001,1400000002",
                "tim.callbackToken", "1400000001:old,1400000002:testToken,1400000001:new")));
        assertEquals(Map.of("1400000001", List.of("old", "new"), "1400000002", List.of("testToken")), settings.callbackTokens());
    }

    @Test
    void takesTheTextAfterTheFirstColonAsTheToken() {
        Settings settings = Settings.read(contextOnly(Map.of("tim.sdkAppId", "1400000001",
                "tim.callbackToken", "1400000001:a:b")));
        assertEquals(Map.of("1400000001", List.of("a:b")), settings.callbackTokens());
        Settings plain = Settings.read(contextOnly(Map.of("tim.sdkAppId", "1400000001", "tim.callbackToken", "key:with:colons")));
        assertEquals(Map.of("1400000001", List.of("key:with:colons")), plain.callbackTokens());
        assertTrue(plain.tokensShared());
        assertEquals(Map.of("1400000001", List.of(":leading")), Settings.read(contextOnly(Map.of("tim.sdkAppId", "1400000001",
                "tim.callbackToken", ":leading"))).callbackTokens());
    }

    @Test
    void neverShowsTheTokenOfAnEntryWhenPrinted() {
        assertEquals("TokenEntry[sdkAppId=1400000001, token=(not shown)]",
                Settings.tokenEntries("1400000001:s3cret").get(0).toString());
    }

    @Test
    void givesThePlainFormToEveryAppAndWarnsWhenThereAreSeveral() {
        Settings shared = Settings.read(contextOnly(Map.of("tim.sdkAppId", "1400000001,1400000002",
                "tim.callbackToken", "prodToken,testToken")));
        assertTrue(shared.tokensShared());
        assertEquals(Map.of("1400000001", List.of("prodToken", "testToken"), "1400000002", List.of("prodToken", "testToken")),
                shared.callbackTokens());
        assertEquals("Every callback token of 'callbackToken' is accepted for every SDKAppID (1400000001, 1400000002): a"
                + " callback of any of these apps signed with the token of any other is accepted, so whoever holds one"
                + " app's token (a test app's, say) can forge callbacks of the others. Give each app its own tokens:"
                + " callbackToken (TIM_CALLBACK_TOKEN) = 1400000001:TOKEN,1400000002:TOKEN, with the token of each app's"
                + " callback configuration in the IM console.", shared.sharedTokensWarning());
        assertFalse(shared.sharedTokensWarning().contains("prodToken") || shared.sharedTokensWarning().contains("testToken"));
        assertEquals("2 token(s) for every SDKAppID", shared.describeTokens());

        Settings oneApp = Settings.read(contextOnly(Map.of("tim.sdkAppId", "1400000001", "tim.callbackToken", "old,new")));
        assertTrue(oneApp.tokensShared());
        assertEquals(null, oneApp.sharedTokensWarning());
        assertEquals(null, Settings.read(contextOnly(Map.of("tim.sdkAppId", "1,2"))).sharedTokensWarning());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "1400000001:pr0dS3cret,1400000003:s3cret | SDKAPPID:TOKEN pairs for the SDKAppIDs of 'sdkAppId' (1400000001,"
                + " 1400000002); SDKAppID 1400000003 is not one of them",
        "1400000001:pr0dS3cret | SDKAPPID:TOKEN pairs with a token for every SDKAppID of 'sdkAppId': SDKAppID 1400000002"
                + " has none, so every callback of it would be refused (add 1400000002:TOKEN)",
        "1400000001:pr0dS3cret,1400000002: | SDKAPPID:TOKEN pairs with a non-empty token each"
                + " (1400000001:prodToken,1400000002:testToken); the token for SDKAppID 1400000002 is empty",
        "1400000001:pr0dS3cret,s3cret | either plain tokens for every SDKAppID (token, or old,new) or SDKAPPID:TOKEN pairs"
                + " (1400000001:prodToken,1400000002:testToken), not both",
        "s3cret,1400000002:pr0dS3cret | either plain tokens for every SDKAppID (token, or old,new) or SDKAPPID:TOKEN pairs"
                + " (1400000001:prodToken,1400000002:testToken), not both",
        "s3cret, | one token or a comma-separated list of non-empty tokens, or of SDKAPPID:TOKEN pairs",
        "'1400000001:pr0dS3cret,,1400000002:s3cret' | one token or a comma-separated list of non-empty tokens, or of"
                + " SDKAPPID:TOKEN pairs",
    })
    void refusesEachMistakeInTheTokensWithoutRepeatingOne(String value, String expected) {
        String message = errorOf(sources(Map.of(), Map.of("TIM_CALLBACK_TOKEN", value), Map.of(),
                Map.of("tim.sdkAppId", "1400000001,1400000002")));
        assertEquals("The setting 'callbackToken' (environment variable TIM_CALLBACK_TOKEN) must be " + expected
                + ". Encountered a value that is not (not shown: it is a secret).", message);
        assertFalse(message.contains("pr0dS3cret") || message.contains("s3cret"), message);
    }

    @Test
    void neverRepeatsTheTokenInAnError() {
        String message = errorOf(contextOnly(Map.of("tim.sdkAppId", "1", "tim.callbackToken", "s3cret,,other")));
        assertEquals("The setting 'callbackToken' (context-param tim.callbackToken) must be one token or a"
                + " comma-separated list of non-empty tokens, or of SDKAPPID:TOKEN pairs. Encountered a value that is not (not shown: it is a"
                + " secret).", message);
        assertFalse(message.contains("s3cret"));
    }

    @Test
    void forwardsNothingUnlessOtherCallbacksIsSet() {
        Settings settings = Settings.read(contextOnly(Map.of("tim.sdkAppId", "1")));
        assertFalse(settings.forwardsOtherCallbacks());
        assertEquals(null, settings.otherCallbacks());
        assertFalse(Settings.read(contextOnly(Map.of("tim.sdkAppId", "1", "tim.otherCallbacks", "  "))).forwardsOtherCallbacks());
    }

    @Test
    void takesAServletNameOrAContextRelativePathForOtherCallbacks() {
        assertEquals("ImCallbacks", Settings.read(contextOnly(Map.of("tim.sdkAppId", "1",
                "tim.otherCallbacks", " ImCallbacks "))).otherCallbacks());
        Settings path = Settings.read(contextOnly(Map.of("tim.sdkAppId", "1", "tim.otherCallbacks", "/im/other")));
        assertTrue(path.forwardsOtherCallbacks());
        assertEquals("/im/other", path.otherCallbacks());
    }

    @Test
    void readsOtherCallbacksFromEverySourceInOrder() {
        Map<String, String> context = Map.of("tim.sdkAppId", "1", "tim.otherCallbacks", "FromContext");
        assertEquals("FromContext", Settings.read(sources(Map.of(), Map.of(), Map.of(), context)).otherCallbacks());
        assertEquals("FromInit", Settings.read(sources(Map.of(), Map.of(), Map.of("otherCallbacks", "FromInit"), context))
                .otherCallbacks());
        assertEquals("FromEnv", Settings.read(sources(Map.of(), Map.of("TIM_OTHER_CALLBACKS", "FromEnv"),
                Map.of("otherCallbacks", "FromInit"), context)).otherCallbacks());
        assertEquals("FromSystem", Settings.read(sources(Map.of("tim.otherCallbacks", "FromSystem"),
                Map.of("TIM_OTHER_CALLBACKS", "FromEnv"), Map.of("otherCallbacks", "FromInit"), context)).otherCallbacks());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/im/other?x=1", "/im/other#top", "/im;jsessionid=1", "im/other", "Servlet/Name"})
    void refusesAnOtherCallbacksValueThatIsNeitherNameNorPlainPath(String value) {
        assertEquals("The setting 'otherCallbacks' (environment variable TIM_OTHER_CALLBACKS) must be the <servlet-name>"
                + " of a servlet of this application, or a context-relative path starting with '/' without query or"
                + " fragment. Encountered '" + value + "'.",
                errorOf(sources(Map.of(), Map.of("TIM_OTHER_CALLBACKS", value), Map.of(), Map.of("tim.sdkAppId", "1"))));
    }

    @Test
    void theReadmeTableListsEverySettingInEveryPlaceInLookUpOrder() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        String header = "| setting | " + Stream.of(Settings.Source.values()).map(source -> switch (source) {
            case SYSTEM_PROPERTY -> "system property";
            case ENVIRONMENT -> "environment";
            case SPRING_PROPERTY -> "Spring property";
            case INIT_PARAM -> "servlet init-param";
            case CONTEXT_PARAM -> "context-param";
        }).collect(Collectors.joining(" | ")) + " | default |";
        assertTrue(readme.contains(header), "README.md lacks the header " + header);
        for (Settings.Name name : Settings.Name.values()) {
            String places = Stream.of(Settings.Source.values()).map(source -> "`" + source.key(name) + "`")
                    .collect(Collectors.joining(" | ", " | ", " | "));
            assertTrue(readme.contains(places), "README.md's Configuration table lacks " + places);
        }
        long rows = readme.lines().filter(line -> line.contains(" | `tim.")).count();
        assertEquals(Settings.Name.values().length, rows, "README.md's Configuration table has other rows");
    }

    @Test
    void keepsCallbacksInMemoryWithoutADeliveryStore() {
        assertEquals(null, Settings.read(contextOnly(Map.of("tim.sdkAppId", "1"))).deliveryStore());
    }

    @Test
    void readsTheDeliveryStoreWithItsDefaults() {
        var store = Settings.read(sources(Map.of(), Map.of("TIM_DELIVERY_STORE", "jdbc:h2:file:/var/lib/tim/deliveries"),
                Map.of(), Map.of("tim.sdkAppId", "1"))).deliveryStore();
        assertEquals("jdbc:h2:file:/var/lib/tim/deliveries", store.location());
        assertEquals("'deliveryStore' (environment variable TIM_DELIVERY_STORE)", store.where());
        assertTrue(store.createTable());
        assertEquals(10, store.maxAttempts());
        assertEquals(Duration.ofSeconds(10), store.firstRetry());
        assertEquals(Duration.ofHours(24), store.retention());
        assertEquals(Duration.ofSeconds(30), store.lease());
        assertEquals(null, store.user());
    }

    @Test
    void readsEveryDeliveryStoreSetting() {
        var store = Settings.read(contextOnly(Map.of("tim.sdkAppId", "1", "tim.deliveryStore", "java:comp/env/jdbc/tim",
                "tim.deliveryStoreUser", "tim", "tim.deliveryStorePassword", "hunter2", "tim.deliveryStoreCreate", "false",
                "tim.deliveryAttempts", "3", "tim.deliveryFirstRetry", "5", "tim.deliveryRetention", "172800",
                "tim.deliveryLease", "12"))).deliveryStore();
        assertEquals("tim", store.user());
        assertEquals("hunter2", store.password());
        assertFalse(store.createTable());
        assertEquals(3, store.maxAttempts());
        assertEquals(Duration.ofSeconds(5), store.firstRetry());
        assertEquals(Duration.ofDays(2), store.retention());
        assertEquals(Duration.ofSeconds(12), store.lease());
    }

    @Test
    void neverShowsTheStoresPassword() {
        Settings settings = Settings.read(contextOnly(Map.of("tim.sdkAppId", "1",
                "tim.deliveryStore", "jdbc:postgresql://db/tim?password=inurl", "tim.deliveryStorePassword", "hunter2")));
        assertFalse(settings.toString().contains("hunter2") || settings.toString().contains("inurl"), settings.toString());
        String error = errorOf(contextOnly(Map.of("tim.sdkAppId", "1", "tim.deliveryStore", "jdbc:postgresql://db/tim?password=in url")));
        assertFalse(error.contains("in url"), error);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tim.deliveryStoreCreate=yes", "tim.deliveryAttempts=0", "tim.deliveryAttempts=101",
        "tim.deliveryFirstRetry=0", "tim.deliveryFirstRetry=3601", "tim.deliveryRetention=0",
        "tim.deliveryRetention=2592001", "tim.deliveryLease=2", "tim.deliveryLease=601", "tim.deliveryLease=-5"})
    void refusesABadDeliverySetting(String setting) {
        String[] nameAndValue = setting.split("=");
        String error = errorOf(contextOnly(Map.of("tim.sdkAppId", "1", "tim.deliveryStore", "jdbc:h2:mem:x",
                nameAndValue[0], nameAndValue[1])));
        assertTrue(error.startsWith("The setting '" + nameAndValue[0].substring(4) + "' (context-param " + nameAndValue[0]
                + ") must be "), error);
        assertTrue(error.endsWith("Encountered '" + nameAndValue[1] + "'."), error);
    }

    /** The delivery store's numbers at both ends of their ranges (refusesABadDeliverySetting tries one beyond each end). */
    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
        "tim.deliveryAttempts, 1", "tim.deliveryAttempts, 100", "tim.deliveryFirstRetry, 1", "tim.deliveryFirstRetry, 3600",
        "tim.deliveryRetention, 1", "tim.deliveryRetention, 2592000", "tim.deliveryLease, 3", "tim.deliveryLease, 600",
    })
    void takesEachDeliveryNumberAtBothEndsOfItsRange(String name, long value) {
        var store = Settings.read(contextOnly(Map.of("tim.sdkAppId", "1", "tim.deliveryStore", "jdbc:h2:mem:x",
                name, Long.toString(value)))).deliveryStore();
        long read = switch (name) {
            case "tim.deliveryAttempts" -> store.maxAttempts();
            case "tim.deliveryFirstRetry" -> store.firstRetry().toSeconds();
            case "tim.deliveryRetention" -> store.retention().toSeconds();
            default -> store.lease().toSeconds();
        };
        assertEquals(value, read);
    }

    /** Each numeric setting's range, at both ends: the ends are taken, one beyond either end refused. */
    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
        "tim.maxBodyBytes, 1, true", "tim.maxBodyBytes, 16777216, true", "tim.maxBodyBytes, 0, false",
        "tim.maxBodyBytes, 16777217, false",
        "tim.requestTimeTolerance, 1, true", "tim.requestTimeTolerance, 3600, true",
        "tim.requestTimeTolerance, 0, false", "tim.requestTimeTolerance, 3601, false",
        "tim.maxPendingAsync, 1, true", "tim.maxPendingAsync, 1000000, true", "tim.maxPendingAsync, 0, false",
        "tim.maxPendingAsync, 1000001, false",
        "tim.stopGracePeriod, 0, true", "tim.stopGracePeriod, 600, true", "tim.stopGracePeriod, 601, false",
        "tim.stopGracePeriod, -1, false",
    })
    void takesEachNumberWithinItsRangeOnly(String name, String value, boolean taken) {
        Settings.Sources sources = contextOnly(Map.of("tim.sdkAppId", "1", name, value));
        if (taken) {
            Settings settings = Settings.read(sources);
            long read = switch (name) {
                case "tim.maxBodyBytes" -> settings.maxBodyBytes();
                case "tim.requestTimeTolerance" -> settings.requestTimeTolerance().toSeconds();
                case "tim.maxPendingAsync" -> settings.maxPendingAsync();
                default -> settings.stopGracePeriod().toSeconds();
            };
            assertEquals(Long.parseLong(value), read);
        } else {
            assertTrue(errorOf(sources).contains("Encountered '" + value + "'"), errorOf(sources));
        }
    }
}
