package io.github.timcallback.groupfull.containers;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.timcallback.groupfull.tls.TestPki;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The README's HTTPS connector for mutual TLS, as written, on Tomcat 11 with the WAR as built and
 * certificates the test makes ({@link TestPki}): a client with a certificate of the vendor's CA
 * is answered; one without a certificate, or with another CA's, gets no HTTP answer and reaches
 * no observer.
 */
class TomcatMutualTlsIT {

    static final String APP = TomcatIT.APP;
    static final String TOKEN = "tomcat-mtls-token-8e41";
    static final String PATH = "/group-full/tim/callback";
    static final Path BASE = Path.of("target/tomcat-mtls-it").toAbsolutePath();
    static final ObserverFile OBSERVED = new ObserverFile(BASE.resolve("observed.txt"));
    static TestPki pki;
    static TomcatInstance tomcat;
    static int httpsPort;

    @BeforeAll
    static void start() throws Exception {
        TomcatInstance.deleteRecursively(BASE);
        pki = TestPki.create(BASE.resolve("pki"));
        Path observerJar = Wars.observerJar(BASE.resolve("observer/observer.jar"));
        httpsPort = TomcatInstance.freePort();
        String connector = Readme.excerpt("<Connector port=\"8443\"", "</Connector>")
                .replace("port=\"8443\"", "port=\"" + httpsPort + "\" address=\"127.0.0.1\"");
        tomcat = TomcatInstance.start(TomcatInstance.home(), BASE.resolve("instance"),
                Map.of("group-full", Path.of(System.getProperty("product.war"))), TomcatInstance.mountedInWebInfLib(observerJar),
                Map.of("TIM_SDKAPPID", APP, "TIM_CALLBACK_TOKEN", TOKEN, "OBSERVER_LOG", OBSERVED.path().toString()),
                List.of(), List.of(), connector, "",
                Map.of("tim-callback-ca.p12", pki.vendorTruststore(), "callback-host.p12", pki.serverKeystore()));
    }

    @AfterAll
    static void stop() throws Exception {
        if (tomcat != null) {
            tomcat.close();
        }
    }

    static HttpResponse<String> post(TestPki.Client client, String groupId) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(pki.client(client)).build();
        return http.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + httpsPort + PATH + TomcatIT.QUERY + "&"
                + CallbackContract.signature(TOKEN)))
                .POST(BodyPublishers.ofString("{\"GroupId\":\"" + groupId + "\"}")).build(), BodyHandlers.ofString(UTF_8));
    }

    @Test
    void answersACallbackWithTheVendorsCertificate() throws Exception {
        HttpResponse<String> response = post(TestPki.Client.VENDOR, "@TGS#tomcat-mtls");
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(TomcatIT.OK, response.body());
        OBSERVED.awaitLine("async @TGS#tomcat-mtls " + APP);
    }

    @Test
    void refusesTheHandshakeWithoutACertificateOrWithAnotherCas() throws Exception {
        assertThrows(IOException.class, () -> post(TestPki.Client.NONE, "@TGS#no-certificate"));
        assertThrows(IOException.class, () -> post(TestPki.Client.OTHER_CA, "@TGS#other-ca"));

        // A genuine one after them: once it is delivered, either of the others would have been too, had it got through.
        assertEquals(200, post(TestPki.Client.VENDOR, "@TGS#after-refusals").statusCode());
        List<String> lines = OBSERVED.awaitLine("async @TGS#after-refusals " + APP);
        assertEquals(List.of(), lines.stream().filter(line -> line.contains("certificate") || line.contains("other-ca")).toList(),
                lines::toString);
    }
}
