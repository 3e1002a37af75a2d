package capcert.export;

import capcert.tls.CaptureResult;
import capcert.tls.CertificateEntry;
import capcert.tls.Der;
import capcert.tls.Handshake;
import capcert.x509.CertificateContents;
import capcert.x509.CertificateDetails;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an export writes, named before anything touches the disk. Contents are made only as each
 * file is written: a large capture has tens of thousands of chain bundles and an index of
 * megabytes, and holding them all at once would make memory grow with the capture.
 */
final class ExportPlan {

    static final String INDEX = "index.json";
    static final String CHAINS = "chains";

    /** Writes one file's bytes. */
    @FunctionalInterface
    interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** A file to write; {@code path} is relative to the output directory, {@code /} separated. */
    record File(String path, Content content) {
    }

    private record Sighting(CaptureResult capture, Handshake handshake, CertificateEntry entry) {
    }

    private record Chain(String file, CaptureResult capture, Handshake handshake, List<CertificateEntry> entries) {
    }

    private static final class Certificate {
        final byte[] der;
        final CertificateDetails details;
        final List<Sighting> seen = new ArrayList<>();
        final List<String> files = new ArrayList<>();
        /** Made once: a busy server's certificate is in thousands of chain bundles. */
        private byte[] pem;

        Certificate(Der der) {
            this.der = der.toByteArray();
            this.details = CertificateDetails.decode(this.der);
        }

        byte[] pem() {
            if (pem == null) pem = CertificateFiles.pem(der).getBytes(StandardCharsets.US_ASCII);
            return pem;
        }
    }

    private final Map<Der, Certificate> certificates = new LinkedHashMap<>();
    private final List<Chain> chains = new ArrayList<>();
    private final List<File> files = new ArrayList<>();
    private EvidenceFiles evidence;

    private ExportPlan() {
    }

    static ExportPlan of(List<CaptureResult> captures, Set<CertificateFormat> formats) {
        ExportPlan plan = new ExportPlan();
        for (CaptureResult capture : captures) {
            for (Handshake handshake : capture.handshakes()) {
                for (CertificateEntry entry : handshake.certificates()) {
                    // One entry per distinct DER, in order of first sighting.
                    plan.certificates.computeIfAbsent(entry.derValue(), Certificate::new)
                            .seen.add(new Sighting(capture, handshake, entry));
                }
            }
        }
        Map<Der, CertificateDetails> details = new LinkedHashMap<>();
        plan.certificates.forEach((key, c) -> details.put(key, c.details));
        Map<Der, String> names = fileNames(details);
        for (Map.Entry<Der, Certificate> e : plan.certificates.entrySet()) {
            Certificate certificate = e.getValue();
            for (CertificateFormat format : formats) {
                String path = names.get(e.getKey()) + "." + format.extension();
                certificate.files.add(path);
                plan.files.add(new File(path, out -> out.write(CertificateFiles.encode(format, certificate.der))));
            }
        }
        plan.planChains(captures, names);
        plan.evidence = EvidenceFiles.plan(captures, formats);
        plan.files.addAll(plan.evidence.files());
        // Last, so that an index on disk means every file it lists was written before it.
        plan.files.add(new File(INDEX, plan::writeIndex));
        return plan;
    }

    List<File> files() {
        return List.copyOf(files);
    }

    int certificateCount() {
        return certificates.size();
    }

    int chainCount() {
        return chains.size();
    }

    int evidenceFileCount() {
        return evidence.files().size();
    }

    /**
     * The short fingerprint is enough in practice, but a capture is untrusted input and 64 bits can
     * be made to collide; certificates that would share a name all get the full SHA-256 instead.
     */
    static <K> Map<K, String> fileNames(Map<K, CertificateDetails> certificates) {
        Map<String, Integer> uses = new HashMap<>();
        certificates.values().forEach(d -> uses.merge(SafeNames.collisionKey(shortName(d)), 1, Integer::sum));
        Map<K, String> names = new HashMap<>();
        certificates.forEach((key, d) -> names.put(key, uses.get(SafeNames.collisionKey(shortName(d))) == 1
                ? shortName(d)
                : SafeNames.certificateFullHash(d.sha256(), d.commonName())));
        return names;
    }

