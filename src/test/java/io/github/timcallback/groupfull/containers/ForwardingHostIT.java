package io.github.timcallback.groupfull.containers;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Inside an existing WAR on Tomcat 11: the host's web.xml declares its own servlet for its other
 * callbacks, names it in the context-param {@code tim.otherCallbacks}, and has a filter on all
 * paths; our classes jar is the callback URL.
 */
class ForwardingHostIT extends TomcatForwarding {

    static final String APP = "1400000111";
    static final String PATH = "/host/tim/callback";
    static final Path BASE = Path.of("target/forwarding-host-it").toAbsolutePath();
    static final ObserverFile OBSERVED = new ObserverFile(BASE.resolve("observed.txt"));
    static TomcatInstance tomcat;

    ForwardingHostIT() {
        super(APP, PATH, OBSERVED, () -> tomcat);
    }

    @BeforeAll
    static void start() throws Exception {
        TomcatInstance.deleteRecursively(BASE);
        Path host = HostApplicationIT.hostWar(BASE.resolve("host.war"), APP, """
                  <context-param>
                    <param-name>tim.otherCallbacks</param-name>
                    <param-value>ImCallbacks</param-value>
                  </context-param>
                  <context-param>
                    <param-name>tim.callbackToken</param-name>
                    <param-value>%s</param-value>
                  </context-param>
                  <filter>
                    <filter-name>Marking</filter-name>
                    <filter-class>io.github.timcallback.groupfull.forward.MarkingFilter</filter-class>
                  </filter>
                  <filter-mapping>
                    <filter-name>Marking</filter-name>
                    <url-pattern>/*</url-pattern>
                  </filter-mapping>
                  <servlet>
                    <servlet-name>ImCallbacks</servlet-name>
                    <servlet-class>io.github.timcallback.groupfull.forward.OtherCallbackServlet</servlet-class>
                  </servlet>
                """.formatted(TOKEN));
        tomcat = TomcatInstance.start(BASE.resolve("instance"), Map.of("host", host), null,
                Map.of("OBSERVER_LOG", OBSERVED.path().toString()));
    }

    @AfterAll
    static void stop() throws Exception {
        if (tomcat != null) {
            tomcat.close();
        }
    }
}
