package capcert.cli;

import capcert.export.CertificateJson;
import capcert.net.EapSession;
import capcert.report.SafeText;
import capcert.tls.CertificateEntry;
import capcert.tls.CipherSuite;
import capcert.tls.Der;
import capcert.tls.Evidence;
import capcert.tls.Handshake;
import capcert.tls.TlsVersion;
import capcert.x509.CertificateContents;
import capcert.x509.CertificateDetails;
import capcert.x509.EvidenceContent;
import capcert.x509.ExtendedKeyUsage;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code list --tsv}: one tab-separated row per certificate sent (in a handshake, or carried as
 * evidence over HTTP or stapled), under a header row, as Zeek's x509.log has one per certificate
 * seen: for spreadsheets, {@code cut}, {@code sort} and {@code awk}. A field with several values
 * joins them with commas; tabs, line breaks and other control characters are written as
 * {@code \x09}, so that a row is always one line.
 */
final class TsvListing {

    static final List<String> COLUMNS = List.of("capture", "time", "first_frame", "transport", "client", "server", "relay",
            "sni", "eap_method", "eap_identity", "eap_nas_identifier", "eap_nas_address", "eap_calling_station", "version", "cipher_suite", "role", "position", "frame", "sha256", "sha1", "subject", "issuer", "serial",
            "not_before", "not_after", "common_name", "san_dns", "san_ip", "san_email", "san_uri", "san_other",
            "key_algorithm", "key_size", "curve", "signature_algorithm", "key_usage", "extended_key_usage",
            "basic_constraints_ca", "path_length", "ocsp_responders", "ca_issuers", "crl_distribution_points", "parse_error");

    private final PrintWriter out;
    private final Map<Der, CertificateJson.Decoded> decoded = new HashMap<>();

    TsvListing(PrintWriter out) {
        this.out = out;
        out.println(String.join("\t", COLUMNS));
    }

    void print(Path capture, Handshake h) {
        for (CertificateEntry entry : h.certificates()) {
            List<String> where = new ArrayList<>(List.of(capture.toString(), h.time().toString(), Long.toString(h.firstFrame()),
                    h.transport().label(), h.client().toString(), h.server().toString(), h.relay().map(Object::toString).orElse(""),
                    h.sni().orElse("")));
            where.addAll(eap(h.eap()));
            where.addAll(List.of(h.version().map(TlsVersion::toString).orElse(""), h.cipherSuite().map(CipherSuite::name).orElse(""),
                    entry.role().label(), Integer.toString(entry.position()), Long.toString(entry.frame())));
            row(where, entry.derValue());
        }
    }

    /** Certificates a capture carried outside its handshakes: role {@code evidence}, position within the item. */
    void print(Path capture, Evidence e) {
        List<byte[]> certificates = EvidenceContent.decode(e).certificates();
        for (int i = 0; i < certificates.size(); i++) {
            List<String> where = new ArrayList<>(List.of(capture.toString(), e.time().toString(), Long.toString(e.connectionFrame()),
                    e.transport().label(), e.client().toString(), e.server().toString(), "", e.sni().orElse("")));
            where.addAll(eap(Optional.empty()));
            where.addAll(List.of("", "", "evidence", Integer.toString(i), Long.toString(e.frame())));
            row(where, Der.copyOf(certificates.get(i)));
        }
    }

    /** The EAP columns, as list --json's {@code eap} object has them; empty outside EAP. */
    private static List<String> eap(Optional<EapSession> eap) {
        if (eap.isEmpty()) return List.of("", "", "", "", "");
        EapSession s = eap.get();
        return List.of(s.method().label(), s.identity().orElse(""), s.nasIdentifier().orElse(""), s.nasAddress().orElse(""),
                s.callingStation().orElse(""));
    }

    private void row(List<String> where, Der der) {
        CertificateJson.Decoded c = decoded.computeIfAbsent(der, d -> CertificateJson.Decoded.of(d.toByteArray()));
        CertificateDetails d = c.details();
        CertificateContents k = c.contents();
        List<String> cells = new ArrayList<>(where);
        cells.add(d.sha256());
        cells.add(d.sha1());
        cells.add(d.subject());
        cells.add(d.issuer());
        cells.add(d.serial());
        cells.add(d.notBefore().map(Instant::toString).orElse(""));
        cells.add(d.notAfter().map(Instant::toString).orElse(""));
        cells.add(d.commonName());
        List<String> other = new ArrayList<>(d.subjectAltNames());
        for (String prefix : List.of("DNS:", "IP:", "email:", "URI:")) {
            cells.add(String.join(",", d.subjectAltNames().stream().filter(n -> n.startsWith(prefix))
                    .map(n -> n.substring(prefix.length())).toList()));
            other.removeIf(n -> n.startsWith(prefix));
        }
        cells.add(String.join(",", other));
        cells.add(k.keyAlgorithm().orElse(""));
        cells.add(k.keySize().isPresent() ? Integer.toString(k.keySize().getAsInt()) : "");
        cells.add(k.curve().orElse(""));
        cells.add(k.signatureAlgorithm().orElse(""));
        cells.add(String.join(",", k.keyUsage().orElse(List.of())));
        cells.add(String.join(",", k.extendedKeyUsage().orElse(List.of()).stream()
                .map(oid -> ExtendedKeyUsage.label(oid).orElse(oid)).toList()));
        Optional<CertificateContents.Constraints> bc = k.basicConstraints();
        cells.add(bc.map(b -> Boolean.toString(b.ca())).orElse(""));
        cells.add(bc.filter(b -> b.pathLength().isPresent()).map(b -> Integer.toString(b.pathLength().getAsInt())).orElse(""));
        cells.add(String.join(",", k.ocspResponders()));
        cells.add(String.join(",", k.caIssuers()));
        cells.add(String.join(",", k.crlDistributionPoints()));
        cells.add(d.parseError().orElse(""));
        out.println(String.join("\t", cells.stream().map(SafeText::escape).toList()));
    }
}
