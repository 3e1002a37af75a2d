package capcert.x509;

import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.OtherName;

import javax.security.auth.x500.X500Principal;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * What a certificate says about itself, read from the bytes a peer sent.
 *
 * <p>Bytes that do not decode still yield details: the hashes identify them, {@code parseError}
 * says why they were refused, and the decoded fields are empty ({@code ""}, no dates, no names).
 * A certificate that the JDK refuses but whose structure is still readable keeps its fields and
 * the JDK's reason, because a Java TLS client would refuse it just the same.
 *
 * @param sha256          lowercase hex SHA-256 of the bytes exactly as given
 * @param sha1            lowercase hex SHA-1 of the same bytes
 * @param subject         RFC 2253 as {@link X500Principal#getName()} prints it
 * @param issuer          RFC 2253 as {@link X500Principal#getName()} prints it
 * @param serial          serial number in lowercase hex ({@code -} prefixed when negative)
 * @param commonName      the first CN of the subject as RFC 2253 prints it, {@code ""} when none
 * @param subjectAltNames {@code DNS:}, {@code IP:}, {@code email:}, {@code URI:}, ... entries in order, at
 *                        most {@link EntriesCut#MAX_ENTRIES}
 * @param entriesCut      an extension with more entries than are read, when there is one
 */
public record CertificateDetails(
        String sha256,
        String sha1,
        String subject,
        String issuer,
        String serial,
        Optional<Instant> notBefore,
        Optional<Instant> notAfter,
        String commonName,
        List<String> subjectAltNames,
        Optional<String> parseError,
        Optional<EntriesCut> entriesCut) {

    private static final HexFormat HEX = HexFormat.of();
    private static final byte SEQUENCE = 0x30;

    public CertificateDetails {
        subjectAltNames = List.copyOf(subjectAltNames);
    }

    public static CertificateDetails decode(byte[] der) {
        String sha256 = digest("SHA-256", der);
        String sha1 = digest("SHA-1", der);
        Optional<String> outOfBounds = BerBounds.exceeded(der);
        if (outOfBounds.isPresent()) return undecoded(sha256, sha1, "not decoded: " + outOfBounds.get());
        try (ASN1InputStream in = new ASN1InputStream(der)) {
            ASN1Primitive first = in.readObject();
            if (first == null) throw new IOException("no data");
            Certificate cert = Certificate.getInstance(first);
            Extensions extensions = cert.getTBSCertificate().getExtensions();
            List<String> sans = subjectAltNames(extensions);
            Optional<EntriesCut> cut = EntriesCut.find(extensions, sans.size());
            // A certificate past the caps is not given to the JDK, whose reading of it would take a gigabyte.
            Optional<String> refusal = cut.isPresent() ? Optional.empty() : jdkRefusal(der);
            // The JDK reads one certificate and ignores what follows; OpenSSL refuses such an entry.
            int trailing = in.available();
            if (refusal.isEmpty() && trailing > 0) {
                refusal = Optional.of(trailing + " trailing byte" + (trailing == 1 ? "" : "s") + " after the certificate");
            }
            return new CertificateDetails(sha256, sha1,
                    rfc2253(cert.getSubject()),
                    rfc2253(cert.getIssuer()),
                    cert.getSerialNumber().getValue().toString(16),
                    Optional.of(Asn1Time.of(cert.getStartDate().toASN1Primitive())),
                    Optional.of(Asn1Time.of(cert.getEndDate().toASN1Primitive())),
                    firstCommonName(cert.getSubject()),
                    sans,
                    refusal,
                    cut);
        } catch (IOException | RuntimeException e) {
            return undecoded(sha256, sha1, jdkRefusal(der).orElseGet(() -> oneLine(e)));
        } catch (Error e) {
            return undecoded(sha256, sha1, DecoderFailure.describe(e));
        }
    }

    private static CertificateDetails undecoded(String sha256, String sha1, String why) {
        return new CertificateDetails(sha256, sha1, "", "", "", Optional.empty(), Optional.empty(), "",
                List.of(), Optional.of(why), Optional.empty());
    }

    private static Optional<String> jdkRefusal(byte[] der) {
        try {
            CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
            return Optional.empty();
        } catch (CertificateException | RuntimeException e) {
            return Optional.of(oneLine(e));
        } catch (Error e) {
            return Optional.of(DecoderFailure.describe(e));
        }
    }

    private static String rfc2253(X500Name name) throws IOException {
        return new X500Principal(name.getEncoded()).getName();
    }

    /** RFC 2253 prints the last RDN first, so "first" as a reader sees it is the last encoded. */
    private static String firstCommonName(X500Name subject) {
        RDN[] rdns = subject.getRDNs();
        for (int i = rdns.length - 1; i >= 0; i--) {
            for (AttributeTypeAndValue atv : rdns[i].getTypesAndValues()) {
                if (atv.getType().equals(BCStyle.CN)) {
                    return atv.getValue() instanceof ASN1String s ? s.getString() : atv.getValue().toString();
                }
            }
        }
        return "";
    }

    /** The first {@link EntriesCut#MAX_ENTRIES} names, each decoded alone: the rest are never parsed. */
    private static List<String> subjectAltNames(Extensions extensions) throws IOException {
        Extension san = extensions == null ? null : extensions.getExtension(Extension.subjectAlternativeName);
        if (san == null) return List.of();
        byte[] value = san.getExtnValue().getOctets();
        int end = BerBounds.elementEnd(value, 0, value.length);
        if (value.length < 2 || value[0] != SEQUENCE || end < 0) throw new IOException("subjectAltName is not a DER SEQUENCE");
        List<String> out = new ArrayList<>();
        int at = BerBounds.contentStart(value, 0, end);
        while (at < end && out.size() < EntriesCut.MAX_ENTRIES) {
            int next = BerBounds.elementEnd(value, at, end);
            if (next < 0) throw new IOException("malformed subjectAltName entry at byte " + at);
            out.add(describe(GeneralName.getInstance(ASN1Primitive.fromByteArray(java.util.Arrays.copyOfRange(value, at, next)))));
            at = next;
        }
        return out;
    }

    private static String describe(GeneralName name) throws IOException {
        return switch (name.getTagNo()) {
            case GeneralName.dNSName -> "DNS:" + ((ASN1String) name.getName()).getString();
            case GeneralName.rfc822Name -> "email:" + ((ASN1String) name.getName()).getString();
            case GeneralName.uniformResourceIdentifier -> "URI:" + ((ASN1String) name.getName()).getString();
            case GeneralName.iPAddress -> "IP:" + ipAddress(((ASN1OctetString) name.getName()).getOctets());
            case GeneralName.directoryName -> "DirName:" + rfc2253(X500Name.getInstance(name.getName()));
            case GeneralName.registeredID -> "RID:" + name.getName();
            case GeneralName.otherName -> "othername:" + OtherName.getInstance(name.getName()).getTypeID();
            default -> "tag" + name.getTagNo() + ":" + name.getName();
        };
    }

    private static String ipAddress(byte[] octets) {
        if (octets.length == 4 || octets.length == 16) {
            try {
                return InetAddress.getByAddress(octets).getHostAddress();
            } catch (UnknownHostException e) {
                throw new IllegalStateException("4 and 16 bytes are always an address", e);
            }
        }
        return HEX.formatHex(octets);
    }

    private static String digest(String algorithm, byte[] data) {
        try {
            return HEX.formatHex(MessageDigest.getInstance(algorithm).digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has " + algorithm, e);
        }
    }

    /** Reasons end up in one-line reports and JSON; parser messages sometimes span lines. */
    private static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.replaceAll("[\\s\\p{Cntrl}]+", " ").strip();
    }
}
