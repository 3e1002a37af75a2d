package capcert.report;

import capcert.check.Purpose;
import capcert.check.Verdict;
import capcert.export.JsonFormat;
import capcert.x509.CertificateDetails;
import capcert.x509.UsernamePattern;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What {@code check-cert} found about a certificate given as files, and its JSON document:
 *
 * <pre>{@code
 * {"purpose": "server" | "client", "at": "<instant>", "serverName": "..." | null,
 *  "certificates": [{"file": "leaf.pem", "position": 0, "sha256": "<hex>", "subject": "<RFC 2253>",
 *                    "issuer": "...", "serial": "<hex>", "notBefore": "<instant>", "notAfter": "<instant>"}],
 *  "intermediates": [ same fields ],
 *  "verdicts": [{"rule": "CH2", "severity": "FAIL", "certificate": "<sha256>" | null,
 *                "message": "...", "remedy": "..."}],
 *  "username": {"pattern": "...", "format": "...", "username": "..." | null, "problem": "..." | null}}
 * }</pre>
 *
 * {@code certificates} is the chain as presented, position 0 the certificate checked;
 * {@code intermediates} the extra ones from {@code --chain}; {@code username} is there only when a
 * pattern was given.
 *
 * @param chain         the certificate checked, then the rest of its chain as presented
 * @param intermediates extra untrusted certificates that may complete the path
 * @param at            the time validity was checked at
 */
public record ChainReport(List<Source> chain, List<Source> intermediates, Purpose purpose, Instant at,
                          Optional<String> serverName, List<Verdict> verdicts, Optional<Username> username) {

    /** A certificate and the file it was read from. */
    public record Source(Path file, byte[] der) {
    }

    /** The username a certificate-based authentication pattern extracts. */
    public record Username(String pattern, String format, UsernamePattern.Extraction extraction) {
    }

    public ChainReport {
        chain = List.copyOf(chain);
        intermediates = List.copyOf(intermediates);
        verdicts = List.copyOf(verdicts);
    }

    /** Writes the document and a final newline; leaves {@code out} open. */
    public void write(Writer out) throws IOException {
        try (JsonGenerator json = JsonFormat.generator(out)) {
            json.writeStartObject();
            json.writeStringField("purpose", purpose.name().toLowerCase(Locale.ROOT));
            json.writeStringField("at", at.toString());
            JsonReport.writeOptional(json, "serverName", serverName);
            writeCertificates(json, "certificates", chain);
            writeCertificates(json, "intermediates", intermediates);
            JsonReport.writeVerdicts(json, verdicts);
            if (username.isPresent()) writeUsername(json, username.get());
            json.writeEndObject();
            json.writeRaw('\n');
        }
    }

    private static void writeCertificates(JsonGenerator json, String field, List<Source> sources) throws IOException {
        json.writeArrayFieldStart(field);
        for (int i = 0; i < sources.size(); i++) {
            CertificateDetails details = CertificateDetails.decode(sources.get(i).der());
            json.writeStartObject();
            json.writeStringField("file", sources.get(i).file().toString());
            json.writeNumberField("position", i);
            JsonReport.writeIdentity(json, details);
            JsonReport.writeParseError(json, details);
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static void writeUsername(JsonGenerator json, Username username) throws IOException {
        json.writeObjectFieldStart("username");
        json.writeStringField("pattern", username.pattern());
        json.writeStringField("format", username.format());
        JsonReport.writeOptional(json, "username", username.extraction().username());
        JsonReport.writeOptional(json, "problem", username.extraction().problem());
        json.writeEndObject();
    }
}
