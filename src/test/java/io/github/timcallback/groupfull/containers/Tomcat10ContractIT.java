package io.github.timcallback.groupfull.containers;

import java.nio.file.Path;
import java.util.Map;

/**
 * The WAR exactly as built in a plain Tomcat 10.1 (Servlet 6.0), the tests' observer mounted into
 * its WEB-INF/lib from the host's context defaults, so the WAR is not rebuilt.
 */
class Tomcat10ContractIT extends CallbackContract {

    Tomcat10ContractIT() {
        super("Tomcat 10.1", System.getProperty("tomcat10.version", "10.1.59"), "`.war`");
    }

    @Override
    RunningServer start(Path base, Map<String, String> environment) throws Exception {
        return TomcatInstance.start(TomcatInstance.home10(), base.resolve("instance"),
                Map.of("group-full", Path.of(System.getProperty("product.war"))),
                TomcatInstance.mountedInWebInfLib(Wars.observerJar(base.resolve("observer/observer.jar"))), environment,
                settings());
    }
}
