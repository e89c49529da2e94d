package io.github.timcallback.groupfull.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/** What each of the three artifacts carries, as built by this run. */
class PackagingIT {

    static Set<String> entries(String property) throws Exception {
        try (ZipFile zip = new ZipFile(Path.of(System.getProperty(property)).toFile())) {
            Set<String> names = new TreeSet<>();
            zip.stream().filter(e -> !e.isDirectory()).forEach(e -> names.add(e.getName()));
            return names;
        }
    }

    static final String WELD_FILTER_SERVICE = "WEB-INF/classes/META-INF/services/org.jboss.weld.bootstrap.api.Service";

    static List<String> libraries(Set<String> entries) {
        return entries.stream().filter(n -> n.startsWith("WEB-INF/lib/"))
                .map(n -> n.substring("WEB-INF/lib/".length()).replaceAll("-\\d.*\\.jar$", "")).toList();
    }

    @Test
    void theWarBundlesWeldYassonAndH2ForPlainServletContainers() throws Exception {
        Set<String> war = entries("product.war");
        assertTrue(war.contains("WEB-INF/web.xml"));
        assertTrue(war.contains("META-INF/context.xml"));
        assertTrue(war.contains("WEB-INF/classes/META-INF/beans.xml"));
        assertTrue(war.contains("WEB-INF/classes/io/github/timcallback/groupfull/GroupFullCallbackServlet.class"));
        assertEquals(List.of("h2", "jakarta.annotation-api", "jakarta.json-api", "jakarta.json.bind-api", "parsson",
                "weld-servlet-shaded", "yasson"), libraries(war).stream().sorted().toList());
        assertTrue(war.contains(WELD_FILTER_SERVICE), "the WAR registers its filter of Weld's HTTP contexts");
        assertTrue(war.stream().noneMatch(n -> n.contains("sample/") || n.contains("RecordingObserver")),
                "test classes leaked into the WAR");
        assertTrue(war.stream().noneMatch(n -> n.contains("org/springframework/") || n.contains("spring-")),
                "Spring is provided by a Spring application, never by our WAR");
    }

    @Test
    void theEeWarLeavesCdiAndJsonBToTheServer() throws Exception {
        Set<String> ee = entries("product.eeWar");
        assertTrue(ee.contains("WEB-INF/web.xml"));
        assertTrue(ee.contains("WEB-INF/classes/META-INF/beans.xml"));
        assertTrue(ee.contains("WEB-INF/classes/io/github/timcallback/groupfull/GroupFullCallbackServlet.class"));
        assertEquals(List.of(), libraries(ee));
        assertTrue(!ee.contains("META-INF/context.xml"), "Tomcat's context.xml is for the Tomcat WAR");
        assertTrue(!ee.contains(WELD_FILTER_SERVICE), "an EE server's Weld settings apply as they are");
        assertTrue(ee.stream().noneMatch(n -> n.contains("org/springframework/")), ee.toString());
    }

    @Test
    void theClassesJarCarriesTheFragmentAndNoImplementation() throws Exception {
        Set<String> jar = entries("product.classesJar");
        assertTrue(jar.contains("META-INF/web-fragment.xml"));
        assertTrue(jar.contains("META-INF/beans.xml"));
        assertTrue(jar.contains("io/github/timcallback/groupfull/GroupFullCallbackServlet.class"));
        assertTrue(jar.stream().noneMatch(n -> n.startsWith("META-INF/services/org.jboss.weld")),
                "a host application's Weld settings apply as they are");
        assertTrue(jar.stream().noneMatch(n -> n.startsWith("org/") || n.startsWith("jakarta/") || n.endsWith(".jar")),
                jar.toString());
    }
}
