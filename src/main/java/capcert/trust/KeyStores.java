package capcert.trust;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.ContentInfo;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.pkcs.PKCS12PfxPdu;
import org.bouncycastle.pkcs.PKCS12SafeBag;
import org.bouncycastle.pkcs.PKCS12SafeBagFactory;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcePKCS12MacCalculatorBuilderProvider;
import org.bouncycastle.pkcs.jcajce.JcePKCSPBEInputDecryptorProviderBuilder;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Provider;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The certificates in Java keystores and PKCS#12 files: trusted-certificate entries and the chains of key entries. */
final class KeyStores {

    private KeyStores() {
    }

    /** One certificate found in a store, its bytes as stored, and the name it is filed under, if any. */
    record Found(byte[] der, String alias) {
    }

    /**
     * JKS or JCEKS through the JDK. Aliases in sorted order: the store itself keeps no order. Without
     * a password the JDK reads the certificates (they are not encrypted) but cannot check integrity.
     */
    static List<Found> javaKeyStore(Path file, byte[] content, String type, char[] password)
            throws CertificateFileException {
        try {
            KeyStore store = KeyStore.getInstance(type);
            store.load(new ByteArrayInputStream(content), password);
            List<String> aliases = Collections.list(store.aliases());
            Collections.sort(aliases);
            List<Found> found = new ArrayList<>();
            for (String alias : aliases) {
                Certificate[] certificates = store.isCertificateEntry(alias)
                        ? new Certificate[] {store.getCertificate(alias)}
                        : store.getCertificateChain(alias);
                if (certificates == null) continue; // a secret-key entry (JCEKS)
                for (Certificate c : certificates) {
                    if (c instanceof X509Certificate x) found.add(new Found(x.getEncoded(), alias));
                }
            }
            return found;
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) throw new KeystorePasswordException(file, true);
            // A store cut short ends in an EOFException without a message.
            throw new CertificateFileException(file, "damaged " + type + " keystore"
                    + (e.getMessage() == null ? " (cut short or corrupted)" : ": " + e.getMessage()));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new CertificateFileException(file, "cannot read " + type + " keystore: " + e.getMessage());
        }
    }

    /**
     * PKCS#12 through Bouncy Castle's PDU classes rather than {@link KeyStore}: both the JDK's and
     * BC's keystores drop certificate bags that carry no alias or no Java trust attribute, which is
     * how OpenSSL writes a certificates-only file ({@code openssl pkcs12 -export -nokeys}).
     * Certificates come in file order; private keys are never decrypted.
     */
    static List<Found> pkcs12(Path file, byte[] content, char[] password) throws CertificateFileException {
        Provider bc = Bc.PROVIDER;
        try {
            PKCS12PfxPdu pfx = new PKCS12PfxPdu(content);
            if (password != null && pfx.hasMac()
                    && !pfx.isMacValid(new JcePKCS12MacCalculatorBuilderProvider().setProvider(bc), password)) {
                throw new KeystorePasswordException(file, true);
            }
            List<Found> found = new ArrayList<>();
            for (ContentInfo info : pfx.getContentInfos()) {
                PKCS12SafeBagFactory bags;
                if (info.getContentType().equals(PKCSObjectIdentifiers.encryptedData)) {
                    if (password == null) {
                        throw new KeystorePasswordException(file, false);
                    }
                    bags = new PKCS12SafeBagFactory(info,
                            new JcePKCSPBEInputDecryptorProviderBuilder().setProvider(bc).build(password));
                } else {
                    bags = new PKCS12SafeBagFactory(info);
                }
                for (PKCS12SafeBag bag : bags.getSafeBags()) {
                    if (bag.getBagValue() instanceof X509CertificateHolder holder) {
                        found.add(new Found(CertificateFile.checked(file, "", holder.getEncoded()), friendlyName(bag)));
                    }
                }
            }
            return found;
        } catch (PKCSException e) {
            // No MAC to check the password against, so a wrong one shows as undecryptable content.
            throw new CertificateFileException(file, "cannot decrypt PKCS#12 content (wrong password?): " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            throw new CertificateFileException(file, "damaged PKCS#12 file: " + e.getMessage());
        }
    }

    private static String friendlyName(PKCS12SafeBag bag) {
        Attribute[] attributes = bag.getAttributes();
        if (attributes == null) return null;
        for (Attribute a : attributes) {
            if (a.getAttrType().equals(PKCSObjectIdentifiers.pkcs_9_at_friendlyName) && a.getAttrValues().size() > 0) {
                ASN1Encodable value = a.getAttrValues().getObjectAt(0);
                return value instanceof ASN1String s ? s.getString() : value.toString();
            }
        }
        return null;
    }

    /** Not registered globally: the JDK stays the provider for everything else. Made on first use. */
    private static final class Bc {
        static final Provider PROVIDER = new BouncyCastleProvider();
    }
}
