package io.github.timcallback.groupfull.jetty;

import static io.github.timcallback.groupfull.forward.VendorCalls.GROUP_FULL_SAMPLE;
import static io.github.timcallback.groupfull.forward.VendorCalls.OK;
import static io.github.timcallback.groupfull.forward.VendorCalls.sha256;
import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.github.timcallback.groupfull.forward.OtherCallbackServlet;
import io.github.timcallback.groupfull.forward.VendorCalls;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The README's nginx recipe for routing the app's one callback URL by {@code CallbackCommand},
 * run as written on a real nginx: group-full callbacks to the receiver (embedded Jetty), the
 * others to a service of their own (a JDK HTTP server that answers what it received).
 */
class NginxRoutingIT {

    static final String APP = "1400000001";
    static final Path BASE = Path.of("target/nginx-it").toAbsolutePath();
    static EmbeddedReceiver receiver;
    static HttpServer otherService;
    static Process nginx;
    static int port;

    @BeforeAll
    static void start() throws Exception {
        receiver = EmbeddedReceiver.start(Map.of("tim.sdkAppId", APP));
        otherService = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        otherService.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            byte[] answer = ("{\"ActionStatus\":\"OK\",\"ErrorInfo\":\"\",\"ErrorCode\":0,\"Service\":\"other\""
                    + ",\"Path\":\"" + exchange.getRequestURI().getRawPath() + "\",\"QuerySha256\":\""
                    + OtherCallbackServlet.sha256(String.valueOf(exchange.getRequestURI().getRawQuery()).getBytes(ISO_8859_1))
                    + "\",\"BodySha256\":\"" + OtherCallbackServlet.sha256(body) + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        otherService.start();
        port = freePort();
        nginx = startNginx(BASE, port, recipe().replace("127.0.0.1:8080", "127.0.0.1:" + receiver.port())
                .replace("127.0.0.1:9090", "127.0.0.1:" + otherService.getAddress().getPort())
                .replace("listen 80;", "listen 127.0.0.1:" + port + ";")
                .replace("location = /group-full/tim/callback", "location = " + EmbeddedReceiver.PATH));
    }

    @AfterAll
    static void stop() throws Exception {
        if (nginx != null) {
            nginx.destroy();
            nginx.waitFor(10, TimeUnit.SECONDS);
        }
        if (otherService != null) {
            otherService.stop(0);
        }
        receiver.close();
    }

    /** The README's routing recipe, as a user would copy it. */
    static String recipe() throws IOException {
        return nginxBlock("map $arg_CallbackCommand");
    }

    /** The one {@code nginx} code block of the README that contains {@code text}. */
    static String nginxBlock(String text) throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        List<String> blocks = new java.util.ArrayList<>();
        for (int start = readme.indexOf("```nginx\n"); start >= 0; start = readme.indexOf("```nginx\n", start + 1)) {
            String block = readme.substring(start + 9, readme.indexOf("```", start + 9));
            if (block.contains(text)) {
                blocks.add(block);
            }
        }
        assertEquals(1, blocks.size(), "nginx blocks of the README with " + text);
        return blocks.get(0);
    }

    /**
     * Debian's nginx (.ci/run installs it) with {@code recipe} in its {@code http} block, in the
     * prefix {@code base}, in the foreground, once it listens on {@code port}.
     */
    static Process startNginx(Path base, int port, String recipe) throws Exception {
        Path nginxBinary = List.of(Path.of("/usr/sbin/nginx"), Path.of("/usr/bin/nginx")).stream()
                .filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new IllegalStateException("nginx is not installed: .ci/run installs Debian's nginx-light"));
        Files.createDirectories(base.resolve("logs"));
        String conf = """
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/logs/error.log warn;
                events { worker_connections 64; }
                http {
                    access_log off;
                    client_body_temp_path %1$s/body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                %2$s
                }
                """.formatted(base, recipe);
        Path file = base.resolve("nginx.conf");
        Files.writeString(file, conf);
        Process process = new ProcessBuilder(nginxBinary.toString(), "-p", base.toString(), "-c", file.toString(),
                "-g", "daemon off; user root;").redirectErrorStream(true).redirectOutput(base.resolve("logs/console.log").toFile())
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!listening(port)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("nginx did not start: " + Files.readString(base.resolve("logs/console.log")));
            }
            Thread.sleep(50);
        }
        return process;
    }

    static boolean listening(int port) {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static HttpResponse<String> post(String query, String body) throws Exception {
        return VendorCalls.post(URI.create("http://127.0.0.1:" + port + EmbeddedReceiver.PATH + query),
                BodyPublishers.ofString(body), "application/json");
    }

    @BeforeEach
    void clear() throws InterruptedException {
        RecordingObserver.clear();
    }

    @Test
    void sendsGroupFullCallbacksToTheReceiver() throws Exception {
        HttpResponse<String> response = post(GroupFullCallbackJettyIT.QUERY, GROUP_FULL_SAMPLE);
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(OK, response.body());
        assertEquals(1, RecordingObserver.SYNC.size());
        assertEquals("@TGS#2J4SZEAEL", RecordingObserver.SYNC.get(0).groupId());
    }

    @ParameterizedTest
    @ValueSource(strings = {"C2C.CallbackBeforeSendMsg", "State.StateChange", "Group.CallbackAfterNewMemberJoin",
        "Group%2ECallbackAfterGroupFull", ""})
    void sendsEveryOtherCallbackToTheOtherServiceUntouched(String command) throws Exception {
        String query = GroupFullCallbackJettyIT.QUERY.replace("Group.CallbackAfterGroupFull", command);
        String body = "{\"CallbackCommand\":\"" + command + "\",\"Text\":\"\u4f60\u597d\"}";
        HttpResponse<String> response = post(query, body);
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().contains("\"Service\":\"other\""), response.body());
        assertTrue(response.body().contains("\"Path\":\"" + EmbeddedReceiver.PATH + "\""), response.body());
        assertTrue(response.body().contains("\"QuerySha256\":\"" + sha256(query.substring(1)) + "\""), response.body());
        assertTrue(response.body().contains("\"BodySha256\":\"" + sha256(body) + "\""), response.body());
        assertTrue(RecordingObserver.SYNC.isEmpty());
    }
}
