package io.github.timcallback.groupfull.jetty;

import static io.github.timcallback.groupfull.forward.VendorCalls.GROUP_FULL_SAMPLE;
import static io.github.timcallback.groupfull.forward.VendorCalls.OK;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.timcallback.groupfull.forward.VendorCalls;
import io.github.timcallback.groupfull.tls.TestPki;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The README's nginx recipe for mutual TLS, run as written on a real nginx with certificates the
 * test makes ({@link TestPki}), the receiver on embedded Jetty behind it on plain HTTP: only a
 * client with a certificate of the vendor's CA, from an address of the list, gets through.
 */
class NginxMutualTlsIT {

    static final String APP = "1400000001";
    static final String TOKEN = "nginx-mtls-token-2d90";
    static final Path BASE = Path.of("target/nginx-mtls-it").toAbsolutePath();
    static TestPki pki;
    static EmbeddedReceiver receiver;
    static Process nginx;
    static int port;

    @BeforeAll
    static void start() throws Exception {
        pki = TestPki.create(BASE.resolve("pki"));
        receiver = EmbeddedReceiver.start(Map.of("tim.sdkAppId", APP, "tim.callbackToken", TOKEN));
        Path addresses = BASE.resolve("callback-addresses.conf");
        Files.createDirectories(BASE);
        // What GetIPList would give, as the README's jq line writes it: here the one loopback address the test allows.
        Files.writeString(addresses, "allow 127.0.0.1;\n");
        port = NginxRoutingIT.freePort();
        nginx = NginxRoutingIT.startNginx(BASE, port, NginxRoutingIT.nginxBlock("ssl_verify_client")
                .replace("listen 443 ssl;", "listen 127.0.0.1:" + port + " ssl;")
                .replace("/etc/nginx/tim/your.host.pem", pki.serverCertificatePem().toString())
                .replace("/etc/nginx/tim/your.host.key", pki.serverKeyPem().toString())
                .replace("/etc/nginx/tim/im-callback-ca.pem", pki.vendorCaPem().toString())
                .replace("/etc/nginx/tim/callback-addresses.conf", addresses.toString())
                .replace("127.0.0.1:8080", "127.0.0.1:" + receiver.port())
                .replace("location = /group-full/tim/callback", "location = " + EmbeddedReceiver.PATH));
    }

    @AfterAll
    static void stop() throws Exception {
        if (nginx != null) {
            nginx.destroy();
            nginx.waitFor(10, TimeUnit.SECONDS);
        }
        receiver.close();
    }

    @BeforeEach
    void clear() throws InterruptedException {
        RecordingObserver.clear();
    }

    static HttpResponse<String> post(TestPki.Client client, String groupId) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(pki.client(client)).build();
        return http.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + EmbeddedReceiver.PATH
                + VendorCalls.query(APP, TOKEN, "Group.CallbackAfterGroupFull")))
                .POST(BodyPublishers.ofString(GROUP_FULL_SAMPLE.replace("@TGS#2J4SZEAEL", groupId))).build(),
                BodyHandlers.ofString(UTF_8));
    }

    @Test
    void passesACallbackWithTheVendorsCertificateToTheReceiver() throws Exception {
        HttpResponse<String> response = post(TestPki.Client.VENDOR, "@TGS#mtls");
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(OK, response.body());
        assertEquals(List.of("@TGS#mtls"), RecordingObserver.SYNC.stream().map(event -> event.groupId()).toList());
    }

    @Test
    void refusesAClientWithoutACertificateOrWithAnotherCasBeforeTheReceiver() throws Exception {
        HttpResponse<String> none = post(TestPki.Client.NONE, "@TGS#no-certificate");
        assertEquals(400, none.statusCode(), none.body());
        assertTrue(none.body().contains("No required SSL certificate was sent"), none.body());

        HttpResponse<String> other = post(TestPki.Client.OTHER_CA, "@TGS#other-ca");
        assertEquals(400, other.statusCode(), other.body());
        assertTrue(other.body().contains("The SSL certificate error"), other.body());

        // A genuine one after them: once it has fired, either of the others would have too, had it got through.
        assertEquals(200, post(TestPki.Client.VENDOR, "@TGS#after").statusCode());
        assertEquals(List.of("@TGS#after"), RecordingObserver.SYNC.stream().map(event -> event.groupId()).toList());
    }

    @Test
    void refusesTheVendorsCertificateFromAnAddressOutsideTheList() throws Exception {
        String request = "POST " + EmbeddedReceiver.PATH + VendorCalls.query(APP, TOKEN, "Group.CallbackAfterGroupFull")
                + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
                + GROUP_FULL_SAMPLE.length() + "\r\nConnection: close\r\n\r\n" + GROUP_FULL_SAMPLE;
        String answer = TestPki.exchange(pki.client(TestPki.Client.VENDOR), InetAddress.getByName("127.0.0.2"), port, request);
        assertTrue(answer.startsWith("HTTP/1.1 403 "), answer);
        String allowed = TestPki.exchange(pki.client(TestPki.Client.VENDOR), InetAddress.getByName("127.0.0.1"), port, request);
        assertTrue(allowed.startsWith("HTTP/1.1 200 "), allowed);
        assertEquals(List.of("@TGS#2J4SZEAEL"), RecordingObserver.SYNC.stream().map(event -> event.groupId()).toList());
    }
}
