package io.github.timcallback.groupfull.containers;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The product WAR exactly as built in a standalone Jetty 12 ({@code jetty-home}, unpacked by the
 * build), with the modules the README names, started as an operator would: it starts (so Weld
 * runs: without CDI the receiver refuses to) and answers the vendor. Beside the Tomcat tests,
 * whose helpers it shares: both run a real container as its own process.
 */
class StandaloneJettyIT {

    @Test
    void runsTheWarWithTheModulesTheReadmeNames() throws Exception {
        Path home = Path.of(System.getProperty("jetty.distribution", "target/jetty-dist/jetty-home-12.1.8"))
                .toAbsolutePath();
        Path base = Path.of("target/jetty-standalone").toAbsolutePath();
        TomcatInstance.deleteRecursively(base);
        Files.createDirectories(base);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String startJar = home.resolve("start.jar").toString();
        Process setUp = new ProcessBuilder(java, "-jar", startJar, "jetty.home=" + home,
                "--add-modules=http,ee10-deploy,ee10-annotations,ee10-cdi-decorate")
                .directory(base.toFile()).redirectErrorStream(true).redirectOutput(base.resolve("setup.log").toFile())
                .start();
        assertEquals(0, setUp.waitFor(), () -> read(base.resolve("setup.log")));
        Files.copy(Path.of(System.getProperty("product.war")), base.resolve("webapps/group-full.war"));

        int port = TomcatInstance.freePort();
        ProcessBuilder run = new ProcessBuilder(java, "-jar", startJar, "jetty.home=" + home,
                "jetty.http.host=127.0.0.1", "jetty.http.port=" + port)
                .directory(base.toFile()).redirectErrorStream(true).redirectOutput(base.resolve("console.log").toFile());
        run.environment().put("TIM_SDKAPPID", TomcatIT.APP);
        Process jetty = run.start();
        Runtime.getRuntime().addShutdownHook(new Thread(jetty::destroyForcibly));
        try {
            awaitStarted(jetty, base.resolve("console.log"));
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> ok = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + TomcatIT.PATH + TomcatIT.QUERY))
                    .POST(BodyPublishers.ofString(TomcatIT.SAMPLE))
                    .build(), BodyHandlers.ofString(UTF_8));
            assertEquals(200, ok.statusCode(), () -> ok.body() + read(base.resolve("console.log")));
            assertEquals(TomcatIT.OK, ok.body());
        } finally {
            jetty.destroy();
            if (!jetty.waitFor(30, TimeUnit.SECONDS)) {
                jetty.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** Waits for Jetty's "Started oejs.Server" line, which follows the deployment of every WAR. */
    private static void awaitStarted(Process jetty, Path console) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!read(console).contains("Started oejs.Server")) {
            if (!jetty.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("Jetty did not start:\n" + read(console));
            }
            jetty.waitFor(100, TimeUnit.MILLISECONDS);
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? String.join("\n", Files.readAllLines(file, UTF_8)) : "";
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
