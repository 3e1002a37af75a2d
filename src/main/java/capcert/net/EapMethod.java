package capcert.net;

import java.util.Optional;

/** The EAP methods that run a TLS handshake, by their EAP type numbers (IANA "EAP Method Types"). */
public enum EapMethod {
    TLS(13, "EAP-TLS"),
    TTLS(21, "EAP-TTLS"),
    PEAP(25, "PEAP"),
    FAST(43, "EAP-FAST"),
    TEAP(55, "TEAP");

    private final int type;
    private final String label;

    EapMethod(int type, String label) {
        this.type = type;
        this.label = label;
    }

    /** The EAP Type field's value. */
    public int type() {
        return type;
    }

    /** As people write it: {@code EAP-TLS}, {@code PEAP}… */
    public String label() {
        return label;
    }

    public static Optional<EapMethod> ofType(int type) {
        for (EapMethod m : values()) {
            if (m.type == type) return Optional.of(m);
        }
        return Optional.empty();
    }
}
