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

/** A misconfigured receiver refuses to start, and says why. */
class StartupJettyIT {

    private static String startupFailure(Map<String, String> contextParams, boolean withCdi) {
        return assertThrows(UnavailableException.class, () -> EmbeddedReceiver.start(contextParams, withCdi).close())
                .getMessage();
    }

    /** The WARNING lines the servlet logs while a receiver with these settings starts and stops. */
    private static List<String> startupWarnings(Map<String, String> contextParams) throws Exception {
        List<String> warnings = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel() == Level.WARNING) {
                    warnings.add(record.getMessage());
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
            EmbeddedReceiver.start(contextParams).close();
        } finally {
            servletLog.removeHandler(capture);
        }
        return warnings;
    }

    @Test
    void warnsOnceAtStartUpWhenCallbacksAreNotAuthenticated() throws Exception {
        List<String> warnings = startupWarnings(Map.of("tim.sdkAppId", "1400000001"));
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("Callbacks are not authenticated"), warnings.get(0));
        assertEquals(List.of(), startupWarnings(Map.of("tim.sdkAppId", "1400000001", "tim.callbackToken", "t0ken")));
    }

    @Test
    void refusesToStartWithoutSdkAppId() {
        String message = startupFailure(Map.of(), true);
        assertTrue(message.startsWith("The setting 'sdkAppId' is required"), message);
    }

    @Test
    void refusesToStartWithAnInvalidSetting() {
        String message = startupFailure(Map.of("tim.sdkAppId", "1400000001", "tim.maxBodyBytes", "lots"), true);
        assertTrue(message.contains("'maxBodyBytes' (context-param tim.maxBodyBytes)"), message);
        assertTrue(message.contains("Encountered 'lots'"), message);
    }

    @Test
    void refusesToStartWithoutACdiContainerAndSaysHowToAddOne() {
        String message = startupFailure(Map.of("tim.sdkAppId", "1400000001"), false);
        assertTrue(message.startsWith("No CDI container is running"), message);
        assertTrue(message.contains("weld-servlet-shaded"), message);
    }
}
