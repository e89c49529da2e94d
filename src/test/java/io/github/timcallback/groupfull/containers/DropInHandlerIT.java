package io.github.timcallback.groupfull.containers;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The WAR exactly as built on Tomcat 11, with the application's handler for its other callbacks
 * dropped into {@code WEB-INF/lib} as a jar that declares its servlet (and a filter) in its own
 * {@code META-INF/web-fragment.xml}, named by {@code TIM_OTHER_CALLBACKS}; nothing repackaged.
 * The same jar carries the application's group-full observer.
 */
class DropInHandlerIT extends TomcatForwarding {

    static final String APP = "1400000112";
    static final String PATH = "/group-full/tim/callback";
    static final Path BASE = Path.of("target/drop-in-it").toAbsolutePath();
    static final ObserverFile OBSERVED = new ObserverFile(BASE.resolve("observed.txt"));
    static final String FRAGMENT = """
            <?xml version="1.0" encoding="UTF-8"?>
            <web-fragment xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
              <name>im_callbacks</name>
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
            </web-fragment>
            """;
    static TomcatInstance tomcat;

    DropInHandlerIT() {
        super(APP, PATH, OBSERVED, () -> tomcat);
    }

    @BeforeAll
    static void start() throws Exception {
        TomcatInstance.deleteRecursively(BASE);
        Path handlerJar = handlerJar(BASE.resolve("handler/im-callbacks.jar"));
        tomcat = TomcatInstance.start(BASE.resolve("instance"),
                Map.of("group-full", Path.of(System.getProperty("product.war"))), TomcatInstance.mountedInWebInfLib(handlerJar),
                Map.of("TIM_SDKAPPID", APP, "TIM_CALLBACK_TOKEN", TOKEN, "TIM_OTHER_CALLBACKS", "ImCallbacks",
                        "OBSERVER_LOG", OBSERVED.path().toString()));
    }

    /** The application's jar: its servlet, filter and observer, a web fragment, and a beans.xml. */
    static Path handlerJar(Path jar) throws Exception {
        return handlerJar(jar, FRAGMENT);
    }

    /** The same with the web fragment {@code fragment}. */
    static Path handlerJar(Path jar, String fragment) throws Exception {
        Files.createDirectories(jar.getParent());
        Path classes = Path.of("target/test-classes");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("META-INF/web-fragment.xml"));
            out.write(fragment.getBytes(StandardCharsets.UTF_8));
            out.putNextEntry(new JarEntry("META-INF/beans.xml"));
            out.write(TomcatInstance.ALL_BEANS_XML.getBytes(StandardCharsets.UTF_8));
            for (String file : new String[] {"forward/OtherCallbackServlet.class", "forward/OtherCallbackServlet$Scoped.class",
                "forward/MarkingFilter.class", "containers/FileObserver.class", "containers/FileObserver$Delivery.class"}) {
                out.putNextEntry(new JarEntry("io/github/timcallback/groupfull/" + file));
                out.write(Files.readAllBytes(classes.resolve("io/github/timcallback/groupfull/" + file)));
            }
        }
        return jar;
    }

    @AfterAll
    static void stop() throws Exception {
        if (tomcat != null) {
            tomcat.close();
        }
    }
}
