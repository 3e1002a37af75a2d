package capcert.ui;

import capcert.capture.Problem;
import capcert.export.CertificateFiles;
import capcert.report.TunnelText;
import capcert.tls.Alert;
import capcert.tls.CipherSuite;
import capcert.tls.Decryption;
import capcert.tls.Handshake;
import capcert.tls.TlsVersion;
import capcert.report.EvidenceText;
import capcert.tls.Evidence;
import capcert.x509.Asn1Listing;
import capcert.x509.CertificateDetails;
import capcert.x509.CertificateFields;
import capcert.x509.EvidenceContent;
import javafx.scene.control.Button;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.List;

/** The selected certificate decoded and as PEM, and the selected handshake's own facts. */
final class DetailTabs extends TabPane {

    private final FieldTable decoded = new FieldTable("decoded-table", "Select a certificate in the chain.");
    private final TextArea pem = new TextArea();
    private final FieldTable handshake = new FieldTable("handshake-fields", "Select a handshake.");
    private final Tab decodedTab = new Tab("Decoded", decoded);
    private final Tab pemTab = new Tab("PEM");
    private final Tab handshakeTab = new Tab("Handshake", handshake);
    private final TextArea asn1 = new TextArea();
    private final Tab asn1Tab = new Tab("ASN.1 / hex", asn1);
    private final FieldTable evidence = new FieldTable("evidence-table", "Certificates, OCSP answers and CRLs the capture "
            + "carried outside its handshakes show here.");
    private final Tab evidenceTab = new Tab("Evidence", evidence);

    DetailTabs() {
        setId("detail-tabs");
        setTabClosingPolicy(TabClosingPolicy.UNAVAILABLE);
        pem.setId("pem-text");
        pem.setEditable(false);
        pem.getStyleClass().add("mono");
        Button copyPem = new Button("Copy PEM");
        copyPem.setId("copy-pem");
        copyPem.disableProperty().bind(pem.textProperty().isEmpty());
        copyPem.setOnAction(e -> FieldTable.copy(pem.getText()));
        VBox pemBox = new VBox(4, pem, new HBox(copyPem));
        VBox.setVgrow(pem, Priority.ALWAYS);
        pemTab.setContent(pemBox);
        decodedTab.setId("decoded-tab");
        pemTab.setId("pem-tab");
        handshakeTab.setId("handshake-tab");
        asn1.setId("asn1-text");
        asn1.setEditable(false);
        asn1.getStyleClass().add("asn1");
        asn1Tab.setId("asn1-tab");
        evidenceTab.setId("evidence-tab");
        getTabs().setAll(List.of(decodedTab, pemTab, asn1Tab, handshakeTab, evidenceTab));
    }

    void showCertificate(ChainLayout.Certificate certificate) {
        if (certificate == null) {
            decoded.show(List.of());
            pem.clear();
            asn1.clear();
        } else {
            byte[] der = certificate.entry().der();
            decoded.show(CertificateFields.of(der));
            pem.setText(CertificateFiles.pem(der));
            asn1.setText(Asn1Listing.structure(der) + "\n" + der.length + " bytes, as sent:\n" + Asn1Listing.hex(der));
        }
    }

    void showHandshake(HandshakeRow row) {
        handshake.show(row == null ? List.of() : fields(row));
        evidence.show(row == null ? List.of() : evidence(row.capture().evidence()));
        evidenceTab.setText(row == null || row.capture().evidence().isEmpty() ? "Evidence"
                : "Evidence (" + row.capture().evidence().size() + ")");
    }

    /** One row per item the capture carried outside its handshakes: where, then what it says and holds. */
    private static List<CertificateFields.Field> evidence(List<Evidence> items) {
        List<CertificateFields.Field> fields = new ArrayList<>();
        for (Evidence e : items) {
            EvidenceContent content = EvidenceContent.decode(e);
            List<String> lines = new ArrayList<>(EvidenceText.says(content));
            for (byte[] der : content.certificates()) {
                CertificateDetails d = CertificateDetails.decode(der);
                lines.add("certificate " + (d.subject().isEmpty() ? "(unreadable)" : d.subject()) + " [" + d.sha256().substring(0, 16) + "]");
            }
            fields.add(new CertificateFields.Field("frame " + e.frame() + ": " + EvidenceText.where(e),
                    lines.isEmpty() ? "-" : String.join("\n", lines)));
        }
        return fields;
    }

    TextArea asn1() {
        return asn1;
    }

    FieldTable evidence() {
        return evidence;
    }

    FieldTable decoded() {
        return decoded;
    }

    private static List<CertificateFields.Field> fields(HandshakeRow row) {
        Handshake h = row.handshake();
        List<CertificateFields.Field> fields = new ArrayList<>();
        fields.add(new CertificateFields.Field("Capture", row.capture().file().toString()));
        fields.add(new CertificateFields.Field("First frame", Long.toString(h.firstFrame())));
        fields.add(new CertificateFields.Field("Time", CertificateFields.time(h.time())));
        fields.add(new CertificateFields.Field("Transport", h.transport().label()));
        fields.add(new CertificateFields.Field("Client", h.client().toString()));
        fields.add(new CertificateFields.Field("Server", h.server().toString()));
        h.relay().ifPresent(relay -> fields.add(new CertificateFields.Field("Relayed by (TURN)", relay.toString())));
        fields.add(new CertificateFields.Field("Version", h.version().map(TlsVersion::toString).orElse("unknown")));
        fields.add(new CertificateFields.Field("SNI", h.sni().orElse("none sent")));
        TunnelText.eap(h).ifPresent(eap -> fields.add(new CertificateFields.Field("EAP", eap)));
        fields.add(new CertificateFields.Field("Cipher suite", h.cipherSuite().map(CipherSuite::name).orElse("not seen")));
        if (h.decryption().isPresent()) {
            Decryption d = h.decryption().get();
            d.quicVersion().ifPresent(v -> fields.add(new CertificateFields.Field("QUIC", v)));
            if (!d.offeredAlpn().isEmpty() || d.selectedAlpn().isPresent()) {
                fields.add(new CertificateFields.Field("ALPN", d.selectedAlpn().map(a -> a + " (chosen from " + String.join(", ",
                        d.offeredAlpn()) + ")").orElse(String.join(", ", d.offeredAlpn()) + " (offered)")));
            }
        }
        fields.add(new CertificateFields.Field("Certificates", h.certificatesDecrypted()
                ? "decrypted with keys from " + h.decryption().get().keySource().get()
                : h.certificates().isEmpty() ? "none read" : "sent in clear text"));
        List<String> alerts = new ArrayList<>();
        for (Alert a : h.alerts()) {
            alerts.add(a.from().label() + " sent " + a.levelName() + " " + a.descriptionName() + " (frame " + a.frame() + ")");
        }
        fields.add(new CertificateFields.Field("Alerts in clear", alerts.isEmpty() ? "none" : String.join("\n", alerts)));
        if (!h.notes().isEmpty()) {
            fields.add(new CertificateFields.Field("Notes",
                    String.join("\n", h.notes().stream().map(ViewerWording.INSTANCE::text).toList())));
        }
        List<Problem> problems = row.capture().problems();
        if (!problems.isEmpty()) {
            fields.add(new CertificateFields.Field("Capture problems",
                    String.join("\n", problems.stream().map(ViewerWording.INSTANCE::describe).toList())));
        }
        return fields;
    }
}
