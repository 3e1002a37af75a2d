package capcert.x509;

import org.bouncycastle.asn1.ASN1BitString;
import org.bouncycastle.asn1.ASN1Boolean;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Enumerated;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.ASN1UTCTime;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;

import java.io.IOException;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A CRL read with Bouncy Castle's ASN.1 parser. Flaws in the fields RFC 5280 §5.1 fixes (version,
 * time encodings, a missing nextUpdate) are {@link #malformation()}: such a CRL is set aside.
 * What decides whether a well-formed CRL can vouch for a certificate (signature, scope,
 * extensions) is left to revocation checking, which reads it from here.
 */
public final class ParsedCrl {

    /** CRL extensions revocation checking processes; a critical one outside these makes the CRL unusable. */
    public static final Set<String> PROCESSED_EXTENSIONS = Set.of(Extension.cRLNumber.getId(),
            Extension.deltaCRLIndicator.getId(), Extension.issuingDistributionPoint.getId(),
            Extension.authorityKeyIdentifier.getId(), Extension.freshestCRL.getId(), Extension.issuerAlternativeName.getId(),
            Extension.authorityInfoAccess.getId());
    /** Entry extensions revocation checking processes. */
    public static final Set<String> PROCESSED_ENTRY_EXTENSIONS = Set.of(Extension.reasonCode.getId(),
            Extension.invalidityDate.getId(), Extension.certificateIssuer.getId(), Extension.instructionCode.getId());

    /** removeFromCRL: in a delta CRL, the certificate is no longer on hold. */
    public static final int REMOVE_FROM_CRL = 8;
    public static final int UNSPECIFIED = 0;

    /**
     * One revoked certificate.
     *
     * @param issuer                the certificate's issuer: the CRL's own, or the last certificateIssuer entry extension (indirect CRLs)
     * @param reason                RFC 5280 CRLReason code, {@link #UNSPECIFIED} without the extension
     * @param unknownCriticalExtension an entry extension marked critical that is not processed, if any
     */
    public record Entry(BigInteger serial, DistinguishedName issuer, Instant revocationDate, int reason,
                        Optional<String> unknownCriticalExtension) {
    }

    private final byte[] der;
    private final String sha256;
    private final byte[] tbs;
    private final AlgorithmIdentifier signatureAlgorithm;
    private final byte[] signature;
    private final DistinguishedName issuer;
    private final Instant thisUpdate;
    private final Optional<Instant> nextUpdate;
    private final List<ParsedCertificate.Ext> extensions;
    private final Map<String, ParsedCertificate.Ext> byOid;
    private final Optional<BigInteger> crlNumber;
    private final Optional<BigInteger> baseCrlNumber;
    private final Optional<IssuingDistributionPoint> issuingDistributionPoint;
    private final Optional<byte[]> authorityKeyId;
    private final Map<String, Entry> entries;
    private final List<String> duplicateEntries;
    private final Optional<String> malformation;
    private final Optional<String> extensionProblem;

    private ParsedCrl(byte[] der, String sha256, byte[] tbs, AlgorithmIdentifier signatureAlgorithm, byte[] signature,
                      DistinguishedName issuer, Instant thisUpdate, Optional<Instant> nextUpdate,
                      List<ParsedCertificate.Ext> extensions, Map<String, ParsedCertificate.Ext> byOid,
                      Optional<BigInteger> crlNumber, Optional<BigInteger> baseCrlNumber,
                      Optional<IssuingDistributionPoint> idp, Optional<byte[]> authorityKeyId, Map<String, Entry> entries,
                      List<String> duplicateEntries, Optional<String> malformation, Optional<String> extensionProblem) {
        this.der = der;
        this.sha256 = sha256;
        this.tbs = tbs;
        this.signatureAlgorithm = signatureAlgorithm;
        this.signature = signature;
        this.issuer = issuer;
        this.thisUpdate = thisUpdate;
        this.nextUpdate = nextUpdate;
        this.extensions = List.copyOf(extensions);
        this.byOid = Map.copyOf(byOid);
        this.crlNumber = crlNumber;
        this.baseCrlNumber = baseCrlNumber;
        this.issuingDistributionPoint = idp;
        this.authorityKeyId = authorityKeyId;
        this.entries = Map.copyOf(entries);
        this.duplicateEntries = List.copyOf(duplicateEntries);
        this.malformation = malformation;
        this.extensionProblem = extensionProblem;
    }

    /**
     * Reads {@code der}.
     *
     * @throws ParsedCertificate.NotACertificate when the bytes are not a CRL's outline at all
     */
    public static ParsedCrl parse(byte[] der) throws ParsedCertificate.NotACertificate {
        Optional<String> outOfBounds = BerBounds.exceeded(der);
        if (outOfBounds.isPresent()) throw new ParsedCertificate.NotACertificate("not a CRL: not decoded: " + outOfBounds.get());
        try {
            return read(der.clone());
        } catch (IOException | RuntimeException e) {
            throw new ParsedCertificate.NotACertificate("not a CRL: " + Text.oneLine(e));
        } catch (Error e) {
            throw new ParsedCertificate.NotACertificate("not a CRL: " + DecoderFailure.describe(e));
        }
    }

    private static ParsedCrl read(byte[] der) throws IOException {
        ASN1Primitive outer;
        try (ASN1InputStream in = new ASN1InputStream(der)) {
            outer = in.readObject();
        }
        ASN1Sequence list = ASN1Sequence.getInstance(outer);
        if (list.size() != 3) throw new IOException("expected a SEQUENCE of the signed part, the algorithm and the signature");
        ASN1Sequence t = ASN1Sequence.getInstance(list.getObjectAt(0));
        byte[] tbs = t.getEncoded(ASN1Encoding.DER);
        AlgorithmIdentifier signatureAlgorithm = AlgorithmIdentifier.getInstance(list.getObjectAt(1));
        byte[] signature = ASN1BitString.getInstance(list.getObjectAt(2)).getBytes();
        List<String> problems = new ArrayList<>();
        int i = 0;
        if (t.getObjectAt(0) instanceof ASN1Integer version) {
            if (!version.hasValue(1)) problems.add("its version is " + version.getValue() + ", where only v2 (1) may be written");
            i++;
        }
        AlgorithmIdentifier inner = AlgorithmIdentifier.getInstance(t.getObjectAt(i++));
        if (!inner.equals(signatureAlgorithm)) problems.add("its two signature algorithms differ");
        DistinguishedName issuer = DistinguishedName.of(X500Name.getInstance(t.getObjectAt(i++)));
        ASN1Encodable thisField = t.getObjectAt(i++);
        Instant thisUpdate = time(thisField, "thisUpdate", problems);
        Optional<Instant> nextUpdate = Optional.empty();
        if (i < t.size() && isTime(t.getObjectAt(i))) nextUpdate = Optional.of(time(t.getObjectAt(i++), "nextUpdate", problems));
        else problems.add("it has no nextUpdate");
        ASN1Sequence revoked = null;
        if (i < t.size() && t.getObjectAt(i) instanceof ASN1Sequence s) {
            revoked = s;
            i++;
        }
        List<ParsedCertificate.Ext> extensions = new ArrayList<>();
        Map<String, ParsedCertificate.Ext> byOid = new HashMap<>();
        if (i < t.size()) {
            ASN1TaggedObject tagged = ASN1TaggedObject.getInstance(t.getObjectAt(i));
            if (tagged.getTagNo() != 0) throw new IOException("unexpected field [" + tagged.getTagNo() + "]");
            for (ParsedCertificate.Ext e : extensions(ASN1Sequence.getInstance(tagged.getExplicitBaseObject()))) {
                if (byOid.putIfAbsent(e.oid(), e) != null) problems.add("it has two " + ExtensionNames.name(e.oid()) + " extensions");
                extensions.add(e);
            }
        }
        Optional<String> extensionProblem = Optional.empty();
        Optional<BigInteger> crlNumber = Optional.empty();
        Optional<BigInteger> baseCrlNumber = Optional.empty();
        Optional<IssuingDistributionPoint> idp = Optional.empty();
        Optional<byte[]> aki = Optional.empty();
        try {
            crlNumber = value(byOid, Extension.cRLNumber).map(v -> ASN1Integer.getInstance(v).getValue());
            baseCrlNumber = value(byOid, Extension.deltaCRLIndicator).map(v -> ASN1Integer.getInstance(v).getValue());
            idp = value(byOid, Extension.issuingDistributionPoint).map(IssuingDistributionPoint::getInstance);
            aki = value(byOid, Extension.authorityKeyIdentifier)
                    .map(v -> AuthorityKeyIdentifier.getInstance(v).getKeyIdentifierOctets());
        } catch (IOException | RuntimeException e) {
            extensionProblem = Optional.of("an extension does not decode (" + Text.oneLine(e) + ")");
        }
        Map<String, Entry> entries = new HashMap<>();
        List<String> duplicates = new ArrayList<>();
        if (revoked != null) {
            DistinguishedName current = issuer;
            for (ASN1Encodable element : revoked) {
                ASN1Sequence entry = ASN1Sequence.getInstance(element);
                BigInteger serial = ASN1Integer.getInstance(entry.getObjectAt(0)).getValue();
                Instant date = time(entry.getObjectAt(1), "revocationDate", problems);
                int reason = UNSPECIFIED;
                Optional<String> unknownCritical = Optional.empty();
                if (entry.size() > 2) {
                    for (ParsedCertificate.Ext e : extensions(ASN1Sequence.getInstance(entry.getObjectAt(2)))) {
                        ASN1Primitive v = ASN1Primitive.fromByteArray(e.value());
                        if (e.oid().equals(Extension.reasonCode.getId())) {
                            reason = ASN1Enumerated.getInstance(v).intValueExact();
                        } else if (e.oid().equals(Extension.certificateIssuer.getId())) {
                            current = certificateIssuer(GeneralNames.getInstance(v)).orElse(current);
                        } else if (e.critical() && !PROCESSED_ENTRY_EXTENSIONS.contains(e.oid())) {
                            unknownCritical = Optional.of(e.oid());
                        }
                    }
                }
                String key = key(current, serial);
                if (entries.putIfAbsent(key, new Entry(serial, current, date, reason, unknownCritical)) != null) {
                    duplicates.add(serial.toString(16));
                }
            }
        }
        return new ParsedCrl(der, sha256(der), tbs, signatureAlgorithm, signature, issuer, thisUpdate, nextUpdate,
                extensions, byOid, crlNumber, baseCrlNumber, idp, aki, entries, duplicates,
                problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", new LinkedHashSet<>(problems))),
                extensionProblem);
    }

    private static Optional<DistinguishedName> certificateIssuer(GeneralNames names) {
        for (GeneralName name : names.getNames()) {
            if (name.getTagNo() == GeneralName.directoryName) return Optional.of(DistinguishedName.of(name.getName()));
        }
        return Optional.empty();
    }

    private static Optional<ASN1Primitive> value(Map<String, ParsedCertificate.Ext> byOid, ASN1ObjectIdentifier oid)
            throws IOException {
        ParsedCertificate.Ext e = byOid.get(oid.getId());
        return e == null ? Optional.empty() : Optional.of(ASN1Primitive.fromByteArray(e.value()));
    }

    private static List<ParsedCertificate.Ext> extensions(ASN1Sequence all) {
        List<ParsedCertificate.Ext> out = new ArrayList<>();
        for (ASN1Encodable element : all) {
            ASN1Sequence e = ASN1Sequence.getInstance(element);
            String oid = ASN1ObjectIdentifier.getInstance(e.getObjectAt(0)).getId();
            boolean critical = e.size() == 3 && ASN1Boolean.getInstance(e.getObjectAt(1)).isTrue();
            out.add(new ParsedCertificate.Ext(oid, critical, ASN1OctetString.getInstance(e.getObjectAt(e.size() - 1)).getOctets()));
        }
        return out;
    }

    private static boolean isTime(ASN1Encodable value) {
        return value instanceof ASN1UTCTime || value instanceof ASN1GeneralizedTime;
    }

    /** RFC 5280 §5.1.2.4: UTCTime for dates through 2049, GeneralizedTime from 2050. */
    private static Instant time(ASN1Encodable value, String field, List<String> problems) {
        Instant instant = Asn1Time.of(value);
        int year = instant.atZone(ZoneOffset.UTC).getYear();
        if (value instanceof ASN1GeneralizedTime && year < 2050) problems.add("its " + field + " is a GeneralizedTime before 2050");
        if (value instanceof ASN1UTCTime && year >= 2050) problems.add("its " + field + " is a UTCTime from 2050 on");
        return instant;
    }

    private static String key(DistinguishedName issuer, BigInteger serial) {
        return serial.toString(16) + "/" + issuer.hashCode() + "/" + issuer;
    }

    private static String sha256(byte[] der) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    public byte[] der() {
        return der.clone();
    }

    public String sha256() {
        return sha256;
    }

    public byte[] tbs() {
        return tbs.clone();
    }

    public AlgorithmIdentifier signatureAlgorithm() {
        return signatureAlgorithm;
    }

    public byte[] signature() {
        return signature.clone();
    }

    public DistinguishedName issuer() {
        return issuer;
    }

    public Instant thisUpdate() {
        return thisUpdate;
    }

    public Optional<Instant> nextUpdate() {
        return nextUpdate;
    }

    public List<ParsedCertificate.Ext> extensions() {
        return extensions;
    }

    public Optional<ParsedCertificate.Ext> extension(String oid) {
        return Optional.ofNullable(byOid.get(oid));
    }

    public boolean critical(String oid) {
        return extension(oid).map(ParsedCertificate.Ext::critical).orElse(false);
    }

    public Optional<BigInteger> crlNumber() {
        return crlNumber;
    }

    /** For a delta CRL: the number of the complete CRL it updates. */
    public Optional<BigInteger> baseCrlNumber() {
        return baseCrlNumber;
    }

    public boolean isDelta() {
        return byOid.containsKey(Extension.deltaCRLIndicator.getId());
    }

    public Optional<IssuingDistributionPoint> issuingDistributionPoint() {
        return issuingDistributionPoint;
    }

    public Optional<byte[]> authorityKeyId() {
        return authorityKeyId.map(byte[]::clone);
    }

    /** The entry for the certificate {@code serial} of {@code certificateIssuer}. */
    public Optional<Entry> entry(DistinguishedName certificateIssuer, BigInteger serial) {
        return Optional.ofNullable(entries.get(key(certificateIssuer, serial)));
    }

    public int size() {
        return entries.size();
    }

    /** Serial numbers (hex) listed twice for one issuer. */
    public List<String> duplicateEntries() {
        return duplicateEntries;
    }

    /** Why the CRL breaks RFC 5280's field syntax, if it does: such a CRL is set aside. */
    public Optional<String> malformation() {
        return malformation;
    }

    /** A processed extension whose value does not decode. */
    public Optional<String> extensionProblem() {
        return extensionProblem;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParsedCrl other && Arrays.equals(der, other.der);
    }

    @Override
    public int hashCode() {
        return sha256.hashCode();
    }
}
