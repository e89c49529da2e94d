package io.github.timcallback.groupfull.containers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * The WAR in a standalone Jetty 12 ({@code jetty-home}, unpacked by the build), with the modules
 * the README names, started as an operator would, and the tests' observer added to WEB-INF/lib.
 * That it starts at all proves the modules: without CDI the receiver refuses to start.
 */
class StandaloneJettyIT extends CallbackContract {

    StandaloneJettyIT() {
        super("Jetty", System.getProperty("jetty.home.version", "12.1.8"), "`.war`");
    }

    @Override
    RunningServer start(Path base, Map<String, String> environment) throws Exception {
        Path home = Path.of(System.getProperty("jetty.distribution", "target/jetty-dist/jetty-home-12.1.8"))
                .toAbsolutePath();
        Path jettyBase = Files.createDirectories(base.resolve("base"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String startJar = home.resolve("start.jar").toString();
        ServerProcess.run("Jetty's --add-modules", new ProcessBuilder(java, "-jar", startJar, "jetty.home=" + home,
                "--add-modules=http,ee10-deploy,ee10-annotations,ee10-cdi-decorate").directory(jettyBase.toFile()),
                base.resolve("setup.log"));
        Wars.withObserver(Path.of(System.getProperty("product.war")), jettyBase.resolve("webapps/group-full.war"));
        // The README's settings go where it says: the server module's start.d/server.ini, which
        // --add-modules wrote.
        Files.write(jettyBase.resolve("start.d/server.ini"), settings(), StandardOpenOption.APPEND);

        int port = TomcatInstance.freePort();
        ProcessBuilder run = new ProcessBuilder(java, "-jar", startJar, "jetty.home=" + home,
                "jetty.http.host=127.0.0.1", "jetty.http.port=" + port).directory(jettyBase.toFile());
        run.environment().putAll(environment);
        // "Started oejs.Server" follows the deployment of every WAR.
        return new LoopbackServer(port,
                ServerProcess.start("Jetty", run, base.resolve("console.log"), "Started oejs.Server"));
    }
}
