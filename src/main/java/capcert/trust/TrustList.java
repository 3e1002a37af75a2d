package capcert.trust;

import java.util.List;

/** The CAs a peer trusts, in the order its files listed them (order matters: see rule CH3). */
public final class TrustList {

    private final List<TrustedCertificate> certificates;

    private TrustList(List<TrustedCertificate> certificates) {
        this.certificates = List.copyOf(certificates);
    }

    public static TrustList of(List<TrustedCertificate> certificates) {
        return new TrustList(certificates);
    }

    public static TrustList empty() {
        return new TrustList(List.of());
    }

    public List<TrustedCertificate> certificates() {
        return certificates;
    }

    public boolean isEmpty() {
        return certificates.isEmpty();
    }
}
