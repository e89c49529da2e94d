package io.github.timcallback.groupfull.containers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A WildFly of the distribution that the build unpacked, run with {@code bin/standalone.sh} and
 * its default {@code standalone.xml}, in a server base directory of its own, on loopback ports.
 * WARs are deployed as an operator deploys them: copied into {@code deployments/}.
 */
final class WildFly {

    private WildFly() {
    }

    static String version() {
        return System.getProperty("wildfly.version", "39.0.1.Final");
    }

    /**
     * @param webapps     WAR files by the context name to deploy them under
     * @param environment variables for the WildFly process
     * @param cli         management commands (jboss-cli) applied to the configuration before it
     *                    starts, offline through {@code embed-server}
     */
    static RunningServer start(Path base, Map<String, Path> webapps, Map<String, String> environment,
            List<String> cli) throws Exception {
        Path home = Path.of(System.getProperty("wildfly.home", "target/wildfly-dist/wildfly-" + version()))
                .toAbsolutePath();
        if (!Files.isDirectory(home.resolve("bin"))) {
            throw new IllegalStateException("No WildFly distribution at " + home + ": run through mvn verify");
        }
        TomcatInstance.deleteRecursively(base);
        Path configuration = base.resolve("configuration");
        Files.createDirectories(configuration);
        try (Stream<Path> files = Files.list(home.resolve("standalone/configuration"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, configuration.resolve(file.getFileName()));
            }
        }
        if (!cli.isEmpty()) {
            configure(home, base, cli);
        }
        Path deployments = Files.createDirectories(base.resolve("deployments"));
        for (Map.Entry<String, Path> webapp : webapps.entrySet()) {
            Files.copy(webapp.getValue(), deployments.resolve(webapp.getKey() + ".war"));
        }
        int port = TomcatInstance.freePort();
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/standalone.sh").toString(),
                "-Djboss.server.base.dir=" + base, "-Djboss.bind.address=127.0.0.1",
                "-Djboss.bind.address.management=127.0.0.1", "-Djboss.http.port=" + port,
                "-Djboss.https.port=" + TomcatInstance.freePort(),
                "-Djboss.management.http.port=" + TomcatInstance.freePort(),
                "-Djboss.management.https.port=" + TomcatInstance.freePort());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        // The script then runs the JVM as its child and passes a SIGTERM on to it.
        builder.environment().put("LAUNCH_JBOSS_IN_BACKGROUND", "true");
        builder.environment().putAll(environment);
        // WFLYSRV0025 ("started") follows the deployment of everything in deployments/.
        return new LoopbackServer(port,
                ServerProcess.start("WildFly", builder, base.resolve("console.log"), "WFLYSRV0025"));
    }

    private static void configure(Path home, Path base, List<String> cli) throws Exception {
        List<String> script = new ArrayList<>();
        script.add("embed-server");
        script.addAll(cli);
        script.add("stop-embedded-server");
        Path file = Files.write(base.resolve("settings.cli"), script);
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/jboss-cli.sh").toString(), "--file=" + file);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("JAVA_OPTS", "-Djboss.server.base.dir=" + base);
        ServerProcess.run("jboss-cli", builder, base.resolve("settings.log"));
    }
}
