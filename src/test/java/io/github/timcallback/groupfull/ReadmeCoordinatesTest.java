package io.github.timcallback.groupfull;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The version a user copies from the README, and finds in the CHANGELOG, is the one the pom
 * builds: every versioned file name of ours (in the README, the tests and the benchmark scripts),
 * every Maven coordinate and every dependency snippet naming {@code group-full-callback}.
 */
class ReadmeCoordinatesTest {

    /** Our artifacts' file names, by what follows the version. */
    static final List<String> ARTIFACTS = List.of(".war", "-ee.war", "-classes.jar", "-sources.jar", "-javadoc.jar");
    /** A file name of ours; a version begins with a digit ({@code VERSION} stands for any). */
    static final Pattern FILE_NAME = Pattern.compile("group-full-callback-([0-9][A-Za-z0-9._-]*[A-Za-z0-9])");
    static final Pattern COORDINATES = Pattern.compile("io\\.github\\.timcallback:group-full-callback:([A-Za-z0-9._-]*[A-Za-z0-9])");
    static final Pattern DEPENDENCY = Pattern.compile("<dependency>.*?</dependency>", Pattern.DOTALL);
    static final Pattern VERSION_ELEMENT = Pattern.compile("<version>([^<]*)</version>");

    @Test
    void everyFileNameOfOursNamesThePomsVersion() throws Exception {
        String version = pomVersion();
        List<Path> files = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> sources = Stream.concat(Files.walk(Path.of("src/test")), Files.walk(Path.of("src/bench")))) {
            sources.filter(Files::isRegularFile).forEach(files::add);
        }
        for (Path file : files) {
            // Latin-1 reads any bytes (the fuzz inputs are not all UTF-8); the names are ASCII.
            Matcher name = FILE_NAME.matcher(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            while (name.find()) {
                String found = name.group(1);
                assertTrue(ARTIFACTS.stream().anyMatch(suffix -> found.equals(version + suffix)),
                        () -> file + " names group-full-callback-" + found + ", the pom builds version " + version);
            }
        }
    }

    @Test
    void theReadmeNamesEveryArtifactOfThisVersion() throws Exception {
        String version = pomVersion();
        String readme = readme();
        for (String suffix : ARTIFACTS) {
            assertTrue(readme.contains("group-full-callback-" + version + suffix),
                    () -> "README.md does not name group-full-callback-" + version + suffix);
        }
        Matcher coordinates = COORDINATES.matcher(readme);
        assertTrue(coordinates.find(), "README.md gives no io.github.timcallback:group-full-callback:VERSION");
        do {
            assertEquals(version, coordinates.group(1), coordinates.group());
        } while (coordinates.find());
    }

    @Test
    void everyDependencySnippetOfTheReadmeNamesThePomsVersion() throws Exception {
        String version = pomVersion();
        List<String> ours = DEPENDENCY.matcher(readme()).results().map(MatchResult::group)
                .filter(snippet -> snippet.contains("<artifactId>group-full-callback</artifactId>")).toList();
        assertFalse(ours.isEmpty(), "README.md has no dependency snippet for group-full-callback");
        for (String snippet : ours) {
            List<String> versions = VERSION_ELEMENT.matcher(snippet).results().map(m -> m.group(1)).toList();
            assertEquals(List.of(version), versions, snippet);
        }
    }

    @Test
    void theChangelogHasASectionForThePomsVersion() throws Exception {
        String version = pomVersion();
        String changelog = Files.readString(Path.of("CHANGELOG.md"));
        assertTrue(Pattern.compile("^## \\[" + Pattern.quote(version) + "\\] - \\d{4}-\\d{2}-\\d{2}$", Pattern.MULTILINE)
                .matcher(changelog).find(), () -> "CHANGELOG.md has no section ## [" + version + "] - DATE");
    }

    /** The project's own version: the {@code <version>} child of {@code <project>}, not a plugin's or a dependency's. */
    static String pomVersion() throws Exception {
        Element project = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile())
                .getDocumentElement();
        for (Node child = project.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element && element.getTagName().equals("version")) {
                return element.getTextContent().trim();
            }
        }
        throw new IllegalStateException("pom.xml has no <version> of its own");
    }

    private static String readme() throws IOException {
        return Files.readString(Path.of("README.md"));
    }
}
