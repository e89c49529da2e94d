package io.github.timcallback.groupfull.containers;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@link DropInHandlerIT} with the handler named by the path its fragment maps it to
 * ({@code TIM_OTHER_CALLBACKS=/im/callbacks}) rather than by its servlet name: Tomcat resolves no
 * path while the receiver starts, so this is the case a dispatcher looked up at start-up breaks.
 */
class DropInHandlerByPathIT extends TomcatForwarding {

    static final String APP = "1400000113";
    static final Path BASE = Path.of("target/drop-in-by-path-it").toAbsolutePath();
    static final ObserverFile OBSERVED = new ObserverFile(BASE.resolve("observed.txt"));
    static TomcatInstance tomcat;

    DropInHandlerByPathIT() {
        super(APP, DropInHandlerIT.PATH, OBSERVED, () -> tomcat);
    }

    @BeforeAll
    static void start() throws Exception {
        TomcatInstance.deleteRecursively(BASE);
        Path handlerJar = DropInHandlerIT.handlerJar(BASE.resolve("handler/im-callbacks.jar"), DropInHandlerIT.FRAGMENT.replace(
                "  </servlet>\n", "  </servlet>\n  <servlet-mapping>\n    <servlet-name>ImCallbacks</servlet-name>\n"
                        + "    <url-pattern>/im/callbacks</url-pattern>\n  </servlet-mapping>\n"));
        tomcat = TomcatInstance.start(BASE.resolve("instance"),
                Map.of("group-full", Path.of(System.getProperty("product.war"))), TomcatInstance.mountedInWebInfLib(handlerJar),
                Map.of("TIM_SDKAPPID", APP, "TIM_CALLBACK_TOKEN", TOKEN, "TIM_OTHER_CALLBACKS", "/im/callbacks",
                        "OBSERVER_LOG", OBSERVED.path().toString()));
    }

    @AfterAll
    static void stop() throws Exception {
        if (tomcat != null) {
            tomcat.close();
        }
    }
}
