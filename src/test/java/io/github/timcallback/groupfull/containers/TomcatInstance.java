package io.github.timcallback.groupfull.containers;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A fresh Tomcat instance (CATALINA_BASE) of the distribution that the build unpacked, on a
 * free loopback port, run as its own process with {@code catalina.sh run} and configured
 * through the environment, as an operator would. Its access log is the one the README shows, with
 * the README's own {@code AccessLogValve}.
 */
public final class TomcatInstance implements RunningServer {

    private final Path base;
    private final LoopbackServer server;

    private TomcatInstance(Path base, LoopbackServer server) {
        this.base = base;
        this.server = server;
    }

    /** The unpacked Tomcat 11 distribution (CATALINA_HOME), from the build. */
    public static Path home() {
        return Path.of(System.getProperty("tomcat.home", "target/tomcat-dist/apache-tomcat-11.0.24"));
    }

    /** The unpacked Tomcat 10.1 distribution, from the build. */
    public static Path home10() {
        return Path.of(System.getProperty("tomcat10.home", "target/tomcat-dist/apache-tomcat-10.1.59"));
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
        return start(home(), base, webapps, contextXml, environment);
    }

    /** As {@link #start(Path, Map, String, Map)}, from the distribution at {@code home}. */
    public static TomcatInstance start(Path home, Path base, Map<String, Path> webapps, String contextXml,
            Map<String, String> environment) throws Exception {
        return start(home, base, webapps, contextXml, environment, List.of());
    }

    /**
     * As {@link #start(Path, Path, Map, String, Map)}, with {@code connectorAttributes} (such as
     * {@code maxHttpHeaderSize="65536"}) added to the HTTP connector of {@code server.xml}.
     */
    public static TomcatInstance start(Path home, Path base, Map<String, Path> webapps, String contextXml,
            Map<String, String> environment, List<String> connectorAttributes) throws Exception {
        return start(home, base, webapps, contextXml, environment, connectorAttributes, List.of());
    }

    /**
     * As {@link #start(Path, Path, Map, String, Map, List)}, with {@code libJars} in the instance's
     * {@code lib/}, as an operator adds a JDBC driver to the container.
     */
    public static TomcatInstance start(Path home, Path base, Map<String, Path> webapps, String contextXml,
            Map<String, String> environment, List<String> connectorAttributes, List<Path> libJars) throws Exception {
        return start(home, base, webapps, contextXml, environment, connectorAttributes, libJars, "", "", Map.of());
    }

    /**
     * As {@link #start(Path, Path, Map, String, Map, List, List)}, as an operator edits
     * {@code server.xml}: with {@code connectors} (such as an HTTPS {@code <Connector>}) in its
     * {@code <Service>} beside the HTTP one, {@code hostValves} in its {@code <Host>}, and
     * {@code confFiles} (the keystores they name, by their name in {@code conf/}) copied into the
     * instance's {@code conf/}.
     */
    public static TomcatInstance start(Path home, Path base, Map<String, Path> webapps, String contextXml,
            Map<String, String> environment, List<String> connectorAttributes, List<Path> libJars, String connectors,
            String hostValves, Map<String, Path> confFiles) throws Exception {
        if (!Files.isDirectory(home.resolve("bin"))) {
            throw new IllegalStateException("No Tomcat distribution at " + home + ": run through mvn verify");
        }
        deleteRecursively(base);
        for (String dir : new String[] {"conf/Catalina/localhost", "logs", "temp", "webapps", "work"}) {
            Files.createDirectories(base.resolve(dir));
        }
        for (Path jar : libJars) {
            Files.createDirectories(base.resolve("lib"));
            Files.copy(jar, base.resolve("lib").resolve(jar.getFileName()));
        }
        for (String file : new String[] {"catalina.properties", "context.xml", "logging.properties", "web.xml",
            "tomcat-users.xml"}) {
            Files.copy(home.resolve("conf").resolve(file), base.resolve("conf").resolve(file));
        }
        for (Map.Entry<String, Path> file : confFiles.entrySet()) {
            Files.copy(file.getValue(), base.resolve("conf").resolve(file.getKey()));
        }
        int port = freePort();
        Files.writeString(base.resolve("conf/server.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <Server port="-1" shutdown="SHUTDOWN">
                  <Service name="Catalina">
                    <Connector port="%d" address="127.0.0.1" protocol="HTTP/1.1" connectionTimeout="20000"%s/>
                %s
                    <Engine name="Catalina" defaultHost="localhost">
                      <Host name="localhost" appBase="webapps" unpackWARs="true" autoDeploy="false">
                %s
                %s
                      </Host>
                    </Engine>
                  </Service>
                </Server>
                """.formatted(port, connectorAttributes.stream().map(attribute -> " " + attribute).collect(Collectors.joining()),
                connectors, hostValves, Readme.accessLogValve()));
        if (contextXml != null) {
            Files.writeString(base.resolve("conf/Catalina/localhost/context.xml.default"), contextXml);
        }
        for (Map.Entry<String, Path> webapp : webapps.entrySet()) {
            Files.copy(webapp.getValue(), base.resolve("webapps").resolve(webapp.getKey() + ".war"),
                    StandardCopyOption.REPLACE_EXISTING);
        }
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/catalina.sh").toString(), "run");
        builder.environment().put("CATALINA_HOME", home.toAbsolutePath().toString());
        builder.environment().put("CATALINA_BASE", base.toAbsolutePath().toString());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().putAll(environment);
        // "Server startup in" follows the deployment of every WAR.
        return new TomcatInstance(base, new LoopbackServer(port,
                ServerProcess.start("Tomcat", builder, base.resolve("logs/console.log"), "Server startup in")));
    }

    @Override
    public URI uri(String pathAndQuery) {
        return server.uri(pathAndQuery);
    }

    /** What Tomcat printed (catalina.out), for failure messages. */
    @Override
    public String console() throws IOException {
        return server.console();
    }

    /** The access log lines written so far, by the README's valve (its file name prefix). */
    public String accessLog() throws IOException {
        Matcher prefix = Pattern.compile("prefix=\"([^\"]+)\"").matcher(Readme.accessLogValve());
        if (!prefix.find()) {
            throw new IllegalStateException("The README's access log valve names no prefix: " + Readme.accessLogValve());
        }
        try (Stream<Path> logs = Files.list(base.resolve("logs"))) {
            StringBuilder all = new StringBuilder();
            for (Path log : logs.filter(p -> p.getFileName().toString().startsWith(prefix.group(1))).toList()) {
                all.append(Files.readString(log));
            }
            return all.toString();
        }
    }

    @Override
    public void close() throws Exception {
        server.close();
    }

    /** Kills the Tomcat process at once (SIGKILL), as a crash or the OOM killer would: no shutdown runs. */
    public void kill() throws Exception {
        server.process().kill();
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
        Files.write(jar, beanJarBytes(classesRoot, classFiles));
        return jar;
    }

    /** The bytes of {@link #beanJar}. */
    static byte[] beanJarBytes(Path classesRoot, String... classFiles) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (JarOutputStream out = new JarOutputStream(bytes)) {
            out.putNextEntry(new JarEntry("META-INF/beans.xml"));
            out.write(ALL_BEANS_XML.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            for (String classFile : classFiles) {
                out.putNextEntry(new JarEntry(classFile));
                out.write(Files.readAllBytes(classesRoot.resolve(classFile)));
            }
        }
        return bytes.toByteArray();
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
