package io.github.timcallback.groupfull.containers;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Our classes jar inside somebody else's WAR on a real Tomcat 11: the host has its own web.xml,
 * servlet, observer and CDI/JSON-B implementation; the fragment maps our servlet. A second host
 * moves the callback to its own path from its web.xml.
 */
class HostApplicationIT {

    static final String HOST_APP = "1400000101";
    static final String MOVED_APP = "1400000102";
    static final Path BASE = Path.of("target/host-it").toAbsolutePath();
    static final ObserverFile OBSERVED = new ObserverFile(BASE.resolve("observed.txt"));
    static TomcatInstance tomcat;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        TomcatInstance.deleteRecursively(BASE);
        Path host = hostWar(BASE.resolve("host.war"), HOST_APP, "");
        Path moved = hostWar(BASE.resolve("moved.war"), MOVED_APP, """
                  <servlet-mapping>
                    <servlet-name>GroupFullCallback</servlet-name>
                    <url-pattern>/hooks/im</url-pattern>
                  </servlet-mapping>
                """);
        tomcat = TomcatInstance.start(BASE.resolve("instance"), Map.of("host", host, "moved", moved), null,
                Map.of("OBSERVER_LOG", OBSERVED.path().toString()));
    }

    @AfterAll
    static void stop() throws Exception {
        if (tomcat != null) {
            tomcat.close();
        }
    }

    /** A host application of its own: web.xml, servlet, observer, our classes jar, and Weld plus Yasson. */
    static Path hostWar(Path war, String sdkAppId, String extraWebXml) throws Exception {
        return hostWar(war, sdkAppId, extraWebXml, true);
    }

    /**
     * A host application of its own: web.xml, servlet, observer and our classes jar; with its own
     * CDI and JSON-B (Weld and Yasson) for a servlet container, or without for an EE server.
     */
    static Path hostWar(Path war, String sdkAppId, String extraWebXml, boolean ownCdiAndJsonb) throws Exception {
        String webXml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                  <context-param>
                    <param-name>tim.sdkAppId</param-name>
                    <param-value>%s</param-value>
                  </context-param>
                  <servlet>
                    <servlet-name>HostServlet</servlet-name>
                    <servlet-class>io.github.timcallback.groupfull.containers.HostServlet</servlet-class>
                  </servlet>
                  <servlet-mapping>
                    <servlet-name>HostServlet</servlet-name>
                    <url-pattern>/hello</url-pattern>
                  </servlet-mapping>
                %s</web-app>
                """.formatted(sdkAppId, extraWebXml);
        Path testClasses = Path.of("target/test-classes");
        Files.createDirectories(war.getParent());
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(war))) {
            put(out, "WEB-INF/web.xml", webXml.getBytes(UTF_8));
            put(out, "WEB-INF/beans.xml", TomcatInstance.ALL_BEANS_XML.getBytes(UTF_8));
            for (String c : List.of("containers/HostServlet", "containers/FileObserver", "containers/FileObserver$Delivery",
                    "forward/OtherCallbackServlet", "forward/OtherCallbackServlet$Scoped", "forward/MarkingFilter")) {
                String file = "io/github/timcallback/groupfull/" + c + ".class";
                put(out, "WEB-INF/classes/" + file, Files.readAllBytes(testClasses.resolve(file)));
            }
            put(out, "WEB-INF/lib/group-full-callback-classes.jar",
                    Files.readAllBytes(Path.of(System.getProperty("product.classesJar"))));
            // The host's own CDI and JSON-B, taken from this build's class path.
            for (String implementation : !ownCdiAndJsonb ? List.<String>of() : List.of("org.jboss.weld.environment.servlet.Listener",
                    "org.eclipse.yasson.YassonJsonb", "org.eclipse.parsson.JsonProviderImpl", "jakarta.json.Json",
                    "jakarta.json.bind.Jsonb")) {
                Path jar = Path.of(Class.forName(implementation).getProtectionDomain().getCodeSource().getLocation().toURI());
                put(out, "WEB-INF/lib/" + jar.getFileName(), Files.readAllBytes(jar));
            }
        }
        return war;
    }

    static void put(ZipOutputStream out, String name, byte[] content) throws IOException {
        out.putNextEntry(new ZipEntry(name));
        out.write(content);
        out.closeEntry();
    }

    static HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(tomcat.uri(path)).build(), BodyHandlers.ofString(UTF_8));
    }

    static HttpResponse<String> callback(String path, String sdkAppId, String groupId) throws Exception {
        return http.send(HttpRequest.newBuilder(tomcat.uri(path + "?SdkAppid=" + sdkAppId
                + "&CallbackCommand=Group.CallbackAfterGroupFull&contenttype=json&ClientIP=127.0.0.1&OptPlatform=Web"))
                .POST(BodyPublishers.ofString("{\"GroupId\":\"" + groupId + "\",\"EventTime\":1670574414123}")).build(),
                BodyHandlers.ofString(UTF_8));
    }

    @Test
    void theHostsOwnServletStillWorks() throws Exception {
        HttpResponse<String> hello = get("/host/hello");
        assertEquals(200, hello.statusCode());
        assertEquals("host says hello", hello.body());
    }

    @Test
    void theFragmentMapsTheCallbackAndTheHostsObserverReceivesIt() throws Exception {
        HttpResponse<String> response = callback("/host/tim/callback", HOST_APP, "@TGS#in-host");
        assertEquals(200, response.statusCode(), response.body() + tomcat.console());
        assertEquals("{\"ActionStatus\":\"OK\",\"ErrorInfo\":\"\",\"ErrorCode\":0}", response.body());
        assertTrue(OBSERVED.awaitLine("sync @TGS#in-host " + HOST_APP).contains("sync @TGS#in-host " + HOST_APP));
        assertTrue(OBSERVED.awaitLine("async @TGS#in-host " + HOST_APP).contains("async @TGS#in-host " + HOST_APP));
    }

    @Test
    void theHostCanMoveTheCallbackFromItsWebXml() throws Exception {
        assertEquals(404, callback("/moved/tim/callback", MOVED_APP, "@TGS#old-path").statusCode());
        HttpResponse<String> response = callback("/moved/hooks/im", MOVED_APP, "@TGS#moved");
        assertEquals(200, response.statusCode(), response.body() + tomcat.console());
        assertTrue(OBSERVED.awaitLine("sync @TGS#moved " + MOVED_APP).contains("sync @TGS#moved " + MOVED_APP));
        assertEquals(200, get("/moved/hello").statusCode());
    }
}
