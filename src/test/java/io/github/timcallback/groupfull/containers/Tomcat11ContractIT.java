package io.github.timcallback.groupfull.containers;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** As {@link Tomcat10ContractIT}, on Tomcat 11 (Servlet 6.1). */
class Tomcat11ContractIT extends CallbackContract {

    Tomcat11ContractIT() {
        super("Tomcat 11", System.getProperty("tomcat.version", "11.0.24"), "`.war`");
    }

    @Override
    RunningServer start(Path base, Map<String, String> environment) throws Exception {
        return TomcatInstance.start(TomcatInstance.home(), base.resolve("instance"),
                Map.of("group-full", Path.of(System.getProperty("product.war"))),
                TomcatInstance.mountedInWebInfLib(Wars.observerJar(base.resolve("observer/observer.jar"))), environment,
                settings());
    }

    /** The WAR carries no Spring (PackagingIT): the receiver finds no Spring application and hands its events to CDI. */
    @Test
    void startsWithItsEventsToCdiObservers() throws Exception {
        String console = server().console();
        assertTrue(console.lines().anyMatch(line -> line.contains("Receiving Group.CallbackAfterGroupFull at [" + PATH + "]")
                && line.contains("(events to CDI observers)")), console);
    }
}
