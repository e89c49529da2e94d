package io.github.timcallback.groupfull.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The README's {@code RemoteCIDRValve} on Tomcat 11 with the WAR as built, its list of the
 * vendor's addresses replaced by 127.0.0.1 alone: a signed callback from there is answered, the
 * same from 127.0.0.2 (another loopback address, standing for any address outside the list) is
 * refused by Tomcat and reaches no observer.
 */
class TomcatEgressAddressesIT {

    static final String APP = TomcatIT.APP;
    static final String TOKEN = "tomcat-egress-token-47b3";
    static final Path BASE = Path.of("target/tomcat-egress-it").toAbsolutePath();
    static final ObserverFile OBSERVED = new ObserverFile(BASE.resolve("observed.txt"));
    static TomcatInstance tomcat;

    @BeforeAll
    static void start() throws Exception {
        TomcatInstance.deleteRecursively(BASE);
        Path observerJar = Wars.observerJar(BASE.resolve("observer/observer.jar"));
        String valve = Readme.excerpt("<Valve className=\"org.apache.catalina.valves.RemoteCIDRValve\"", "/>")
                .replaceFirst("allow=\"[^\"]*\"", "allow=\"127.0.0.1/32\"");
        tomcat = TomcatInstance.start(TomcatInstance.home(), BASE.resolve("instance"),
                Map.of("group-full", Path.of(System.getProperty("product.war"))), TomcatInstance.mountedInWebInfLib(observerJar),
                Map.of("TIM_SDKAPPID", APP, "TIM_CALLBACK_TOKEN", TOKEN, "OBSERVER_LOG", OBSERVED.path().toString()),
                List.of(), List.of(), "", valve, Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        if (tomcat != null) {
            tomcat.close();
        }
    }

    /** A signed callback for {@code groupId} from the local address {@code from}; the answer's status line. */
    static String postFrom(String from, String groupId) throws Exception {
        String body = "{\"GroupId\":\"" + groupId + "\"}";
        String request = "POST " + TomcatIT.PATH + TomcatIT.QUERY + "&" + CallbackContract.signature(TOKEN) + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
                + "\r\nConnection: close\r\n\r\n" + body;
        int port = tomcat.uri("/").getPort();
        try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), port, InetAddress.getByName(from), 0)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            socket.getInputStream().transferTo(answer);
            String text = answer.toString(StandardCharsets.UTF_8);
            return text.lines().findFirst().orElse("");
        }
    }

    @Test
    void answersACallbackFromAnAddressOfTheList() throws Exception {
        assertEquals("HTTP/1.1 200 ", postFrom("127.0.0.1", "@TGS#listed"));
        OBSERVED.awaitLine("async @TGS#listed " + APP);
    }

    @Test
    void refusesTheSameCallbackFromAnAddressOutsideTheList() throws Exception {
        assertEquals("HTTP/1.1 403 ", postFrom("127.0.0.2", "@TGS#unlisted"));

        // A listed one after it: once it is delivered, the refused one would have been too, had it got through.
        assertEquals("HTTP/1.1 200 ", postFrom("127.0.0.1", "@TGS#after-unlisted"));
        List<String> lines = OBSERVED.awaitLine("async @TGS#after-unlisted " + APP);
        assertTrue(lines.stream().noneMatch(line -> line.contains("@TGS#unlisted")), lines::toString);
    }
}
