package capcert.export;

import capcert.tls.CaptureResult;
import capcert.tls.Der;
import capcert.tls.Evidence;
import capcert.x509.CertificateDetails;
import capcert.x509.EvidenceContent;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The evidence part of an export, in {@code evidence/}, apart from the chains: each distinct OCSP
 * request or response and CRL as carried ({@code .ocsp-request}, {@code .ocsp-response},
 * {@code .crl}, DER, or PEM text when so downloaded), each certificate it carried (the downloads
 * themselves, PKCS#7 bundles', OCSP responder certificates) as {@code .cer}/{@code .pem}, and in
 * {@code index.json} an {@code evidence} array saying where each was seen.
 */
final class EvidenceFiles {

    static final String FOLDER = "evidence";

    private record Seen(CaptureResult capture, Evidence evidence, String file, List<String> certificates) {
    }

    private final List<ExportPlan.File> files = new ArrayList<>();
    private final List<Seen> seen = new ArrayList<>();

    private EvidenceFiles() {
    }

    static EvidenceFiles plan(List<CaptureResult> captures, Set<CertificateFormat> formats) {
        EvidenceFiles plan = new EvidenceFiles();
        Map<Der, String> written = new LinkedHashMap<>();
        Map<Der, CertificateDetails> certificates = new LinkedHashMap<>();
        List<List<Der>> carried = new ArrayList<>();
        for (CaptureResult capture : captures) {
            for (Evidence e : capture.evidence()) {
                EvidenceContent content = EvidenceContent.decode(e);
                List<Der> ders = new ArrayList<>();
                for (byte[] der : content.certificates()) {
                    Der key = Der.copyOf(der);
                    certificates.computeIfAbsent(key, k -> CertificateDetails.decode(der));
                    ders.add(key);
                }
                carried.add(ders);
                String file = null;
                if (e.kind() != Evidence.Kind.CERTIFICATE && e.kind() != Evidence.Kind.PKCS7) {
                    file = written.computeIfAbsent(e.content(), der -> {
                        String path = FOLDER + "/" + content.sha256().substring(0, 16) + "." + e.kind().id();
                        plan.files.add(new ExportPlan.File(path, out -> out.write(der.toByteArray())));
                        return path;
                    });
                }
                plan.seen.add(new Seen(capture, e, file, List.of()));
            }
        }
        Map<Der, String> names = ExportPlan.fileNames(certificates);
        Map<Der, List<String>> certificateFiles = new LinkedHashMap<>();
        for (Map.Entry<Der, CertificateDetails> c : certificates.entrySet()) {
            List<String> paths = new ArrayList<>();
            byte[] der = c.getKey().toByteArray();
            for (CertificateFormat format : formats) {
                String path = FOLDER + "/" + names.get(c.getKey()) + "." + format.extension();
                paths.add(path);
                plan.files.add(new ExportPlan.File(path, out -> out.write(CertificateFiles.encode(format, der))));
            }
            certificateFiles.put(c.getKey(), paths);
        }
        for (int i = 0; i < plan.seen.size(); i++) {
            Seen s = plan.seen.get(i);
            List<String> paths = new ArrayList<>();
            for (Der der : carried.get(i)) paths.addAll(certificateFiles.get(der));
            plan.seen.set(i, new Seen(s.capture(), s.evidence(), s.file(), paths));
        }
        return plan;
    }

    List<ExportPlan.File> files() {
        return files;
    }

    /** The {@code evidence} array of the index. */
    void writeIndex(JsonGenerator json) throws IOException {
        json.writeArrayFieldStart("evidence");
        for (Seen s : seen) {
            Evidence e = s.evidence();
            json.writeStartObject();
            json.writeStringField("kind", e.kind().id());
            json.writeStringField("carrier", e.carrier().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
            json.writeStringField("capture", s.capture().file().toString());
            json.writeNumberField("frame", e.frame());
            json.writeStringField("transport", e.transport().label());
            json.writeStringField("client", e.client().toString());
            json.writeStringField("server", e.server().toString());
            if (e.url().isPresent()) json.writeStringField("url", e.url().get());
            if (e.sni().isPresent()) json.writeStringField("sni", e.sni().get());
            if (s.file() != null) json.writeStringField("file", s.file());
            json.writeArrayFieldStart("certificateFiles");
            for (String path : s.certificates()) json.writeString(path);
            json.writeEndArray();
            json.writeEndObject();
        }
        json.writeEndArray();
    }
}
