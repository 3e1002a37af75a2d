package capcert.export;

import capcert.x509.CertificateContents;
import capcert.x509.CertificateDetails;
import capcert.x509.EntriesCut;
import capcert.x509.ExtendedKeyUsage;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The one certificate object of every JSON document capcert writes ({@code list --json},
 * {@code check --json}, {@code check-cert --json}, {@code export}'s and the report zip's
 * {@code index.json}); {@code docs/schema/certificate.schema.json} describes it:
 *
 * <pre>{@code
 * "sha256", "sha1", "subject", "issuer", "serial", "notBefore", "notAfter", "commonName",
 * "subjectAltNames": ["DNS:…"], "keyAlgorithm": "RSA", "keySize": 2048, "curve": null,
 * "signatureAlgorithm": "SHA256WITHRSA", "keyUsage": ["digitalSignature"] | null,
 * "extendedKeyUsage": [{"oid": "1.3.6.1.5.5.7.3.1", "name": "TLS Web Server Authentication"}] | null,
 * "basicConstraints": {"ca": false, "pathLength": null} | null,
 * "subjectKeyIdentifier", "authorityKeyIdentifier", "ocspResponders": [], "caIssuers": [],
 * "crlDistributionPoints": [], "parseError" (only when set),
 * "entriesCut": {"extension": "subjectAltName", "entries": 40000, "kept": 10000} (only when an extension was cut)
 * }</pre>
 *
 * Each document adds its own context around these fields (where the certificate was sent, which
 * files hold it).
 */
public final class CertificateJson {

    /** A certificate decoded for the schema; make it once per distinct DER. */
    public record Decoded(CertificateDetails details, CertificateContents contents) {
        public static Decoded of(byte[] der) {
            return new Decoded(CertificateDetails.decode(der), CertificateContents.decode(der));
        }
    }

    private CertificateJson() {
    }

    /** The schema's fields, into the object being written. */
    public static void writeFields(JsonGenerator json, Decoded certificate) throws IOException {
        CertificateDetails d = certificate.details();
        CertificateContents c = certificate.contents();
        json.writeStringField("sha256", d.sha256());
        json.writeStringField("sha1", d.sha1());
        json.writeStringField("subject", d.subject());
        json.writeStringField("issuer", d.issuer());
        json.writeStringField("serial", d.serial());
        writeInstant(json, "notBefore", d.notBefore());
        writeInstant(json, "notAfter", d.notAfter());
        json.writeStringField("commonName", d.commonName());
        writeStrings(json, "subjectAltNames", d.subjectAltNames());
        writeOptional(json, "keyAlgorithm", c.keyAlgorithm());
        if (c.keySize().isPresent()) json.writeNumberField("keySize", c.keySize().getAsInt());
        else json.writeNullField("keySize");
        writeOptional(json, "curve", c.curve());
        writeOptional(json, "signatureAlgorithm", c.signatureAlgorithm());
        if (c.keyUsage().isPresent()) writeStrings(json, "keyUsage", c.keyUsage().get());
        else json.writeNullField("keyUsage");
        if (c.extendedKeyUsage().isPresent()) {
            json.writeArrayFieldStart("extendedKeyUsage");
            for (String oid : c.extendedKeyUsage().get()) {
                json.writeStartObject();
                json.writeStringField("oid", oid);
                writeOptional(json, "name", ExtendedKeyUsage.label(oid));
                json.writeEndObject();
            }
            json.writeEndArray();
        } else {
            json.writeNullField("extendedKeyUsage");
        }
        if (c.basicConstraints().isPresent()) {
            CertificateContents.Constraints bc = c.basicConstraints().get();
            json.writeObjectFieldStart("basicConstraints");
            json.writeBooleanField("ca", bc.ca());
            if (bc.pathLength().isPresent()) json.writeNumberField("pathLength", bc.pathLength().getAsInt());
            else json.writeNullField("pathLength");
            json.writeEndObject();
        } else {
            json.writeNullField("basicConstraints");
        }
        writeOptional(json, "subjectKeyIdentifier", c.subjectKeyIdentifier());
        writeOptional(json, "authorityKeyIdentifier", c.authorityKeyIdentifier());
        writeStrings(json, "ocspResponders", c.ocspResponders());
        writeStrings(json, "caIssuers", c.caIssuers());
        writeStrings(json, "crlDistributionPoints", c.crlDistributionPoints());
        if (d.parseError().isPresent()) json.writeStringField("parseError", d.parseError().get());
        if (d.entriesCut().isPresent()) {
            EntriesCut cut = d.entriesCut().get();
            json.writeObjectFieldStart("entriesCut");
            json.writeStringField("extension", cut.extension());
            json.writeNumberField("entries", cut.entries());
            json.writeNumberField("kept", cut.kept());
            json.writeEndObject();
        }
    }

    private static void writeStrings(JsonGenerator json, String field, List<String> values) throws IOException {
        json.writeArrayFieldStart(field);
        for (String value : values) json.writeString(value);
        json.writeEndArray();
    }

    private static void writeOptional(JsonGenerator json, String field, Optional<String> value) throws IOException {
        if (value.isPresent()) json.writeStringField(field, value.get());
        else json.writeNullField(field);
    }

    private static void writeInstant(JsonGenerator json, String field, Optional<Instant> value) throws IOException {
        if (value.isPresent()) json.writeStringField(field, value.get().toString());
        else json.writeNullField(field);
    }
}
