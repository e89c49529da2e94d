package io.github.timcallback.groupfull.containers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The tests' Spring Boot application ({@code src/test/spring-app}, the README's "In a Spring
 * application" as a project), built with Maven as its users build it, once per build and test run:
 * the first test that needs a build waits for it, the others reuse it.
 *
 * <p>The application depends on this build's classes jar by the README's dependency, version and
 * all. It resolves it from a local repository of its own, in which only this project's group is
 * its own (the classes jar installed there by this run) and every other group is a link into the
 * shared local repository, so that Spring Boot is downloaded once: other builds on the machine
 * install their own {@code 1.0.0} into the shared one at any moment, and a build of the
 * application that resolved the product there once took another worktree's.
 */
final class SpringApps {

    /** The builds the tests run. */
    enum Build {
        BOOT4_JAR("pom.xml", "jar"),
        BOOT4_WAR("pom.xml", "war"),
        BOOT3_JAR("pom-boot3.xml", "jar");

        private final String pom;
        private final String packaging;

        Build(String pom, String packaging) {
            this.pom = pom;
            this.packaging = packaging;
        }

        /** The Spring Boot version of this build: its pom's parent's. */
        String bootVersion() throws IOException {
            Matcher parent = Pattern.compile("<parent>.*?<version>([^<]+)</version>", Pattern.DOTALL)
                    .matcher(Files.readString(SOURCES.resolve(pom)));
            if (!parent.find()) {
                throw new IllegalStateException(SOURCES.resolve(pom) + " names no parent version");
            }
            return parent.group(1);
        }

        /** "4.0" for 4.0.7: how the README's tables name Spring Boot. */
        String bootLine() throws IOException {
            return bootVersion().replaceAll("^(\\d+\\.\\d+)\\..*$", "$1");
        }
    }

    static final Path SOURCES = Path.of("src/test/spring-app");
    private static final Path WORK = Path.of("target/spring-apps").toAbsolutePath();
    /** This project's group in a Maven repository. */
    private static final List<String> PRODUCT_GROUP = List.of("io", "github", "timcallback");
    private static final Map<Build, Path> BUILT = new EnumMap<>(Build.class);
    private static Path repository;

    private SpringApps() {
    }

    /** The executable jar or WAR of {@code build}, built in this run. */
    static synchronized Path artifact(Build build) throws Exception {
        Path built = BUILT.get(build);
        if (built == null) {
            built = build(build);
            BUILT.put(build, built);
        }
        return built;
    }

    /**
     * Starts the executable jar of {@code build} as users run it, {@code java -jar} with its embedded
     * Tomcat on a free loopback port and {@code arguments} after those, its working directory and
     * console in {@code base}; started when Spring Boot says so.
     */
    static LoopbackServer startJar(Build build, Path base, Map<String, String> environment, String... arguments)
            throws Exception {
        int port = TomcatInstance.freePort();
        ProcessBuilder java = new ProcessBuilder(javaJar(build, port, arguments)).directory(base.toFile());
        java.environment().putAll(environment);
        return new LoopbackServer(port, ServerProcess.start("Spring Boot application", java, base.resolve("console.log"),
                "Started ImApplication"));
    }

    /** The command that runs {@code build}'s jar on {@code port}, 127.0.0.1 only. */
    static List<String> javaJar(Build build, int port, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin/java").toString(),
                "-jar", artifact(build).toString(), "--server.port=" + port, "--server.address=127.0.0.1"));
        command.addAll(List.of(arguments));
        return command;
    }

    private static Path build(Build build) throws Exception {
        String version = System.getProperty("product.version");
        Matcher dependency = Pattern.compile("<artifactId>group-full-callback</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(SOURCES.resolve(build.pom)));
        if (!dependency.find() || !dependency.group(1).equals(version)) {
            throw new IllegalStateException(SOURCES.resolve(build.pom) + " must depend on this build's version " + version
                    + ", as the README's dependency in \"In a Spring application\" must name it");
        }
        Path project = WORK.resolve(build.name().toLowerCase());
        TomcatInstance.deleteRecursively(project);
        copy(SOURCES, project);
        // The first build of a Spring Boot line downloads it.
        ServerProcess.run("Maven build of " + SOURCES + " (" + build + ")", maven(repository(), "-f", build.pom,
                "package", "-DskipTests", "-Dpackaging=" + build.packaging).directory(project.toFile()),
                WORK.resolve(build.name().toLowerCase() + ".log"), Duration.ofMinutes(10));
        return project.resolve("target/im-callbacks-1.0." + build.packaging);
    }

    /**
     * The applications' local repository: links to the shared one's groups, and this build's
     * classes jar installed, with this project's pom, under the version the build gave it.
     */
    private static Path repository() throws Exception {
        if (repository == null) {
            Path shared = Path.of(System.getProperty("maven.localRepository",
                    Path.of(System.getProperty("user.home"), ".m2/repository").toString()));
            Path own = WORK.resolve("repository");
            TomcatInstance.deleteRecursively(own);
            linkAllBut(shared, own, PRODUCT_GROUP);
            Files.createDirectories(WORK);
            ServerProcess.run("Installing the classes jar", maven(own, "org.apache.maven.plugins:maven-install-plugin:3.1.2:install-file",
                    "-Dfile=" + System.getProperty("product.classesJar"), "-DpomFile=" + Path.of("pom.xml").toAbsolutePath(),
                    "-Dclassifier=classes", "-Dpackaging=jar", "-DlocalRepositoryPath=" + own),
                    WORK.resolve("install.log"));
            repository = own;
        }
        return repository;
    }

    /** {@code to} as {@code from}, each entry a link to {@code from}'s, but the path {@code except}, which is left out. */
    private static void linkAllBut(Path from, Path to, List<String> except) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> entries = Files.list(from)) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                if (!name.equals(except.get(0))) {
                    Files.createSymbolicLink(to.resolve(name), entry);
                } else if (except.size() > 1) {
                    linkAllBut(entry, to.resolve(name), except.subList(1, except.size()));
                }
            }
        }
    }

    private static ProcessBuilder maven(Path localRepository, String... arguments) {
        List<String> command = new ArrayList<>(List.of("mvn", "-B", "-ntp", "-q", "-Dmaven.repo.local=" + localRepository));
        command.addAll(List.of(arguments));
        return new ProcessBuilder(command);
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : walk.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }
}
