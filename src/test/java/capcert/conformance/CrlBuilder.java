package capcert.conformance;

import org.bouncycastle.asn1.ASN1Boolean;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Enumerated;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERGeneralizedTime;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.OutputStream;
import java.math.BigInteger;
import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/** CRLs assembled field by field, for the revocation cases: any field can be left out or made wrong. */
final class CrlBuilder {

    /** One revoked certificate; {@code reason} -1 for none. */
    record Entry(BigInteger serial, Instant date, int reason, List<Pki.Ext> extensions) {
    }

    private final Pki.Issued issuer;
    private KeyPair signer;
    private X500Name issuerName;
    private Instant thisUpdate;
    private Instant nextUpdate;
    private boolean generalizedTime;
    private boolean noNextUpdate;
    private int version = 2;
    private Long number = 1L;
    private boolean numberCritical;
    private final List<Entry> entries = new ArrayList<>();
    private final List<Pki.Ext> extensions = new ArrayList<>();

    CrlBuilder(Pki.Issued issuer, Instant thisUpdate, Instant nextUpdate) {
        this.issuer = issuer;
        this.thisUpdate = thisUpdate;
        this.nextUpdate = nextUpdate;
    }

    CrlBuilder signer(KeyPair value) {
        signer = value;
        return this;
    }

    CrlBuilder issuerName(X500Name value) {
        issuerName = value;
        return this;
    }

    CrlBuilder version(int value) {
        version = value;
        return this;
    }

    CrlBuilder generalizedTime() {
        generalizedTime = true;
        return this;
    }

    CrlBuilder noNextUpdate() {
        noNextUpdate = true;
        return this;
    }

    CrlBuilder number(Long value) {
        number = value;
        return this;
    }

    CrlBuilder numberCritical() {
        numberCritical = true;
        return this;
    }

    CrlBuilder revoke(BigInteger serial, Instant date) {
        return revoke(serial, date, -1);
    }

    CrlBuilder revoke(BigInteger serial, Instant date, int reason, Pki.Ext... entryExtensions) {
        entries.add(new Entry(serial, date, reason, List.of(entryExtensions)));
        return this;
    }

    CrlBuilder ext(ASN1ObjectIdentifier oid, boolean critical, ASN1Encodable value) {
        try {
            extensions.add(new Pki.Ext(oid, critical, value.toASN1Primitive().getEncoded(ASN1Encoding.DER)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    byte[] build() {
        try {
            KeyPair signing = signer != null ? signer : issuer.keys();
            ContentSigner contentSigner = new JcaContentSignerBuilder(Pki.defaultSignature(signing)).setProvider(Pki.BC)
                    .build(signing.getPrivate());
            ASN1EncodableVector tbs = new ASN1EncodableVector();
            if (version != 1) tbs.add(new ASN1Integer(version - 1));
            tbs.add(contentSigner.getAlgorithmIdentifier());
            tbs.add(issuerName != null ? issuerName : issuer.subject());
            tbs.add(time(thisUpdate));
            if (!noNextUpdate) tbs.add(time(nextUpdate));
            if (!entries.isEmpty()) {
                ASN1EncodableVector revoked = new ASN1EncodableVector();
                for (Entry e : entries) {
                    ASN1EncodableVector one = new ASN1EncodableVector();
                    one.add(new ASN1Integer(e.serial()));
                    one.add(new Time(Date.from(e.date())));
                    List<Pki.Ext> exts = new ArrayList<>(e.extensions());
                    if (e.reason() >= 0) {
                        exts.add(0, new Pki.Ext(Extension.reasonCode, false, new ASN1Enumerated(e.reason()).getEncoded(ASN1Encoding.DER)));
                    }
                    if (!exts.isEmpty()) one.add(extensions(exts));
                    revoked.add(new DERSequence(one));
                }
                tbs.add(new DERSequence(revoked));
            }
            List<Pki.Ext> all = new ArrayList<>();
            all.add(new Pki.Ext(Extension.authorityKeyIdentifier, false,
                    new AuthorityKeyIdentifier(issuer.ski()).getEncoded(ASN1Encoding.DER)));
            if (number != null) {
                all.add(new Pki.Ext(Extension.cRLNumber, numberCritical, new ASN1Integer(number).getEncoded(ASN1Encoding.DER)));
            }
            all.addAll(extensions);
            tbs.add(new DERTaggedObject(true, 0, extensions(all)));
            byte[] signed = new DERSequence(tbs).getEncoded(ASN1Encoding.DER);
            try (OutputStream out = contentSigner.getOutputStream()) {
                out.write(signed);
            }
            ASN1EncodableVector crl = new ASN1EncodableVector();
            crl.add(ASN1Sequence.getInstance(signed));
            crl.add(contentSigner.getAlgorithmIdentifier());
            crl.add(new DERBitString(contentSigner.getSignature()));
            return new DERSequence(crl).getEncoded(ASN1Encoding.DER);
        } catch (Exception e) {
            throw new IllegalStateException("cannot build CRL", e);
        }
    }

    private ASN1Encodable time(Instant instant) {
        return generalizedTime ? new DERGeneralizedTime(Date.from(instant)) : new Time(Date.from(instant));
    }

    private static DERSequence extensions(List<Pki.Ext> exts) {
        ASN1EncodableVector all = new ASN1EncodableVector();
        for (Pki.Ext e : exts) {
            ASN1EncodableVector one = new ASN1EncodableVector();
            one.add(e.oid());
            if (e.critical()) one.add(ASN1Boolean.TRUE);
            one.add(new DEROctetString(e.value()));
            all.add(new DERSequence(one));
        }
        return new DERSequence(all);
    }
}
