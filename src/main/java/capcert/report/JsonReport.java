package capcert.report;

import capcert.capture.Problem;
import capcert.check.Verdict;
import capcert.check.Wording;
import capcert.export.JsonFormat;
import capcert.tls.Alert;
import capcert.tls.CaptureResult;
import capcert.tls.CertificateEntry;
import capcert.tls.CipherSuite;
import capcert.tls.Decryption;
import capcert.tls.Der;
import capcert.tls.Evidence;
import capcert.tls.Handshake;
import capcert.tls.Note;
import capcert.tls.TlsVersion;
import capcert.x509.CertificateDetails;
import capcert.x509.EntriesCut;
import capcert.x509.EvidenceContent;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The JSON document for scan results, written field by field rather than by binding the records
 * so that the shape stays put when the model grows:
 *
 * <pre>{@code
 * {"captures": [{
 *   "file": "a.pcap",
 *   "handshakes": [{
 *     "transport": "tcp" | "udp" | "eapol" | "radius" | "openvpn-tcp" | "openvpn-udp" | "capwap" | "turn-udp" | "turn-tcp",
 *     "client": "ip:port" | "mac", "server": "[v6]:port",
 *     "relay": "ip:port" (only for DTLS relayed by TURN: the TURN server),
 *     "firstFrame": 3, "time": "2024-06-01T12:00:00.123456Z",
 *     "version": "TLS 1.2" | null, "sni": "..." | null,
 *     "eap": {"method": "PEAP", "identity": "..." | null, "nasIdentifier": "..." | null, "nasAddress": "..." | null,
 *             "callingStation": "..." | null} (only for TLS inside EAP),
 *     "cipherSuite": "..." | null,
 *     "alerts": [{"from": "client", "level": "fatal", "description": "unknown_ca", "frame": 9}],
 *     "certificates": [{"role": "server", "position": 0, "sha256": "<hex>", "subject": "<RFC 2253>",
 *                       "issuer": "...", "serial": "<hex>", "notBefore": "<instant>" | null,
 *                       "notAfter": "<instant>" | null, "frame": 6, "parseError": "..." (only when set)}],
 *     "notes": ["certificates encrypted (TLS 1.3)"],
 *     "decryption": {"quic": "QUIC v1" | null, "keySource": "keys.log" | null, "certificatesDecrypted": true,
 *                    "offeredAlpn": ["h3"], "alpn": "h3" | null}  (only for TLS 1.3, QUIC and DTLS 1.3
 *                    handshakes read with keys at hand: a key log, or QUIC's Initial keys),
 *     "verdicts": [{"rule": "CH2", "severity": "FAIL", "certificate": "<sha256>" | null,
 *                   "message": "...", "remedy": "..."}]  (only from writeWithVerdicts)
 *   }],
 *   "evidence": [{"kind": "certificate" | "pkcs7" | "ocsp-request" | "ocsp-response" | "crl",
 *                 "carrier": "http-request" | "http-response" | "tls-stapled", "frame": 9, "time": "<instant>",
 *                 "transport": "tcp", "client": "ip:port", "server": "ip:port", "connectionFrame": 1,
 *                 "url": "..." | null, "contentType": "..." | null, "sni": "..." | null,
 *                 "sha256": "<hex of the bytes>", "length": 886,
 *                 "certificates": [{"sha256", "subject", "issuer", "serial", "notBefore", "notAfter", "parseError"?}],
 *                 "ocsp": {"status": "successful" | null, "producedAt": "<instant>" | null, "responder": "..." | null,
 *                          "certificates": [{"serial": "<hex>", "hashAlgorithm": "SHA-1", "issuerNameHash": "<hex>",
 *                                            "issuerKeyHash": "<hex>", "status": "good" | "revoked" | "unknown" | "asked",
 *                                            "revokedAt", "reason", "thisUpdate", "nextUpdate"}]} | null,
 *                 "crl": {"issuer": "...", "thisUpdate": "<instant>", "nextUpdate": "<instant>" | null, "revoked": 1} | null,
 *                 "parseError": "..." (only when set)}],
 *   "problems": [{"frame": 12, "offset": 4096, "message": "..."}]}]}
 * }</pre>
 *
 * Certificates that did not decode have {@code ""} for subject, issuer and serial and null dates.
 */
public final class JsonReport {

    private JsonReport() {
    }

    /**
     * Writes the document and a final newline; leaves {@code out} open. Notes and problems are in
     * {@code wording}'s words.
     */
    public static void write(List<CaptureResult> captures, Wording wording, Writer out) throws IOException {
        write(captures, Optional.empty(), wording, out);
    }

    /** The same document with each handshake's {@code verdicts} (as {@code verdicts} gives them, in that order). */
    public static void writeWithVerdicts(List<CaptureResult> captures, Function<Handshake, List<Verdict>> verdicts,
                                         Wording wording, Writer out) throws IOException {
        write(captures, Optional.of(verdicts), wording, out);
    }

    private static void write(List<CaptureResult> captures, Optional<Function<Handshake, List<Verdict>>> verdicts,
                              Wording wording, Writer out) throws IOException {
        try (Document document = new Document(out, verdicts, wording)) {
            for (CaptureResult capture : captures) document.add(capture);
        }
    }

    /** The same document written a capture at a time, so that a batch is never held whole. */
    public static Document open(Writer out, Wording wording) throws IOException {
        return new Document(out, Optional.empty(), wording);
    }

    /** The document being written; {@link #close()} ends it with a newline and leaves the writer open. */
    public static final class Document implements Closeable {
        private final JsonGenerator json;
        private final Optional<Function<Handshake, List<Verdict>>> verdicts;
        private final Wording wording;
        // Popular servers repeat their chain in every handshake; decode each distinct DER once.
        private final Map<Der, Identity> decoded = new HashMap<>();

        private Document(Writer out, Optional<Function<Handshake, List<Verdict>>> verdicts, Wording wording)
                throws IOException {
            this.json = JsonFormat.generator(out);
            this.verdicts = verdicts;
            this.wording = wording;
            json.writeStartObject();
            json.writeArrayFieldStart("captures");
        }

        /** Writes {@code capture} and flushes it out. */
        public void add(CaptureResult capture) throws IOException {
            startCapture(capture.file());
            for (Handshake handshake : capture.handshakes()) handshake(handshake);
            endCapture(capture.evidence(), capture.problems());
        }

        /** Opens a capture's object: its handshakes follow one by one, then {@link #endCapture}. */
        public void startCapture(Path file) throws IOException {
            json.writeStartObject();
            json.writeStringField("file", file.toString());
            json.writeArrayFieldStart("handshakes");
        }

        public void handshake(Handshake handshake) throws IOException {
            writeHandshake(json, handshake, decoded, verdicts.map(v -> v.apply(handshake)), wording);
        }

        /** Closes the capture's object with its problems and flushes it out. */
        public void endCapture(List<Problem> problems) throws IOException {
            endCapture(List.of(), problems);
        }

        /** Closes the capture's object with its evidence and problems and flushes it out. */
        public void endCapture(List<Evidence> evidence, List<Problem> problems) throws IOException {
            json.writeEndArray();
            json.writeArrayFieldStart("evidence");
            for (Evidence e : evidence) writeEvidence(json, e, decoded);
            json.writeEndArray();
            json.writeArrayFieldStart("problems");
            for (Problem problem : problems) writeProblem(json, problem, wording);
            json.writeEndArray();
            json.writeEndObject();
            json.flush();
        }

        @Override
        public void close() throws IOException {
            json.writeEndArray();
            json.writeEndObject();
            json.writeRaw('\n');
            json.close();
        }
    }

    /** A {@code "verdicts"} array field. */
    static void writeVerdicts(JsonGenerator json, List<Verdict> verdicts) throws IOException {
        json.writeArrayFieldStart("verdicts");
        for (Verdict verdict : verdicts) {
            json.writeStartObject();
            json.writeStringField("rule", verdict.rule().name());
            json.writeStringField("severity", verdict.severity().name());
            writeOptional(json, "certificate", verdict.certificate());
            json.writeStringField("message", verdict.message());
            json.writeStringField("remedy", verdict.remedy());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static void writeHandshake(JsonGenerator json, Handshake handshake, Map<Der, Identity> decoded,
                                       Optional<List<Verdict>> verdicts, Wording wording) throws IOException {
        json.writeStartObject();
        json.writeStringField("transport", handshake.transport().label());
        json.writeStringField("client", handshake.client().toString());
        json.writeStringField("server", handshake.server().toString());
        if (handshake.relay().isPresent()) json.writeStringField("relay", handshake.relay().get().toString());
        json.writeNumberField("firstFrame", handshake.firstFrame());
        json.writeStringField("time", Instants.iso(handshake.time()));
        writeOptional(json, "version", handshake.version().map(TlsVersion::toString));
        writeOptional(json, "sni", handshake.sni());
        if (handshake.eap().isPresent()) JsonFormat.writeEap(json, handshake.eap().get());
        writeOptional(json, "cipherSuite", handshake.cipherSuite().map(CipherSuite::name));
        json.writeArrayFieldStart("alerts");
        for (Alert alert : handshake.alerts()) {
            json.writeStartObject();
            json.writeStringField("from", alert.from().label());
            json.writeStringField("level", alert.levelName());
            json.writeStringField("description", alert.descriptionName());
            json.writeNumberField("frame", alert.frame());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeArrayFieldStart("certificates");
        for (CertificateEntry entry : handshake.certificates()) {
            writeCertificate(json, entry, decoded.computeIfAbsent(entry.derValue(), Identity::of));
        }
        json.writeEndArray();
        json.writeArrayFieldStart("notes");
        for (Note note : handshake.notes()) json.writeString(wording.text(note));
        json.writeEndArray();
        if (handshake.decryption().isPresent()) writeDecryption(json, handshake);
        if (verdicts.isPresent()) writeVerdicts(json, verdicts.get());
        json.writeEndObject();
    }

    private static void writeCertificate(JsonGenerator json, CertificateEntry entry, Identity identity)
            throws IOException {
        json.writeStartObject();
        json.writeStringField("role", entry.role().label());
        json.writeNumberField("position", entry.position());
        writeIdentity(json, identity);
        json.writeNumberField("frame", entry.frame());
        writeParseError(json, identity.details());
        if (entry.stapledOcsp().isPresent()) {
            json.writeStringField("stapledOcsp", Base64.getEncoder().encodeToString(entry.stapledOcsp().get().toByteArray()));
        }
        if (entry.signedCertificateTimestamps().isPresent()) {
            json.writeStringField("signedCertificateTimestamps",
                    Base64.getEncoder().encodeToString(entry.signedCertificateTimestamps().get().toByteArray()));
        }
        json.writeEndObject();
    }

    /** How the encrypted part was read: where the keys came from, and whether the certificates are decrypted ones. */
    private static void writeDecryption(JsonGenerator json, Handshake handshake) throws IOException {
        Decryption decryption = handshake.decryption().get();
        json.writeObjectFieldStart("decryption");
        writeOptional(json, "quic", decryption.quicVersion());
        writeOptional(json, "keySource", decryption.keySource());
        json.writeBooleanField("certificatesDecrypted", handshake.certificatesDecrypted());
        json.writeArrayFieldStart("offeredAlpn");
        for (String protocol : decryption.offeredAlpn()) json.writeString(protocol);
        json.writeEndArray();
        writeOptional(json, "alpn", decryption.selectedAlpn());
        json.writeEndObject();
    }

    /** A certificate's identifying fields as written: its dates formatted once, however many handshakes carry it. */
    private record Identity(CertificateDetails details, Optional<String> notBefore, Optional<String> notAfter) {
        static Identity of(CertificateDetails details) {
            return new Identity(details, details.notBefore().map(Instants::iso), details.notAfter().map(Instants::iso));
        }

        static Identity of(Der der) {
            return of(CertificateDetails.decode(der.toByteArray()));
        }
    }

    /** The fields that say which certificate it is: sha256, subject, issuer, serial, notBefore, notAfter. */
    static void writeIdentity(JsonGenerator json, CertificateDetails details) throws IOException {
        writeIdentity(json, Identity.of(details));
    }

    private static void writeIdentity(JsonGenerator json, Identity identity) throws IOException {
        CertificateDetails details = identity.details();
        json.writeStringField("sha256", details.sha256());
        json.writeStringField("subject", details.subject());
        json.writeStringField("issuer", details.issuer());
        json.writeStringField("serial", details.serial());
        writeOptional(json, "notBefore", identity.notBefore());
        writeOptional(json, "notAfter", identity.notAfter());
    }

    /** {@code parseError}, and {@code entriesCut} ({@code {"extension", "entries", "kept"}}), only when there is one. */
    static void writeParseError(JsonGenerator json, CertificateDetails details) throws IOException {
        if (details.parseError().isPresent()) json.writeStringField("parseError", details.parseError().get());
        if (details.entriesCut().isPresent()) {
            EntriesCut cut = details.entriesCut().get();
            json.writeObjectFieldStart("entriesCut");
            json.writeStringField("extension", cut.extension());
            json.writeNumberField("entries", cut.entries());
            json.writeNumberField("kept", cut.kept());
            json.writeEndObject();
        }
    }

    private static void writeEvidence(JsonGenerator json, Evidence e, Map<Der, Identity> decoded) throws IOException {
        EvidenceContent content = EvidenceContent.decode(e);
        json.writeStartObject();
        json.writeStringField("kind", e.kind().id());
        json.writeStringField("carrier", e.carrier().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        json.writeNumberField("frame", e.frame());
        json.writeStringField("time", Instants.iso(e.time()));
        json.writeStringField("transport", e.transport().label());
        json.writeStringField("client", e.client().toString());
        json.writeStringField("server", e.server().toString());
        json.writeNumberField("connectionFrame", e.connectionFrame());
        writeOptional(json, "url", e.url());
        writeOptional(json, "contentType", e.contentType());
        writeOptional(json, "sni", e.sni());
        json.writeStringField("sha256", content.sha256());
        json.writeNumberField("length", e.content().length());
        json.writeArrayFieldStart("certificates");
        for (byte[] der : content.certificates()) {
            Identity identity = decoded.computeIfAbsent(Der.copyOf(der), Identity::of);
            json.writeStartObject();
            writeIdentity(json, identity);
            writeParseError(json, identity.details());
            json.writeEndObject();
        }
        json.writeEndArray();
        if (content.ocsp().isPresent()) {
            EvidenceContent.Ocsp ocsp = content.ocsp().get();
            json.writeObjectFieldStart("ocsp");
            writeOptional(json, "status", ocsp.status());
            writeOptional(json, "producedAt", ocsp.producedAt().map(Instants::iso));
            writeOptional(json, "responder", ocsp.responder());
            json.writeArrayFieldStart("certificates");
            for (EvidenceContent.Answer a : ocsp.answers()) {
                json.writeStartObject();
                json.writeStringField("serial", a.serial());
                json.writeStringField("hashAlgorithm", a.hashAlgorithm());
                json.writeStringField("issuerNameHash", a.issuerNameHash());
                json.writeStringField("issuerKeyHash", a.issuerKeyHash());
                json.writeStringField("status", a.status());
                writeOptional(json, "revokedAt", a.revokedAt().map(Instants::iso));
                writeOptional(json, "reason", a.reason());
                writeOptional(json, "thisUpdate", a.thisUpdate().map(Instants::iso));
                writeOptional(json, "nextUpdate", a.nextUpdate().map(Instants::iso));
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        } else {
            json.writeNullField("ocsp");
        }
        if (content.crl().isPresent()) {
            EvidenceContent.Crl crl = content.crl().get();
            json.writeObjectFieldStart("crl");
            json.writeStringField("issuer", crl.issuer());
            json.writeStringField("thisUpdate", Instants.iso(crl.thisUpdate()));
            writeOptional(json, "nextUpdate", crl.nextUpdate().map(Instants::iso));
            json.writeNumberField("revoked", crl.revoked());
            json.writeEndObject();
        } else {
            json.writeNullField("crl");
        }
        if (content.parseError().isPresent()) json.writeStringField("parseError", content.parseError().get());
        json.writeEndObject();
    }

    private static void writeProblem(JsonGenerator json, Problem problem, Wording wording) throws IOException {
        json.writeStartObject();
        json.writeNumberField("frame", problem.frame());
        json.writeNumberField("offset", problem.offset());
        json.writeStringField("message", wording.text(problem));
        json.writeEndObject();
    }

    static void writeOptional(JsonGenerator json, String field, Optional<String> value) throws IOException {
        if (value.isPresent()) json.writeStringField(field, value.get());
        else json.writeNullField(field);
    }
}
