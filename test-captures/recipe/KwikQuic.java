import tech.kwik.core.QuicClientConnection;
import tech.kwik.core.QuicConnection;
import tech.kwik.core.QuicStream;
import tech.kwik.core.server.ApplicationProtocolConnection;
import tech.kwik.core.server.ApplicationProtocolConnectionFactory;
import tech.kwik.core.server.ServerConnectionConfig;
import tech.kwik.core.server.ServerConnector;

import java.io.FileInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;

/**
 * One QUIC connection with Kwik (tech.kwik:kwik 0.10.3, pure Java), for the test captures: a server
 * that answers one stream and a client that writes its TLS secrets to an NSS key log. Test tooling
 * only, compiled and run by make-keylog-captures.sh; not part of capcert.
 *
 *   server ADDRESS PORT (ADDRESS is informative: Kwik listens on every address of the namespace) KEYSTORE.p12 PASSWORD v1|v2|both retry|noretry
 *   client HOST PORT ROOT.crt v1|v2 KEYLOG
 */
public class KwikQuic {

    private static final String ALPN = "capcert-test";

    public static void main(String[] args) throws Exception {
        if (args[0].equals("server")) server(args);
        else client(args);
    }

    private static void server(String[] args) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(args[3])) {
            keys.load(in, args[4].toCharArray());
        }
        ServerConnector.Builder builder = ServerConnector.builder()
                .withPort(Integer.parseInt(args[2]))
                .withLogger(new tech.kwik.core.log.NullLogger())
                .withKeyStore(keys, "server", args[4].toCharArray())
                .withConfiguration(ServerConnectionConfig.builder()
                        .maxOpenPeerInitiatedBidirectionalStreams(4)
                        .retryRequired(args[6].equals("retry"))
                        .build());
        switch (args[5]) {
            case "v1" -> builder.withSupportedVersion(QuicConnection.QuicVersion.V1);
            case "v2" -> builder.withSupportedVersion(QuicConnection.QuicVersion.V2);
            default -> builder.withSupportedVersion(QuicConnection.QuicVersion.V1).withSupportedVersion(QuicConnection.QuicVersion.V2);
        }
        ServerConnector server = builder.build();
        server.registerApplicationProtocol(ALPN, new ApplicationProtocolConnectionFactory() {
            @Override
            public ApplicationProtocolConnection createConnection(String protocol, QuicConnection connection) {
                return new ApplicationProtocolConnection() {
                    @Override
                    public void acceptPeerInitiatedStream(QuicStream stream) {
                        try {
                            byte[] request = stream.getInputStream().readAllBytes();
                            OutputStream out = stream.getOutputStream();
                            out.write(("hello over QUIC, you said " + new String(request, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
                            out.close();
                        } catch (Exception e) {
                            e.printStackTrace();
                        }
                    }
                };
            }

            @Override
            public int maxConcurrentPeerInitiatedBidirectionalStreams() {
                return 4;
            }
        });
        server.start();
        System.out.println("listening");
        Thread.sleep(Duration.ofSeconds(25).toMillis());
    }

    private static void client(String[] args) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = new FileInputStream(args[3])) {
            trust.setCertificateEntry("root", (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        QuicClientConnection connection = QuicClientConnection.newBuilder()
                .uri(URI.create("https://" + args[1] + ":" + args[2]))
                .applicationProtocol(ALPN)
                .version(args[4].equals("v2") ? QuicConnection.QuicVersion.V2 : QuicConnection.QuicVersion.V1)
                .customTrustStore(trust)
                .secrets(Path.of(args[5]))
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        connection.connect();
        QuicStream stream = connection.createStream(true);
        stream.getOutputStream().write("hello".getBytes(StandardCharsets.UTF_8));
        stream.getOutputStream().close();
        System.out.println(new String(stream.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        connection.close();
        Thread.sleep(300);
    }
}
