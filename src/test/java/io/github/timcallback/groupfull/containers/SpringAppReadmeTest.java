package io.github.timcallback.groupfull.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's "In a Spring application" shows the tests' Spring Boot application
 * ({@link SpringApps#SOURCES}) word for word: what users copy is what the Spring Boot tests run.
 */
class SpringAppReadmeTest {

    private static final String SECTION = "## In a Spring application";
    private static final Path APP = SpringApps.SOURCES;
    private static final Path CODE = APP.resolve("src/main/java/com/example/im");

    @Test
    void bothBuildsDependOnTheClassesJarAsTheReadmeShows() throws Exception {
        List<String> dependencies = Readme.codeBlocks(SECTION, "xml");
        assertEquals(1, dependencies.size(), dependencies::toString);
        String indented = dependencies.get(0).indent(4);
        for (String pom : List.of("pom.xml", "pom-boot3.xml")) {
            assertTrue(Files.readString(APP.resolve(pom)).contains(indented), () -> pom + " does not hold\n" + indented);
        }
    }

    @Test
    void theApplicationsPropertiesBeginWithTheReadmes() throws Exception {
        List<String> properties = Readme.codeBlocks(SECTION, "properties");
        assertEquals(1, properties.size(), properties::toString);
        assertTrue(Files.readString(APP.resolve("src/main/resources/application.properties")).startsWith(properties.get(0)));
    }

    /** Each Java snippet is a whole class of the application: the file ends with it. */
    @Test
    void theListenersAndTheControllerAreTheApplicationsClasses() throws Exception {
        List<String> classes = Readme.codeBlocks(SECTION, "java");
        assertEquals(List.of("GroupFullListeners", "ImCallbacks"),
                classes.stream().map(code -> code.replaceAll("(?s).*?public class (\\w+).*", "$1")).toList());
        for (String code : classes) {
            Path source = CODE.resolve(code.replaceAll("(?s).*?public class (\\w+).*", "$1") + ".java");
            assertTrue(Files.readString(source).endsWith("\n\n" + code), () -> source + " does not end with\n" + code);
        }
    }
}
