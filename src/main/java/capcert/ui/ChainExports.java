package capcert.ui;

import capcert.export.CertificateFiles;
import capcert.export.CertificateFormat;
import capcert.export.SafeNames;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** The bytes and suggested names of the files the viewer exports from one chain. */
final class ChainExports {

    private ChainExports() {
    }

    static byte[] certificate(ChainLayout.Certificate certificate, CertificateFormat format) {
        return CertificateFiles.encode(format, certificate.entry().der());
    }

    static String certificateName(ChainLayout.Certificate certificate, CertificateFormat format) {
        return baseName(certificate) + "." + format.extension();
    }

    /** The whole Certificate message as sent, leaf first: what a server's chain file holds. */
    static byte[] chain(ChainLayout chain) {
        return pem(chain.sent());
    }

    static String chainName(ChainLayout chain) {
        return "chain_" + baseName(chain.path().get(0)) + ".pem";
    }

    /**
     * The CA certificates of the chain, root first: what the other peer's trusted-CA list needs.
     * Empty when the peer sent no CA certificate at all (only its leaf).
     */
    static Optional<byte[]> caBundle(ChainLayout chain) {
        List<ChainLayout.Certificate> authorities = new ArrayList<>();
        List<ChainLayout.Certificate> path = new ArrayList<>(chain.path());
        Collections.reverse(path);
        for (ChainLayout.Certificate c : path) if (c.isCertificateAuthority()) authorities.add(c);
        for (ChainLayout.Certificate c : chain.unrelated()) if (c.isCertificateAuthority()) authorities.add(c);
        return authorities.isEmpty() ? Optional.empty() : Optional.of(pem(authorities));
    }

    /**
     * A Wireshark display filter for the frame that completed the certificate's Certificate message,
     * where Wireshark's packet details show it (for TLS over TCP, the reassembled message).
     */
    static String wiresharkFilter(ChainLayout.Certificate certificate) {
        return "frame.number == " + certificate.entry().frame();
    }

    static String caBundleName(ChainLayout chain) {
        return "ca-bundle_" + baseName(chain.path().get(0)) + ".pem";
    }

    private static byte[] pem(List<ChainLayout.Certificate> certificates) {
        return CertificateFiles.pemBundle(certificates.stream().map(c -> c.entry().der()).toList())
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static String baseName(ChainLayout.Certificate certificate) {
        return SafeNames.certificate(certificate.details().sha256(), certificate.details().commonName());
    }
}
