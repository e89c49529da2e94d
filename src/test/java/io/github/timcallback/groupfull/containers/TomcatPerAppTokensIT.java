package io.github.timcallback.groupfull.containers;

import static io.github.timcallback.groupfull.forward.VendorCalls.assertRefused;
import static io.github.timcallback.groupfull.forward.VendorCalls.seen;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.timcallback.groupfull.forward.VendorCalls;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The WAR exactly as built on Tomcat 11 for a production and a test app, each with its own token
 * in {@code TIM_CALLBACK_TOKEN} as the README writes it, and the application's handler for other
 * callbacks dropped in ({@link DropInHandlerIT#handlerJar}): a callback signed with the other
 * app's token is refused and reaches neither an observer nor the handler.
 */
class TomcatPerAppTokensIT {

    static final String PROD = "1400000001";
    static final String TEST = "1400000002";
    static final String PROD_TOKEN = "prod-token-0c5d";
    static final String TEST_TOKEN = "test-token-e817";
    static final Path BASE = Path.of("target/tomcat-per-app-tokens-it").toAbsolutePath();
    static final ObserverFile OBSERVED = new ObserverFile(BASE.resolve("observed.txt"));
    static TomcatInstance tomcat;

    @BeforeAll
    static void start() throws Exception {
        TomcatInstance.deleteRecursively(BASE);
        Path handlerJar = DropInHandlerIT.handlerJar(BASE.resolve("handler/im-callbacks.jar"));
        tomcat = TomcatInstance.start(BASE.resolve("instance"),
                Map.of("group-full", Path.of(System.getProperty("product.war"))), TomcatInstance.mountedInWebInfLib(handlerJar),
                Map.of("TIM_SDKAPPID", PROD + "," + TEST, "TIM_CALLBACK_TOKEN", PROD + ":" + PROD_TOKEN + "," + TEST + ":" + TEST_TOKEN,
                        "TIM_OTHER_CALLBACKS", "ImCallbacks", "OBSERVER_LOG", OBSERVED.path().toString()));
    }

    @AfterAll
    static void stop() throws Exception {
        if (tomcat != null) {
            tomcat.close();
        }
    }

    static HttpResponse<String> post(String app, String token, String command, String body) throws Exception {
        return VendorCalls.post(tomcat.uri(DropInHandlerIT.PATH + VendorCalls.query(app, token, command)),
                BodyPublishers.ofString(body), "application/json");
    }

    static String groupFull(String groupId) {
        return "{\"CallbackCommand\":\"Group.CallbackAfterGroupFull\",\"GroupId\":\"" + groupId + "\"}";
    }

    @Test
    void acceptsEachAppsOwnSignatureAndRefusesTheOthersWithoutFiring() throws Exception {
        assertRefused(401, 40105, post(PROD, TEST_TOKEN, "Group.CallbackAfterGroupFull", groupFull("@TGS#forged-prod")));
        assertRefused(401, 40105, post(TEST, PROD_TOKEN, "Group.CallbackAfterGroupFull", groupFull("@TGS#forged-test")));
        assertEquals(200, post(PROD, PROD_TOKEN, "Group.CallbackAfterGroupFull", groupFull("@TGS#prod")).statusCode());
        assertEquals(200, post(TEST, TEST_TOKEN, "Group.CallbackAfterGroupFull", groupFull("@TGS#test")).statusCode());

        OBSERVED.awaitLine("async @TGS#prod " + PROD);
        List<String> lines = OBSERVED.awaitLine("async @TGS#test " + TEST);
        // Deliveries arrive in order: once those after the forged ones are in, a forged one would be too.
        assertEquals(List.of("async @TGS#prod " + PROD, "async @TGS#test " + TEST, "sync @TGS#prod " + PROD,
                "sync @TGS#test " + TEST), lines.stream().sorted().toList());
    }

    @Test
    void forwardsAnOtherCallbackOnlyWithATokenOfItsOwnApp() throws Exception {
        int before = ((Number) seen(post(PROD, PROD_TOKEN, "State.StateChange", "{}")).get("Count")).intValue();
        Map<?, ?> test = seen(post(TEST, TEST_TOKEN, "Group.CallbackAfterNewMemberJoin", "{}"));
        assertEquals(TEST, test.get("SdkAppid"));

        assertRefused(401, 40105, post(PROD, TEST_TOKEN, "State.StateChange", "{}"));
        assertRefused(401, 40105, post(TEST, PROD_TOKEN, "C2C.CallbackBeforeSendMsg", "{}"));

        int after = ((Number) seen(post(PROD, PROD_TOKEN, "State.StateChange", "{}")).get("Count")).intValue();
        assertEquals(before + 2, after, "a callback signed with another app's token reached the application's servlet");
    }
}
