package capcert.x509;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;

import java.util.Optional;

/**
 * An extension with more entries than capcert reads (a certificate of a million SANs is 11 MB and
 * takes the JDK's parser 1.5 GB): its first {@code kept} are decoded, and the checker, which needs
 * the JDK's reading, leaves the certificate out and says so.
 *
 * @param extension the extension's name ({@code subjectAltName}) or OID
 * @param entries   the entries it holds
 * @param kept      the entries decoded: the first ones
 */
public record EntriesCut(String extension, int entries, int kept) {

    /** More names than any certificate in use carries (public CAs allow a few hundred). */
    public static final int MAX_ENTRIES = 10_000;
    /** Extensions a certificate may have; real ones have about ten. */
    public static final int MAX_EXTENSIONS = 1_000;

    private static final int SEQUENCE = 0x30;

    /** "subjectAltName holds 1000000 entries; the first 10000 are read". */
    public String describe() {
        return extension + " holds " + entries + " entries; " + (kept == 0 ? "none" : "the first " + kept) + " read";
    }

    /** Why the checks leave such a certificate out, for the checker's words. */
    public String refusal() {
        return describe() + "; a certificate with more than " + MAX_ENTRIES + " entries in an extension is left out of the checks";
    }

    /** The first extension of {@code extensions} past the caps, if any; {@code sansKept} is how many SANs were decoded. */
    static Optional<EntriesCut> find(Extensions extensions, int sansKept) {
        if (extensions == null) return Optional.empty();
        ASN1ObjectIdentifier[] oids = extensions.getExtensionOIDs();
        if (oids.length > MAX_EXTENSIONS) return Optional.of(new EntriesCut("the extension list", oids.length, 0));
        for (ASN1ObjectIdentifier oid : oids) {
            int entries = entries(extensions.getExtension(oid).getExtnValue().getOctets());
            if (entries > MAX_ENTRIES) {
                boolean san = oid.equals(Extension.subjectAlternativeName);
                return Optional.of(new EntriesCut(san ? "subjectAltName" : "extension " + oid.getId(), entries, san ? sansKept : 0));
            }
        }
        return Optional.empty();
    }

    /** The elements of the SEQUENCE {@code value} holds, counted without decoding them; 0 when it is not one. */
    static int entries(byte[] value) {
        if (value.length < 2 || (value[0] & 0xff) != SEQUENCE) return 0;
        int end = BerBounds.elementEnd(value, 0, value.length);
        if (end < 0) return 0;
        int at = BerBounds.contentStart(value, 0, end);
        int count = 0;
        while (at < end) {
            int next = BerBounds.elementEnd(value, at, end);
            if (next < 0) break;
            count++;
            at = next;
        }
        return count;
    }
}
