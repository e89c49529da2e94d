package io.github.timcallback.groupfull.jetty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.timcallback.groupfull.GroupFullCallbackServlet;
import jakarta.servlet.UnavailableException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A misconfigured receiver refuses to start, and says why, in the exception and in its log. */
class StartupJettyIT {

    /**
     * Starting fails with an UnavailableException; its message, once it is checked that the
     * servlet logged the same reason itself (standalone Jetty only answers 404 and logs nothing).
     */
    private static String startupFailure(Map<String, String> contextParams, boolean withCdi) throws Exception {
        return startupFailure(() -> EmbeddedReceiver.start(contextParams, withCdi).close());
    }

    /** As above, with the application's own handler for other callbacks beside the receiver. */
    private static String startupFailureBesideOwnHandler(String otherCallbacks) throws Exception {
        return startupFailure(() -> EmbeddedReceiver.start(Map.of("tim.sdkAppId", "1400000001",
                "tim.otherCallbacks", otherCallbacks), ForwardingJettyIT::addOwnHandler).close());
    }

    private static String startupFailure(Action start) throws Exception {
        String[] message = new String[1];
        List<String> errors = logged(Level.SEVERE, () -> message[0] = assertThrows(UnavailableException.class,
                start::run).getMessage());
        assertEquals(List.of("The receiver does not start: " + message[0]), errors);
        return message[0];
    }

    /** The WARNING lines the servlet logs while a receiver with these settings starts and stops. */
    private static List<String> startupWarnings(Map<String, String> contextParams) throws Exception {
        return logged(Level.WARNING, () -> EmbeddedReceiver.start(contextParams).close());
    }

    /** The messages at {@code level} that the servlet logs while {@code action} runs. */
    private static List<String> logged(Level level, Action action) throws Exception {
        List<String> messages = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel() == level) {
                    messages.add(record.getMessage());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger servletLog = Logger.getLogger(GroupFullCallbackServlet.class.getName());
        servletLog.addHandler(capture);
        try {
            action.run();
        } finally {
            servletLog.removeHandler(capture);
        }
        return messages;
    }

    private interface Action {
        void run() throws Exception;
    }

