package io.github.timcallback.groupfull.containers;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * A fresh Tomcat instance (CATALINA_BASE) of the distribution that the build unpacked, on a
 * free loopback port, run as its own process with {@code catalina.sh run} and configured
 * through the environment, as an operator would.
 */
public final class TomcatInstance implements AutoCloseable {

    private final Path base;
    private final int port;
    private final Process process;

    private TomcatInstance(Path base, int port, Process process) {
        this.base = base;
        this.port = port;
        this.process = process;
    }

    /** The unpacked Tomcat distribution (CATALINA_HOME), from the build. */
    public static Path home() {
        return Path.of(System.getProperty("tomcat.home", "target/tomcat-dist/apache-tomcat-11.0.24"));
    }

    /**
     * Lays out an instance in {@code base} and starts it.
     *
     * @param webapps     WAR files by the context name to deploy them under
     * @param contextXml  extra {@code conf/Catalina/localhost/context.xml.default} content, or null
     * @param environment variables for the Tomcat process
     */
    public static TomcatInstance start(Path base, Map<String, Path> webapps, String contextXml,
            Map<String, String> environment) throws Exception {
        Path home = home();
        if (!Files.isDirectory(home.resolve("bin"))) {
            throw new IllegalStateException("No Tomcat distribution at " + home + ": run through mvn verify");
        }
        deleteRecursively(base);
        for (String dir : new String[] {"conf/Catalina/localhost", "logs", "temp", "webapps", "work"}) {
            Files.createDirectories(base.resolve(dir));
        }
        for (String file : new String[] {"catalina.properties", "context.xml", "logging.properties", "web.xml",
            "tomcat-users.xml"}) {
            Files.copy(home.resolve("conf").resolve(file), base.resolve("conf").resolve(file));
        }
        int port = freePort();
        Files.writeString(base.resolve("conf/server.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <Server port="-1" shutdown="SHUTDOWN">
                  <Service name="Catalina">
                    <Connector port="%d" address="127.0.0.1" protocol="HTTP/1.1" connectionTimeout="20000"/>
                    <Engine name="Catalina" defaultHost="localhost">
                      <Host name="localhost" appBase="webapps" unpackWARs="true" autoDeploy="false">
                        <Valve className="org.apache.catalina.valves.AccessLogValve" directory="logs"
                               prefix="access" suffix=".log" pattern="%%h %%l %%u %%t &quot;%%m %%U %%H&quot; %%s %%b"/>
                      </Host>
                    </Engine>
                  </Service>
                </Server>
                """.formatted(port));
        if (contextXml != null) {
            Files.writeString(base.resolve("conf/Catalina/localhost/context.xml.default"), contextXml);
        }
        for (Map.Entry<String, Path> webapp : webapps.entrySet()) {
            Files.copy(webapp.getValue(), base.resolve("webapps").resolve(webapp.getKey() + ".war"),
                    StandardCopyOption.REPLACE_EXISTING);
        }
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/catalina.sh").toString(), "run")
                .redirectErrorStream(true)
                .redirectOutput(base.resolve("logs/console.log").toFile());
        builder.environment().put("CATALINA_HOME", home.toAbsolutePath().toString());
        builder.environment().put("CATALINA_BASE", base.toAbsolutePath().toString());
        builder.environment().putAll(environment);
        Process process = builder.start();
        // If the test JVM dies before close(), do not leave a Tomcat running behind it.
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        TomcatInstance tomcat = new TomcatInstance(base, port, process);
        try {
            tomcat.awaitStarted();
        } catch (Exception e) {
            tomcat.close();
            throw e;
        }
        return tomcat;
    }

    public URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }

    /** What Tomcat printed (catalina.out), for failure messages. */
    public String console() throws IOException {
        return Files.readString(base.resolve("logs/console.log"));
    }

    /** The access log lines written so far. */
    public String accessLog() throws IOException {
        try (Stream<Path> logs = Files.list(base.resolve("logs"))) {
            StringBuilder all = new StringBuilder();
            for (Path log : logs.filter(p -> p.getFileName().toString().startsWith("access")).toList()) {
                all.append(Files.readString(log));
            }
            return all.toString();
        }
    }

    /** Waits for Tomcat's "Server startup in" line, which follows the deployment of every WAR. */
    private void awaitStarted() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!console().contains("Server startup in")) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Tomcat exited:\n" + console());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Tomcat did not start in time:\n" + console());
            }
            process.waitFor(100, TimeUnit.MILLISECONDS);
        }
    }

    /** Stops Tomcat (SIGTERM runs its shutdown hook), forcibly if it does not end in time. */
    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /**
     * A {@code beans.xml} that makes every class a bean. The observers that the Tomcat tests add
     * carry no bean-defining annotation, so that the embedded Jetty tests, which discover
     * {@code target/test-classes} in annotated mode, do not pick them up as well.
     */
    public static final String ALL_BEANS_XML = "<beans xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"4.0\""
            + " bean-discovery-mode=\"all\"/>";

    /** Context defaults that mount {@code jar} into every application's WEB-INF/lib, as an operator adds a jar without repackaging. */
    public static String mountedInWebInfLib(Path jar) {
        return """
                <Context>
                  <Resources>
                    <PostResources className="org.apache.catalina.webresources.FileResourceSet"
                                   base="%s" webAppMount="/WEB-INF/lib/%s"/>
                  </Resources>
                </Context>
                """.formatted(jar, jar.getFileName());
    }

    /** A jar of the given compiled test classes that is a bean archive of all its classes. */
    public static Path beanJar(Path jar, Path classesRoot, String... classFiles) throws IOException {
        Files.createDirectories(jar.getParent());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("META-INF/beans.xml"));
            out.write(ALL_BEANS_XML.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            for (String classFile : classFiles) {
                out.putNextEntry(new JarEntry(classFile));
                out.write(Files.readAllBytes(classesRoot.resolve(classFile)));
            }
        }
        return jar;
    }

    static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(p);
            }
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
