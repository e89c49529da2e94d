package io.github.timcallback.groupfull.containers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Payara Micro, the jar the build copied, run as its documentation shows
 * ({@code java -jar payara-micro.jar --deploy app.war:/context --port P --nocluster}), with its
 * working files in a directory of the test's own and, like the other containers of the tests, its
 * HTTP listener on 127.0.0.1 only (a pre-boot command; Payara Micro has no option for it). Its data
 * grid still listens on port 6900 of every interface: neither {@code --nocluster} nor
 * {@code --nohazelcast} stops it in this version.
 */
final class PayaraMicro {

    private PayaraMicro() {
    }

    static String version() {
        return System.getProperty("payara.micro.version", "6.2025.10");
    }

    /**
     * @param war         the WAR to deploy
     * @param context     the context path to deploy it under, e.g. "/group-full"
     * @param environment variables for the Payara Micro process
     * @param preBoot     asadmin commands to run before it boots, beside the one for the address
     */
    static RunningServer start(Path base, Path war, String context, Map<String, String> environment,
            List<String> preBoot) throws Exception {
        Path jar = Path.of(System.getProperty("payara.micro", "target/payara-dist/payara-micro.jar")).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No Payara Micro at " + jar + ": run through mvn verify");
        }
        TomcatInstance.deleteRecursively(base);
        Files.createDirectories(base);
        Path deployed = Files.copy(war, base.resolve("app.war"));
        List<String> commands = new ArrayList<>(preBoot);
        commands.add("set configs.config.server-config.network-config.network-listeners.network-listener.http-listener.address=127.0.0.1");
        Path preBootFile = Files.write(base.resolve("pre-boot.asadmin"), commands);
        int port = TomcatInstance.freePort();
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "--deploy", deployed + ":" + context, "--port", String.valueOf(port),
                "--nocluster", "--prebootcommandfile", preBootFile.toString(), "--rootdir", base.resolve("root").toString());
        builder.environment().putAll(environment);
        // "ready in" is printed once the deployment is done.
        return new LoopbackServer(port,
                ServerProcess.start("Payara Micro", builder, base.resolve("console.log"), "ready in"));
    }

}