    private static String shortName(CertificateDetails details) {
        return SafeNames.certificate(details.sha256(), details.commonName());
    }

    private void planChains(List<CaptureResult> captures, Map<Der, String> names) {
        Set<String> stems = new HashSet<>();
        Set<String> taken = new HashSet<>();
        for (CaptureResult capture : captures) {
            String stem = unique(stem(capture), "", stems);
            for (Handshake handshake : capture.handshakes()) {
                for (List<CertificateEntry> message : handshake.certificateMessages()) {
                    CertificateEntry leaf = message.get(0);
                    String base = CHAINS + "/" + stem + "_" + leaf.frame() + "_" + leaf.role().label() + "_"
                            + names.get(leaf.derValue());
                    String file = unique(base, ".pem", taken);
                    chains.add(new Chain(file, capture, handshake, message));
                    // The bundle as CertificateFiles.pemBundle writes it, from each certificate's PEM made once.
                    files.add(new File(file, out -> {
                        for (CertificateEntry entry : message) out.write(certificates.get(entry.derValue()).pem());
                    }));
                }
            }
        }
    }

    private static String stem(CaptureResult capture) {
        Path name = capture.file().getFileName();
        String text = name == null ? "" : name.toString();
        int dot = text.lastIndexOf('.');
        String stem = SafeNames.component(dot > 0 ? text.substring(0, dot) : text);
        return stem.isEmpty() ? "capture" : stem;
    }

    private static String unique(String base, String extension, Set<String> taken) {
        String name = base + extension;
        for (int n = 2; !taken.add(SafeNames.collisionKey(name)); n++) {
            name = base + "-" + n + extension;
        }
        return name;
    }

    private void writeIndex(OutputStream stream) throws IOException {
        Writer out = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
        try (JsonGenerator json = JsonFormat.generator(out)) {
            json.writeStartObject();
            json.writeArrayFieldStart("certificates");
            for (Certificate certificate : certificates.values()) writeCertificate(json, certificate);
            json.writeEndArray();
            json.writeArrayFieldStart("chains");
            for (Chain chain : chains) writeChain(json, chain);
            json.writeEndArray();
            evidence.writeIndex(json);
            json.writeEndObject();
            json.writeRaw('\n');
        }
        out.flush();
    }

    private static void writeCertificate(JsonGenerator json, Certificate certificate) throws IOException {
        json.writeStartObject();
        CertificateJson.writeFields(json, new CertificateJson.Decoded(certificate.details, CertificateContents.decode(certificate.der)));
        json.writeArrayFieldStart("files");
        for (String file : certificate.files) json.writeString(file);
        json.writeEndArray();
        json.writeArrayFieldStart("seen");
        for (Sighting s : certificate.seen) {
            json.writeStartObject();
            writeConnection(json, s.capture(), s.handshake());
            json.writeNumberField("frame", s.entry().frame());
            json.writeStringField("role", s.entry().role().label());
            json.writeNumberField("position", s.entry().position());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private void writeChain(JsonGenerator json, Chain chain) throws IOException {
        CertificateEntry leaf = chain.entries().get(0);
        json.writeStartObject();
        json.writeStringField("file", chain.file());
        writeConnection(json, chain.capture(), chain.handshake());
        json.writeNumberField("frame", leaf.frame());
        json.writeStringField("role", leaf.role().label());
        json.writeArrayFieldStart("certificates");
        for (CertificateEntry entry : chain.entries()) {
            json.writeString(certificates.get(entry.derValue()).details.sha256());
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void writeConnection(JsonGenerator json, CaptureResult capture, Handshake handshake) throws IOException {
        json.writeStringField("capture", capture.file().toString());
        json.writeStringField("transport", handshake.transport().label());
        json.writeStringField("client", handshake.client().toString());
        json.writeStringField("server", handshake.server().toString());
        if (handshake.relay().isPresent()) json.writeStringField("relay", handshake.relay().get().toString());
        if (handshake.eap().isPresent()) JsonFormat.writeEap(json, handshake.eap().get());
        // Where a chain came from: only decrypted ones say so, so the index of clear-text captures stays as it was.
        if (handshake.certificatesDecrypted()) {
            json.writeStringField("decryptedWith", handshake.decryption().flatMap(d -> d.keySource()).orElseThrow());
        }
    }
}
