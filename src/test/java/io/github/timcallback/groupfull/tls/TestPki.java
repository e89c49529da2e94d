package io.github.timcallback.groupfull.tls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509KeyManager;

/**
 * The certificates a mutual TLS test needs, made with the JDK's {@code keytool} as an operator
 * would: a CA standing for the vendor's (whose certificate the IM console offers), a client
 * certificate it issued (the IM backend's), another CA with a client certificate of its own (an
 * impostor), and the server's certificate for 127.0.0.1 from a CA of the site. Every store is
 * PKCS12 with the password {@link #PASSWORD}, as in the README's recipes.
 */
public final class TestPki {

    public static final String PASSWORD = "changeit";

    /** Who connects: the vendor's backend, an impostor with another CA's certificate, or a client without one. */
    public enum Client { VENDOR, OTHER_CA, NONE }

    private final Path dir;

    private TestPki(Path dir) {
        this.dir = dir;
    }

    /** Makes everything anew in {@code dir}. */
    public static TestPki create(Path dir) throws Exception {
        Files.createDirectories(dir);
        try (var old = Files.list(dir)) {
            for (Path file : old.toList()) {
                Files.delete(file);
            }
        }
        TestPki pki = new TestPki(dir);
        pki.authority("vendor-ca");
        pki.authority("other-ca");
        pki.authority("site-ca");
        pki.leaf("server", "site-ca", "san=ip:127.0.0.1", "eku=serverAuth");
        pki.leaf("vendor-client", "vendor-ca", "eku=clientAuth");
        pki.leaf("other-client", "other-ca", "eku=clientAuth");
        // The truststore of the Tomcat recipe: the vendor's CA certificate alone, under the README's alias.
        pki.keytool("-importcert", "-noprompt", "-alias", "tencent-im-callback-ca", "-file", pki.path("vendor-ca.pem"),
                "-keystore", pki.path("tim-callback-ca.p12"), "-storetype", "PKCS12", "-storepass", PASSWORD);
        Files.writeString(dir.resolve("server.key"), pki.privateKeyPem("server"));
        return pki;
    }

    /** The vendor's CA certificate, PEM, as downloaded from the console. */
    public Path vendorCaPem() {
        return dir.resolve("vendor-ca.pem");
    }

    /** A PKCS12 truststore holding the vendor's CA certificate only. */
    public Path vendorTruststore() {
        return dir.resolve("tim-callback-ca.p12");
    }

    /** The server's key and certificate, PKCS12. */
    public Path serverKeystore() {
        return dir.resolve("server.p12");
    }

    /** The server's certificate, PEM. */
    public Path serverCertificatePem() {
        return dir.resolve("server.pem");
    }

    /** The server's private key, PEM (PKCS#8). */
    public Path serverKeyPem() {
        return dir.resolve("server.key");
    }

    /** A client's TLS context: it trusts the site's CA, and presents {@code client}'s certificate, if any. */
    public SSLContext client(Client client) throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        try (InputStream in = Files.newInputStream(dir.resolve("site-ca.pem"))) {
            trusted.setCertificateEntry("site-ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        KeyManager[] keys = null;
        if (client != Client.NONE) {
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(load(client == Client.VENDOR ? "vendor-client" : "other-client"), PASSWORD.toCharArray());
            keys = new KeyManager[] {new Insistent((X509KeyManager) factory.getKeyManagers()[0])};
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys, trust.getTrustManagers(), null);
        return context;
    }

    /**
     * A client's key manager that presents its certificate whatever CAs the server asks for. The
     * JDK's own sends none when the server's list of acceptable CAs lacks the issuer, so without
     * this an impostor's certificate would never be put to the server at all.
     */
    private static final class Insistent extends X509ExtendedKeyManager {
        private final X509KeyManager keys;

        Insistent(X509KeyManager keys) {
            this.keys = keys;
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return "leaf";
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            return "leaf";
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return keys.getCertificateChain(alias);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return keys.getPrivateKey(alias);
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return new String[] {"leaf"};
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return null;
        }
    }

    /**
     * One HTTP/1.1 request over TLS from the local address {@code from} (a loopback address), for
     * what HttpClient of Java 17 cannot do: choose the address it connects from. The answer's
     * status line, or the exception's text when the connection is refused.
     */
    public static String exchange(SSLContext context, InetAddress from, int port, String request) throws IOException {
        try (Socket plain = new Socket(InetAddress.getByName("127.0.0.1"), port, from, 0);
                SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(plain, "127.0.0.1", port, true)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            socket.getInputStream().transferTo(answer);
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    private void authority(String name) throws Exception {
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name,
                "-ext", "bc:c", "-validity", "30", "-keystore", path(name + ".p12"), "-storetype", "PKCS12",
                "-storepass", PASSWORD);
        keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", path(name + ".p12"), "-storepass", PASSWORD,
                "-file", path(name + ".pem"));
    }

    private void leaf(String name, String issuer, String... extensions) throws Exception {
        keytool("-genkeypair", "-alias", "leaf", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name,
                "-validity", "30", "-keystore", path(name + ".p12"), "-storetype", "PKCS12", "-storepass", PASSWORD);
        keytool("-certreq", "-alias", "leaf", "-keystore", path(name + ".p12"), "-storepass", PASSWORD,
                "-file", path(name + ".csr"));
        List<String> gencert = new ArrayList<>(List.of("-gencert", "-rfc", "-alias", "ca", "-keystore", path(issuer + ".p12"),
                "-storepass", PASSWORD, "-infile", path(name + ".csr"), "-outfile", path(name + ".pem"), "-validity", "30"));
        for (String extension : extensions) {
            gencert.addAll(List.of("-ext", extension));
        }
        keytool(gencert.toArray(String[]::new));
        // The issuer first, so that keytool can chain the signed certificate to it.
        keytool("-importcert", "-noprompt", "-alias", "issuer", "-file", path(issuer + ".pem"), "-keystore",
                path(name + ".p12"), "-storepass", PASSWORD);
        keytool("-importcert", "-noprompt", "-alias", "leaf", "-file", path(name + ".pem"), "-keystore",
                path(name + ".p12"), "-storepass", PASSWORD);
    }

    private String privateKeyPem(String name) throws Exception {
        PrivateKey key = (PrivateKey) load(name).getKey("leaf", PASSWORD.toCharArray());
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    private KeyStore load(String name) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve(name + ".p12"))) {
            store.load(in, PASSWORD.toCharArray());
        }
        return store;
    }

    private String path(String file) {
        return dir.resolve(file).toString();
    }

    private void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("keytool " + String.join(" ", args) + " failed: " + output);
        }
    }
}
