package capcert.trust;

import capcert.x509.BerBounds;
import capcert.x509.ParsedCertificate;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The certificates in one file, whatever its format, which is told by content, not by extension:
 * PEM (any number of certificate or PKCS#7 blocks, text around them ignored), a DER certificate,
 * DER PKCS#7 ({@code .p7b}, {@code .p7c}), JKS, JCEKS or PKCS#12.
 *
 * @param entries the certificates in file order (keystores: by alias), each with its source
 */
public record CertificateFile(Path path, Format format, List<Entry> entries) {

    /** How the file holds its certificates; PKCS#7 in PEM armour (a {@code -----BEGIN PKCS7-----} bundle) is PKCS7. */
    public enum Format { PEM, DER, PKCS7, JKS, JCEKS, PKCS12 }

    /**
     * A certificate, exactly as stored, and where it was found, e.g. {@code ca-list.pem #3} or
     * {@code store.jks #2 (corp-root)}. Its bytes are a certificate's outline at least; what is
     * malformed in them is for the checks to say.
     */
    public record Entry(byte[] der, String source) {
    }

    /** Far above any real bundle ({@code cacerts} is ~200 KB); guards against reading a capture found in a directory. */
    static final long MAX_SIZE = 32L * 1024 * 1024;

    private static final Set<String> CERTIFICATE_LABELS = Set.of("CERTIFICATE", "X509 CERTIFICATE", "TRUSTED CERTIFICATE");
    private static final Set<String> PKCS7_LABELS = Set.of("PKCS7", "PKCS #7 SIGNED DATA", "CMS");
    private static final byte[] JKS_MAGIC = {(byte) 0xfe, (byte) 0xed, (byte) 0xfe, (byte) 0xed};
    private static final byte[] JCEKS_MAGIC = {(byte) 0xce, (byte) 0xce, (byte) 0xce, (byte) 0xce};

    public CertificateFile {
        entries = List.copyOf(entries);
    }

    /** The certificates' bytes, in file order. */
    public List<byte[]> ders() {
        return entries.stream().map(Entry::der).toList();
    }

    /**
     * Reads {@code path}.
     *
     * @param password for keystores; {@code null} when none was given
     * @throws CertificateFileException missing, unreadable, not a certificate file, damaged, no
     *                                  certificates in it, or a wrong keystore password
     */
    public static CertificateFile read(Path path, char[] password) throws CertificateFileException {
        return parse(path, content(path), password);
    }

    /**
     * The file's bytes, read up to the bound whatever it is: a device or a FIFO has no size to ask
     * ({@code /dev/zero} says 0 and never ends), so the bound holds on the bytes read, not the size.
     */
    static byte[] content(Path path) throws CertificateFileException {
        try {
            if (Files.isDirectory(path)) throw new CertificateFileException(path, "is a directory");
            long size = Files.size(path);
            if (size > MAX_SIZE) throw new NotACertificateFile(path, "too large for a certificate file (" + size + " bytes)");
            byte[] content;
            try (InputStream in = Files.newInputStream(path)) {
                content = in.readNBytes((int) MAX_SIZE + 1);
            }
            if (content.length > MAX_SIZE) {
                throw new NotACertificateFile(path, "too large for a certificate file (over " + MAX_SIZE + " bytes)");
            }
            return content;
        } catch (NoSuchFileException e) {
            throw new CertificateFileException(path, "no such file or directory");
        } catch (AccessDeniedException e) {
            throw new CertificateFileException(path, "permission denied");
        } catch (IOException e) {
            throw new CertificateFileException(path, "cannot read: " + e.getMessage());
        }
    }

    static CertificateFile parse(Path path, byte[] content, char[] password) throws CertificateFileException {
        if (content.length == 0) throw new NotACertificateFile(path, "empty file");
        if (startsWith(content, JKS_MAGIC)) {
            return fromStore(path, Format.JKS, KeyStores.javaKeyStore(path, content, "JKS", password));
        }
        if (startsWith(content, JCEKS_MAGIC)) {
            return fromStore(path, Format.JCEKS, KeyStores.javaKeyStore(path, content, "JCEKS", password));
        }
        if (content[0] == 0x30) {
            Optional<String> outOfBounds = BerBounds.exceeded(content);
            if (outOfBounds.isPresent()) throw new CertificateFileException(path, damagedDer(content) + ": " + outOfBounds.get());
        }
        ASN1Sequence der = derSequence(content);
        if (der != null) return fromDer(path, content, der, password);
        if (content[0] == 0x30 && binary(content)) throw new CertificateFileException(path, damagedDer(content) + " (cut short or corrupted)");
        return fromPem(path, content);
    }

    /**
     * What a DER file that does not decode was meant to be, told by the first element of its outer
     * SEQUENCE as {@link #fromDer} tells a whole one: keytool has written PKCS#12 by default since
     * Java 9, so a damaged {@code .jks} is most often a damaged PKCS#12 file.
     */
    private static String damagedDer(byte[] content) {
        int at = 1;
        int first = content.length > at ? content[at++] & 0xff : 0;
        if (first > 0x80) at += first & 0x7f;
        int tag = content.length > at ? content[at] & 0xff : -1;
        int versionAt = at + 2;
        if (tag == 0x02 && content.length > versionAt && content[at + 1] == 1 && content[versionAt] == 3) {
            return "damaged PKCS#12 keystore";
        }
        if (tag == 0x06) return "damaged PKCS#7 bundle";
        if (tag == 0x30) return "damaged DER certificate";
        return "damaged DER";
    }

    /** Control bytes other than whitespace: not a text file that happens to start with '0'. */
    private static boolean binary(byte[] content) {
        for (byte b : content) {
            if ((b >= 0 && b < 0x09) || (b > 0x0d && b < 0x20)) return true;
        }
        return false;
    }

    /** The outer SEQUENCE when the file starts with one, else null (then it may be text). */
    private static ASN1Sequence derSequence(byte[] content) {
        if (content[0] != 0x30) return null;
        try (ASN1InputStream in = new ASN1InputStream(content)) {
            return in.readObject() instanceof ASN1Sequence s && s.size() >= 2 ? s : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** A certificate, PKCS#7 ContentInfo and PKCS#12 PFX differ in the first element of their SEQUENCE. */
    private static CertificateFile fromDer(Path path, byte[] content, ASN1Sequence der, char[] password)
            throws CertificateFileException {
        ASN1Encodable first = der.getObjectAt(0);
        if (first instanceof ASN1Sequence) {
            return new CertificateFile(path, Format.DER, List.of(new Entry(certificate(path, content, der), label(path, 1))));
        }
        if (first instanceof ASN1ObjectIdentifier type) {
            return new CertificateFile(path, Format.PKCS7, numbered(path, pkcs7(path, "", type, der)));
        }
        if (first instanceof ASN1Integer version && version.hasValue(BigInteger.valueOf(3))) {
            return fromStore(path, Format.PKCS12, KeyStores.pkcs12(path, content, password));
        }
        throw new NotACertificateFile(path, "not a certificate file (DER, but not a certificate, PKCS#7 or PKCS#12)");
    }

    /** A DER certificate; a CRL or CSR has the same outer shape, and is "not a certificate" rather than damaged. */
    private static byte[] certificate(Path path, byte[] content, ASN1Sequence der) throws CertificateFileException {
        if (der.size() != 3 || !(der.getObjectAt(0) instanceof ASN1Sequence tbs) || tbs.size() < 6) {
            throw new NotACertificateFile(path, "not a certificate file (DER, but not an X.509 certificate)");
        }
        return checked(path, "", content);
    }

    /** @param where {@code ""} or a prefix such as {@code "PEM block 2: "} for messages */
    private static List<byte[]> pkcs7(Path path, String where, ASN1ObjectIdentifier type, ASN1Encodable der)
            throws CertificateFileException {
        if (!type.equals(PKCSObjectIdentifiers.signedData)) {
            throw new NotACertificateFile(path, where + "not a certificate file (PKCS#7 of type " + type.getId() + ", not signed data)");
        }
        List<X509CertificateHolder> holders;
        try {
            holders = new ArrayList<>(new CMSSignedData(ContentInfo.getInstance(der)).getCertificates().getMatches(null));
        } catch (CMSException | RuntimeException e) {
            throw new CertificateFileException(path, where + "damaged PKCS#7 bundle: " + e.getMessage());
        }
        List<byte[]> out = new ArrayList<>();
        for (X509CertificateHolder holder : holders) {
            try {
                out.add(checked(path, where, holder.getEncoded()));
            } catch (IOException e) {
                throw new CertificateFileException(path, where + "damaged PKCS#7 bundle: " + e.getMessage());
            }
        }
        return out;
    }

    private static CertificateFile fromPem(Path path, byte[] content) throws CertificateFileException {
        PemBlocks.Found found = PemBlocks.find(content);
        if (found.unterminated() > 0) throw new CertificateFileException(path, "PEM block without its -----END line");
        if (found.blocks().isEmpty()) {
            throw new NotACertificateFile(path, "not a certificate file (no PEM block, not DER, PKCS#7, JKS or PKCS#12)");
        }
        List<byte[]> certificates = new ArrayList<>();
        boolean any = false;
        boolean certificateBlocks = false;
        int number = 0;
        for (PemBlocks.Block block : found.blocks()) {
            String where = "PEM block " + ++number;
            boolean pkcs7 = PKCS7_LABELS.contains(block.label());
            if (!pkcs7 && !CERTIFICATE_LABELS.contains(block.label())) continue;
            any = true;
            certificateBlocks |= !pkcs7;
            byte[] der;
            try {
                der = block.der();
            } catch (IllegalArgumentException e) {
                throw new CertificateFileException(path, where + ": damaged (bad Base64)");
            }
            if (pkcs7) {
                ASN1Sequence seq = sequence(der);
                if (seq == null || !(seq.getObjectAt(0) instanceof ASN1ObjectIdentifier type)) {
                    throw new CertificateFileException(path, where + ": damaged PKCS#7");
                }
                certificates.addAll(pkcs7(path, where + ": ", type, seq));
            } else {
                // An OpenSSL TRUSTED CERTIFICATE is the certificate followed by its trust settings.
                certificates.add(checked(path, where + ": ", firstObject(der)));
            }
        }
        if (!any) {
            throw new NotACertificateFile(path, "no certificate in it (PEM blocks: "
                    + String.join(", ", found.blocks().stream().map(PemBlocks.Block::label).distinct().toList()) + ")");
        }
        // PKCS#7 in PEM armour is still a PKCS#7 bundle: what Expressway wants of it is its certificates as PEM.
        return new CertificateFile(path, certificateBlocks ? Format.PEM : Format.PKCS7, numbered(path, certificates));
    }

    private static ASN1Sequence sequence(byte[] der) {
        try (ASN1InputStream in = new ASN1InputStream(der)) {
            return in.readObject() instanceof ASN1Sequence s && s.size() >= 1 ? s : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static byte[] firstObject(byte[] der) {
        try (ASN1InputStream in = new ASN1InputStream(der)) {
            ASN1Primitive first = in.readObject();
            return first == null ? der : Arrays.copyOf(der, first.getEncoded().length);
        } catch (IOException | RuntimeException e) {
            return der; // the X.509 parser says what is wrong with it
        }
    }

    private static CertificateFile fromStore(Path path, Format format, List<KeyStores.Found> found)
            throws CertificateFileException {
        if (found.isEmpty()) throw new CertificateFileException(path, "empty keystore: no certificates in it");
        List<Entry> entries = new ArrayList<>();
        for (KeyStores.Found f : found) {
            String alias = f.alias() == null ? "" : " (" + f.alias() + ")";
            entries.add(new Entry(f.der(), label(path, entries.size() + 1) + alias));
        }
        return new CertificateFile(path, format, entries);
    }

    private static List<Entry> numbered(Path path, List<byte[]> certificates) throws CertificateFileException {
        if (certificates.isEmpty()) throw new CertificateFileException(path, "empty bundle: no certificates in it");
        List<Entry> entries = new ArrayList<>();
        for (byte[] c : certificates) entries.add(new Entry(c, label(path, entries.size() + 1)));
        return entries;
    }

    private static String label(Path path, int number) {
        return path + " #" + number;
    }

    /**
     * {@code der} when it is a certificate's outline (Bouncy Castle's ASN.1 reads its fields):
     * flaws the JDK refuses, such as an empty issuer or two extensions with one OID, are for the
     * checks to name, not a reason to refuse the file.
     *
     * @param where {@code ""} or a prefix such as {@code "PEM block 2: "} for messages
     */
    static byte[] checked(Path path, String where, byte[] der) throws CertificateFileException {
        try {
            ParsedCertificate.parse(der);
            return der;
        } catch (ParsedCertificate.NotACertificate e) {
            throw new CertificateFileException(path, where + "not a valid certificate: " + e.getMessage());
        }
    }

    private static boolean startsWith(byte[] content, byte[] magic) {
        return content.length >= magic.length && Arrays.equals(content, 0, magic.length, magic, 0, magic.length);
    }
}
