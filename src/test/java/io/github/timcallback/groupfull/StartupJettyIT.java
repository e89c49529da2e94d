package io.github.timcallback.groupfull;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.UnavailableException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A misconfigured receiver refuses to start, and says why. */
class StartupJettyIT {

    private static String startupFailure(Map<String, String> contextParams, boolean withCdi) {
        return assertThrows(UnavailableException.class, () -> EmbeddedReceiver.start(contextParams, withCdi).close())
                .getMessage();
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
