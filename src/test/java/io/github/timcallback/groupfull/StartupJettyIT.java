package io.github.timcallback.groupfull;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.UnavailableException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** A misconfigured receiver refuses to start, and says why, in the exception and in its log. */
class StartupJettyIT {

    /**
     * Starting fails with an UnavailableException; its message, once it is checked that the
     * servlet logged the same reason itself (standalone Jetty only answers 404 and logs nothing).
     */
    private static String startupFailure(Map<String, String> contextParams, boolean withCdi) throws Exception {
        String[] message = new String[1];
        List<String> errors = logged(Level.SEVERE, () -> message[0] = assertThrows(UnavailableException.class,
                () -> EmbeddedReceiver.start(contextParams, withCdi).close()).getMessage());
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
}
