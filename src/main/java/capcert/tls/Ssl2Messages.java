package capcert.tls;

import capcert.net.Side;

import java.util.Optional;

/** The two SSLv2 messages sent in clear that matter: CLIENT-HELLO (also the SSLv3/TLS compatible form) and SERVER-HELLO. */
final class Ssl2Messages {

    static final int CLIENT_HELLO = 1;
    static final int SERVER_HELLO = 4;

    private Ssl2Messages() {
    }

    /** Returns the version the message announces, if it was a hello. */
    static Optional<Integer> handle(byte[] record, Side from, long frame, HandshakeFacts facts) {
        Bytes b = new Bytes(record, 0, record.length);
        try {
            int type = b.u8("SSLv2 message type");
            if (type == CLIENT_HELLO) {
                int version = b.u16("CLIENT-HELLO version");
                facts.clientHello(from, version, null);
                return Optional.of(version);
            }
            if (type == SERVER_HELLO) {
                b.skip(2, "session id hit and certificate type");
                int version = b.u16("SERVER-HELLO version");
                int certificateLength = b.u16("certificate length");
                b.skip(4, "cipher specs and connection id lengths");
                facts.ssl2ServerHello(from, b.take(certificateLength, "certificate"), frame);
                return Optional.of(version);
            }
        } catch (Bytes.Malformed e) {
            facts.note(new Note.MalformedSsl2Hello(facts.roleOf(from), frame, e.getMessage()));
        }
        return Optional.empty();
    }
}
