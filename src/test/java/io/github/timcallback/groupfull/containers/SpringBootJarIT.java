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
        Path base = Path.of("target/contracts", getClass().getSimpleName() + "-bad-setting").toAbsolutePath();
        TomcatInstance.deleteRecursively(base);
        Files.createDirectories(base);
        Path console = base.resolve("console.log");
        Process java = new ProcessBuilder(SpringApps.javaJar(build(), TomcatInstance.freePort(), "--tim.max-body-bytes=0"))
                .directory(base.toFile()).redirectErrorStream(true).redirectOutput(console.toFile()).start();
        try {
            assertTrue(java.waitFor(2, TimeUnit.MINUTES), () -> "still running:\n" + read(console));
            assertNotEquals(0, java.exitValue(), () -> read(console));
            assertTrue(read(console).contains("The setting 'maxBodyBytes' (Spring property tim.max-body-bytes) must be a"
                    + " whole number of bytes from 1 to 16777216. Encountered '0'."), () -> read(console));
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
