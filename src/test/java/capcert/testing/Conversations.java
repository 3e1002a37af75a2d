package capcert.testing;

import capcert.testing.CaptureWriter.TcpConn;

import java.util.List;

import static capcert.testing.TlsBytes.applicationData;
import static capcert.testing.TlsBytes.clientFinishFlight;
import static capcert.testing.TlsBytes.clientHelloRecord;
import static capcert.testing.TlsBytes.serverFinishFlight;
import static capcert.testing.TlsBytes.serverFlight;
import static capcert.testing.TlsBytes.TLS12;

/** Whole, well-behaved TLS conversations on top of {@link CaptureWriter}, for scenarios to vary. */
public final class Conversations {

    private Conversations() {
    }

    /**
     * A complete TLS 1.2 connection: 3-way handshake, ClientHello, the server flight in segments of
     * {@code segmentSize}, the client's and server's Finished flights, one ApplicationData record
     * each way, FIN exchange. Returns the frame that completed the server's Certificate message.
     */
    public static int tls12(TcpConn c, String sni, List<byte[]> chain, int segmentSize) {
        c.handshake3Way();
        c.clientSends(clientHelloRecord(sni));
        int certFrame = serverFlight12(c, chain, segmentSize);
        finish12(c);
        c.close();
        return certFrame;
    }

    /** Server flight (ServerHello, Certificate, SKE + ServerHelloDone) in segments; returns the certificate frame. */
    public static int serverFlight12(TcpConn c, List<byte[]> chain, int segmentSize) {
        TlsBytes.ServerFlight flight = serverFlight(chain);
        long base = c.server().next();
        c.serverSends(flight.bytes(), segmentSize);
        return c.server().frameCompleting(base, base + flight.certificateEnd());
    }

    /** Client Finished flight, server Finished flight, one ApplicationData record each way. */
    public static void finish12(TcpConn c) {
        c.clientSends(clientFinishFlight());
        c.serverSends(serverFinishFlight());
        c.clientSends(applicationData(TLS12, 120));
        c.serverSends(applicationData(TLS12, 300));
    }
}
