package capcert.x509;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;

import javax.security.auth.x500.X500Principal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * An X.500 name compared the way RFC 5280 §7.1 asks: RDN by RDN in order, attribute values of
 * string types after RFC 4518's preparation (compatibility-normalised, case folded, insignificant
 * spaces removed), other values byte for byte. Bouncy Castle's own equality also accepts the RDNs
 * in reverse order, which path validation must not (PKITS 4.3.2).
 */
public final class DistinguishedName {

    private final X500Name name;
    private final byte[] encoded;
    /** One canonical string per RDN, its attribute values sorted, so that equal names have equal keys. */
    private final List<String> rdns;

    private DistinguishedName(X500Name name, byte[] encoded, List<String> rdns) {
        this.name = name;
        this.encoded = encoded;
        this.rdns = List.copyOf(rdns);
    }

    public static DistinguishedName of(X500Name name) {
        byte[] encoded;
        try {
            encoded = name.getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new IllegalArgumentException("a parsed name always encodes", e);
        }
        List<String> rdns = new ArrayList<>();
        for (RDN rdn : name.getRDNs()) {
            List<String> values = new ArrayList<>();
            for (AttributeTypeAndValue atv : rdn.getTypesAndValues()) {
                values.add(atv.getType().getId() + "=" + canonicalValue(atv.getValue()));
            }
            values.sort(null);
            rdns.add(String.join("+", values));
        }
        return new DistinguishedName(name, encoded, rdns);
    }

    public static DistinguishedName of(ASN1Encodable name) {
        return of(X500Name.getInstance(name));
    }

    public X500Name x500() {
        return name;
    }

    public boolean isEmpty() {
        return rdns.isEmpty();
    }

    public int size() {
        return rdns.size();
    }

    /** Whether {@code prefix}'s RDNs start this name's: the directoryName subtree test of name constraints. */
    public boolean within(DistinguishedName prefix) {
        return prefix.rdns.size() <= rdns.size() && rdns.subList(0, prefix.rdns.size()).equals(prefix.rdns);
    }

    /** RFC 2253, as the JDK prints it ("CN=Example CA,O=Example"). */
    public String rfc2253() {
        try {
            return new X500Principal(encoded).getName();
        } catch (IllegalArgumentException e) {
            return name.toString();
        }
    }

    /** The value of the last (most specific) common name, or {@code ""}. */
    public String commonName() {
        List<String> all = values(org.bouncycastle.asn1.x500.style.BCStyle.CN.getId());
        return all.isEmpty() ? "" : all.get(all.size() - 1);
    }

    /** The string values of every attribute of type {@code oid}, in the order of the RDNs. */
    public List<String> values(String oid) {
        List<String> out = new ArrayList<>();
        for (RDN rdn : name.getRDNs()) {
            for (AttributeTypeAndValue atv : rdn.getTypesAndValues()) {
                if (atv.getType().getId().equals(oid)) {
                    out.add(atv.getValue() instanceof ASN1String s ? s.getString() : atv.getValue().toString());
                }
            }
        }
        return out;
    }

    /** This name without the attributes of type {@code oid} (an RDN left empty goes too). */
    public DistinguishedName without(String oid) {
        List<RDN> kept = new ArrayList<>();
        for (RDN rdn : name.getRDNs()) {
            List<AttributeTypeAndValue> values = new ArrayList<>();
            for (AttributeTypeAndValue atv : rdn.getTypesAndValues()) {
                if (!atv.getType().getId().equals(oid)) values.add(atv);
            }
            if (!values.isEmpty()) kept.add(new RDN(values.toArray(AttributeTypeAndValue[]::new)));
        }
        return of(new X500Name(kept.toArray(RDN[]::new)));
    }

    public byte[] encoded() {
        return encoded.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DistinguishedName other && rdns.equals(other.rdns);
    }

    @Override
    public int hashCode() {
        return rdns.hashCode();
    }

    @Override
    public String toString() {
        return rfc2253();
    }

    /**
     * RFC 4518 for the string types, simplified to what certificates use: NFKC, case folded, spaces
     * at either end dropped and runs inside collapsed to one. Other types compare by their encoding.
     */
    private static String canonicalValue(ASN1Encodable value) {
        if (value instanceof ASN1String s) {
            String prepared = Normalizer.normalize(s.getString(), Normalizer.Form.NFKC)
                    .toLowerCase(Locale.ROOT).toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT)
                    .strip().replaceAll("\\s+", " ");
            return "'" + prepared.replace("\\", "\\\\").replace("+", "\\+").replace("'", "\\'");
        }
        try {
            return "#" + HexFormat.of().formatHex(value.toASN1Primitive().getEncoded(ASN1Encoding.DER));
        } catch (IOException e) {
            return "#" + Arrays.hashCode(value.toString().getBytes(StandardCharsets.UTF_8));
        }
    }
}