    @Test
    void warnsOnceAtStartUpWhenCallbacksAreNotAuthenticated() throws Exception {
        List<String> warnings = startupWarnings(Map.of("tim.sdkAppId", "1400000001"));
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("Callbacks are not authenticated"), warnings.get(0));
        assertEquals(List.of(), startupWarnings(Map.of("tim.sdkAppId", "1400000001", "tim.callbackToken", "t0ken")));
    }

    @Test
    void warnsThatThePlainFormOfTokensSignsForEveryApp() throws Exception {
        List<String> warnings = startupWarnings(Map.of("tim.sdkAppId", "1400000001,1400000002",
                "tim.callbackToken", "pr0dT0ken,t3stT0ken"));
        assertEquals(List.of("Every callback token of 'callbackToken' is accepted for every SDKAppID (1400000001,"
                + " 1400000002): a callback of any of these apps signed with the token of any other is accepted, so"
                + " whoever holds one app's token (a test app's, say) can forge callbacks of the others. Give each app"
                + " its own tokens: callbackToken (TIM_CALLBACK_TOKEN) = 1400000001:TOKEN,1400000002:TOKEN, with the"
                + " token of each app's callback configuration in the IM console."), warnings);
        assertEquals(List.of(), startupWarnings(Map.of("tim.sdkAppId", "1400000001,1400000002",
                "tim.callbackToken", "1400000001:pr0dT0ken,1400000002:t3stT0ken")));
        assertEquals(List.of(), startupWarnings(Map.of("tim.sdkAppId", "1400000001", "tim.callbackToken", "old,new")));
    }

    @Test
    void refusesToStartWithATokenForAnAppItDoesNotServe() throws Exception {
        String message = startupFailure(Map.of("tim.sdkAppId", "1400000001",
                "tim.callbackToken", "1400000001:pr0dT0ken,1400000002:t3stT0ken"), true);
        assertTrue(message.startsWith("The setting 'callbackToken' (context-param tim.callbackToken) must be"
                + " SDKAPPID:TOKEN pairs for the SDKAppIDs of 'sdkAppId' (1400000001); SDKAppID 1400000002 is not"), message);
        assertFalse(message.contains("pr0dT0ken") || message.contains("t3stT0ken"), message);
    }

    @Test
    void neverLogsTheCallbackTokenFromStartUpToStop() throws Exception {
        String token = "start-up-secret-8c41";
        Logger ours = Logger.getLogger("io.github.timcallback");
        List<String> everything = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                everything.add(record.getLevel() + " " + record.getMessage()
                        + (record.getThrown() == null ? "" : " " + record.getThrown()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        ours.setLevel(Level.ALL);
        ours.addHandler(capture);
        try {
            EmbeddedReceiver.start(Map.of("tim.sdkAppId", "1400000001", "tim.callbackToken", "old-one," + token)).close();
        } finally {
            ours.removeHandler(capture);
            ours.setLevel(null);
        }
        assertTrue(everything.stream().anyMatch(line -> line.startsWith("INFO Receiving Group.CallbackAfterGroupFull at")
                && line.contains("callback authentication on with 2 token(s) for every SDKAppID")), everything::toString);
        for (String line : everything) {
            assertFalse(line.contains(token) || line.contains("old-one"), "logged the token: " + line);
        }
    }

    @Test
    void refusesToStartWithoutSdkAppId() throws Exception {
        String message = startupFailure(Map.of(), true);
        assertTrue(message.startsWith("The setting 'sdkAppId' is required"), message);
    }

    @Test
    void refusesToStartWithAnInvalidSetting() throws Exception {
        String message = startupFailure(Map.of("tim.sdkAppId", "1400000001", "tim.maxBodyBytes", "lots"), true);
        assertTrue(message.contains("'maxBodyBytes' (context-param tim.maxBodyBytes)"), message);
        assertTrue(message.contains("Encountered 'lots'"), message);
    }

    @Test
    void refusesToStartWithoutACdiContainerAndSaysHowToAddOne() throws Exception {
        String message = startupFailure(Map.of("tim.sdkAppId", "1400000001"), false);
        assertTrue(message.startsWith("No CDI container is running"), message);
        assertTrue(message.contains("weld-servlet-shaded"), message);
    }

    @Test
    void refusesToForwardToAServletTheApplicationDoesNotHave() throws Exception {
        String message = startupFailureBesideOwnHandler("OtherCalbacks");
        assertTrue(message.startsWith("The setting 'otherCallbacks' must name a servlet of this application."
                + " Encountered 'OtherCalbacks'; the application's servlets are ["), message);
        assertTrue(message.contains("OtherCallbacks"), message);
    }

    @Test
    void refusesToForwardToAPathNoServletIsMappedTo() throws Exception {
        String message = startupFailureBesideOwnHandler("/im/others");
        assertTrue(message.startsWith("The setting 'otherCallbacks' must name a servlet of this application or a path"
                + " that one is mapped to (exactly, by prefix or by extension). Encountered '/im/others'"), message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"GroupFullCallback", "/tim/callback"})
    void refusesToForwardBackToTheReceiver(String otherCallbacks) throws Exception {
        assertEquals("The setting 'otherCallbacks' must not lead back to the receiver itself (servlet"
                + " 'GroupFullCallback'): every other callback would be forwarded forever. Encountered '"
                + otherCallbacks + "'.", startupFailureBesideOwnHandler(otherCallbacks));
    }

    @Test
    void saysAtStartUpWhereOtherCallbacksGo() throws Exception {
        List<String> byName = logged(Level.INFO, () -> EmbeddedReceiver.start(Map.of("tim.sdkAppId", "1400000001",
                "tim.otherCallbacks", "OtherCallbacks"), ForwardingJettyIT::addOwnHandler).close());
        assertTrue(byName.get(0).contains("; other callbacks forwarded to servlet 'OtherCallbacks';"), byName.toString());
        List<String> byPath = logged(Level.INFO, () -> EmbeddedReceiver.start(Map.of("tim.sdkAppId", "1400000001",
                "tim.otherCallbacks", "/im/other"), ForwardingJettyIT::addOwnHandler).close());
        assertTrue(byPath.get(0).contains("; other callbacks forwarded to path /im/other (servlet 'OtherCallbacks');"),
                byPath.toString());
        List<String> none = logged(Level.INFO, () -> EmbeddedReceiver.start(Map.of("tim.sdkAppId", "1400000001")).close());
        assertTrue(none.get(0).contains("; other callbacks refused (otherCallbacks is not set);"), none.toString());
    }
}
