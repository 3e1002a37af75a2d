// One-shot TLS 1.2 server on the JDK's own TLS stack (JSSE), used by
// ../make-captures.sh to make tls12-jdk.pcap. Test tooling only, not part
// of capcert itself.
//
// Usage: java -cp DIR JdkTlsServer HOST PORT KEYSTORE.p12 PASSWORD
// Serves one connection: completes the handshake, reads one line, answers
// one line, closes. Every blocking call has a timeout.

import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

public final class JdkTlsServer {
    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: JdkTlsServer HOST PORT KEYSTORE.p12 PASSWORD");
            System.exit(2);
        }
        InetAddress host = InetAddress.getByName(args[0]);
        int port = Integer.parseInt(args[1]);
        char[] password = args[3].toCharArray();

        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (FileInputStream in = new FileInputStream(args[2])) {
            keyStore.load(in, password);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keyStore, password);
        SSLContext context = SSLContext.getInstance("TLSv1.2");
        context.init(kmf.getKeyManagers(), null, null);

        try (SSLServerSocket server =
                (SSLServerSocket) context.getServerSocketFactory().createServerSocket(port, 1, host)) {
            server.setEnabledProtocols(new String[] {"TLSv1.2"});
            server.setSoTimeout(30_000);
            System.out.println("listening on " + host.getHostAddress() + ":" + port);
            try (SSLSocket socket = (SSLSocket) server.accept()) {
                socket.setSoTimeout(20_000);
                socket.startHandshake();
                System.out.println("handshake done: " + socket.getSession().getProtocol()
                        + " " + socket.getSession().getCipherSuite());
                BufferedReader reader = new BufferedReader(
                        new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
                String line = reader.readLine();
                System.out.println("received: " + line);
                OutputStream out = socket.getOutputStream();
                out.write("hello from the JDK\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
        }
    }
}
