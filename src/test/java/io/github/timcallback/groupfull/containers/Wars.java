package io.github.timcallback.groupfull.containers;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/** The archives the container tests deploy, built from the product's artifacts as users build theirs. */
final class Wars {

    private Wars() {
    }

    private static final String[] OBSERVER_CLASSES = {
        "io/github/timcallback/groupfull/containers/FileObserver.class",
        "io/github/timcallback/groupfull/containers/FileObserver$Delivery.class"};

    /** A bean archive of {@link FileObserver}, the tests' observer. */
    static Path observerJar(Path jar) throws IOException {
        return TomcatInstance.beanJar(jar, Path.of("target/test-classes"), OBSERVER_CLASSES);
    }

    /**
     * A bean archive of {@link StopObserver}, the stop test's slow asynchronous observer, that also
     * declares {@link HoldingFilter} on all paths in its {@code META-INF/web-fragment.xml}.
     */
    static Path stopObserverJar(Path jar) throws IOException {
        Files.createDirectories(jar.getParent());
        Path classes = Path.of("target/test-classes");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("META-INF/beans.xml"));
            out.write(TomcatInstance.ALL_BEANS_XML.getBytes(StandardCharsets.UTF_8));
            out.putNextEntry(new JarEntry("META-INF/web-fragment.xml"));
            out.write("""
                    <web-fragment xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                      <name>holding</name>
                      <filter>
                        <filter-name>Holding</filter-name>
                        <filter-class>io.github.timcallback.groupfull.containers.HoldingFilter</filter-class>
                      </filter>
                      <filter-mapping>
                        <filter-name>Holding</filter-name>
                        <url-pattern>/*</url-pattern>
                      </filter-mapping>
                    </web-fragment>
                    """.getBytes(StandardCharsets.UTF_8));
            for (String name : new String[] {"StopObserver", "StopObserver$Condition", "HoldingFilter"}) {
                String file = "io/github/timcallback/groupfull/containers/" + name + ".class";
                out.putNextEntry(new JarEntry(file));
                out.write(Files.readAllBytes(classes.resolve(file)));
            }
        }
        return jar;
    }

    /**
     * {@code war} with the tests' observer added as {@code WEB-INF/lib/test-observer.jar}, as the
     * README tells users to add theirs; every entry of {@code war} is copied byte for byte.
     */
    static Path withObserver(Path war, Path out) throws IOException {
        Files.createDirectories(out.getParent());
        try (ZipFile original = new ZipFile(war.toFile());
                ZipOutputStream copy = new ZipOutputStream(Files.newOutputStream(out))) {
            for (Enumeration<? extends ZipEntry> entries = original.entries(); entries.hasMoreElements();) {
                ZipEntry entry = entries.nextElement();
                copy.putNextEntry(new ZipEntry(entry.getName()));
                try (InputStream in = original.getInputStream(entry)) {
                    in.transferTo(copy);
                }
                copy.closeEntry();
            }
            copy.putNextEntry(new ZipEntry("WEB-INF/lib/test-observer.jar"));
            copy.write(TomcatInstance.beanJarBytes(Path.of("target/test-classes"), OBSERVER_CLASSES));
            copy.closeEntry();
        }
        return out;
    }
}
