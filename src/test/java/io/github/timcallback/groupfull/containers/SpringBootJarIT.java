package io.github.timcallback.groupfull.containers;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The tests' Spring Boot 4 application as an executable jar, run as users run theirs:
 * {@code java -jar} with its embedded Tomcat, configured through the environment as every
 * container of the contract is.
 */
class SpringBootJarIT extends SpringBootContract {

    SpringBootJarIT() throws Exception {
        super(SpringApps.Build.BOOT4_JAR);
    }

    /** As in any host, a bad setting stops the start, here of the whole application, with the receiver's message. */
    @Test
    void aBadSettingStopsTheApplicationsStartNamingTheSpringProperty() throws Exception {
        assertTheStartFails("bad-setting", "--tim.max-body-bytes=0", "The setting 'maxBodyBytes' (Spring property"
                + " tim.max-body-bytes) must be a whole number of bytes from 1 to 16777216. Encountered '0'.");
    }

    /** So does forwarding to a servlet the application does not have (in a WAR, Tomcat would only log it). */
    @Test
    void aForwardingTargetThatDoesNotExistStopsTheApplicationsStart() throws Exception {
        assertTheStartFails("bad-target", "--tim.other-callbacks=mvcDispatcher", "The setting 'otherCallbacks' must name"
                + " a servlet of this application. Encountered 'mvcDispatcher'; the application's servlets are [");
    }

    /** Runs the application with {@code argument} and every other setting right: it must end, with another status than 0, and say {@code message}. */
    private void assertTheStartFails(String name, String argument, String message) throws Exception {
        Path base = Path.of("target/contracts", getClass().getSimpleName() + "-" + name).toAbsolutePath();
        TomcatInstance.deleteRecursively(base);
        Files.createDirectories(base);
        Path console = base.resolve("console.log");
        ProcessBuilder application = new ProcessBuilder(SpringApps.javaJar(build(), TomcatInstance.freePort(), argument))
                .directory(base.toFile()).redirectErrorStream(true).redirectOutput(console.toFile());
        application.environment().put("IM_CALLBACK_TOKEN", TOKEN);
        Process java = application.start();
        try {
            assertTrue(java.waitFor(2, TimeUnit.MINUTES), () -> "still running:\n" + read(console));
            assertNotEquals(0, java.exitValue(), () -> read(console));
            assertTrue(read(console).contains(message), () -> read(console));
        } finally {
            java.destroyForcibly().waitFor();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (Exception e) {
            return e.toString();
        }
    }

    /** The README's forwarding as it is, in an application of its own: its properties, its token by IM_CALLBACK_TOKEN. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Forwarding extends SpringForwarding {

        private final Path base = Path.of("target/contracts", SpringBootJarIT.this.getClass().getSimpleName() + "-forwarding")
                .toAbsolutePath();
        private final ObserverFile observed = new ObserverFile(base.resolve("observed.txt"));
        private RunningServer server;

        @BeforeAll
        void startTheApplication() throws Exception {
            TomcatInstance.deleteRecursively(base);
            server = SpringApps.startJar(build(), base, Map.of("IM_CALLBACK_TOKEN", TOKEN, "OBSERVER_LOG", observed.path().toString()));
        }

        @AfterAll
        void stopTheApplication() throws Exception {
            if (server != null) {
                server.close();
            }
        }

        @Override
        RunningServer server() {
            return server;
        }

        @Override
        String contextPath() {
            return "";
        }

        @Override
        ObserverFile observed() {
            return observed;
        }

        @Test
        void readsItsSettingsFromTheReadmesProperties() throws Exception {
            String console = server.console();
            assertTrue(console.contains("for SDKAppID " + APP + " (events to Spring listeners); other callbacks forwarded to"
                    + " servlet 'dispatcherServlet'"), console);
            assertTrue(console.contains("callback authentication on with 1 token(s) for SDKAppID " + APP), console);
        }
    }
}
