package capcert.testing;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Root, intermediate and leaf certificates made with Bouncy Castle for synthetic captures.
 *
 * <p>Generation is deterministic (seeded SHA1PRNG for keys and signatures, fixed serials and dates),
 * so a given {@code (leafName, keyType)} always yields the same DER within one JDK: captures built
 * from them have stable sizes and frame numbers. Chains are cached per JVM.
 */
public final class TestPki {

    public static final String SERVER_NAME = "server.capcert.test";

    public enum KeyType { EC_P256, RSA_2048 }

    /** One issued certificate. */
    public record Issued(X500Name subject, KeyPair keys, byte[] derBytes) {
        public byte[] der() {
            return derBytes.clone();
        }
    }

    /** A three-level chain. */
    public record Chain(Issued root, Issued intermediate, Issued leaf) {

        /** The order a server normally sends: leaf, intermediate, root. */
        public List<byte[]> sent() {
            return List.of(leaf.der(), intermediate.der(), root.der());
        }

        /** Leaf and intermediate only, as most servers send. */
        public List<byte[]> sentWithoutRoot() {
            return List.of(leaf.der(), intermediate.der());
        }
    }

    private static final Map<String, Chain> CACHE = new ConcurrentHashMap<>();
    private static final Instant NOT_BEFORE = Instant.parse("2024-01-01T00:00:00Z");
    private static final Instant NOT_AFTER = Instant.parse("2034-01-01T00:00:00Z");

    private TestPki() {
    }

    /** The default server chain: EC P-256, leaf for {@value #SERVER_NAME}. */
    public static Chain server() {
        return chain(SERVER_NAME, KeyType.EC_P256);
    }

    /** A chain whose leaf is a TLS server certificate for {@code dnsName}. */
    public static Chain chain(String dnsName, KeyType type) {
        return CACHE.computeIfAbsent("server|" + dnsName + "|" + type, k -> build(dnsName, type, false));
    }

    /** A chain whose leaf is a TLS client certificate (CN and SAN rfc822Name {@code user}). */
    public static Chain client(String user, KeyType type) {
        return CACHE.computeIfAbsent("client|" + user + "|" + type, k -> build(user, type, true));
    }

    private static Chain build(String name, KeyType type, boolean clientLeaf) {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed((name + "|" + type + "|" + clientLeaf).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            String tag = clientLeaf ? "Client" : "Server";
            X500Name rootName = new X500Name("CN=capcert Test " + tag + " Root (" + name + "),O=capcert tests");
            X500Name intName = new X500Name("CN=capcert Test " + tag + " Intermediate (" + name + "),O=capcert tests");
            X500Name leafName = new X500Name("CN=" + name + ",O=capcert tests");

            KeyPair rootKeys = keys(type, random);
            KeyPair intKeys = keys(type, random);
            KeyPair leafKeys = keys(type, random);
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();

            X509v3CertificateBuilder root = new JcaX509v3CertificateBuilder(rootName, BigInteger.valueOf(1),
                    Date.from(NOT_BEFORE), Date.from(NOT_AFTER), rootName, rootKeys.getPublic());
            root.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            root.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            root.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(rootKeys.getPublic()));
            byte[] rootDer = sign(root, rootKeys, type, random);

            X509v3CertificateBuilder inter = new JcaX509v3CertificateBuilder(rootName, BigInteger.valueOf(2),
                    Date.from(NOT_BEFORE), Date.from(NOT_AFTER), intName, intKeys.getPublic());
            inter.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            inter.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            inter.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(intKeys.getPublic()));
            inter.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(rootKeys.getPublic()));
            byte[] intDer = sign(inter, rootKeys, type, random);

            X509v3CertificateBuilder leaf = new JcaX509v3CertificateBuilder(intName, BigInteger.valueOf(3),
                    Date.from(NOT_BEFORE), Date.from(NOT_AFTER), leafName, leafKeys.getPublic());
            leaf.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            leaf.addExtension(Extension.keyUsage, true, new KeyUsage(type == KeyType.RSA_2048
                    ? KeyUsage.digitalSignature | KeyUsage.keyEncipherment : KeyUsage.digitalSignature));
            leaf.addExtension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(clientLeaf ? KeyPurposeId.id_kp_clientAuth : KeyPurposeId.id_kp_serverAuth));
            leaf.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(new GeneralName(clientLeaf ? GeneralName.rfc822Name : GeneralName.dNSName, name)));
            leaf.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(leafKeys.getPublic()));
            leaf.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(intKeys.getPublic()));
            byte[] leafDer = sign(leaf, intKeys, type, random);

            return new Chain(new Issued(rootName, rootKeys, rootDer), new Issued(intName, intKeys, intDer),
                    new Issued(leafName, leafKeys, leafDer));
        } catch (Exception e) {
            throw new IllegalStateException("cannot build test PKI for " + name, e);
        }
    }

    private static KeyPair keys(KeyType type, SecureRandom random) throws GeneralSecurityException {
        if (type == KeyType.EC_P256) {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"), random);
            return g.generateKeyPair();
        }
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048, random);
        return g.generateKeyPair();
    }

    private static byte[] sign(X509v3CertificateBuilder builder, KeyPair issuer, KeyType type, SecureRandom random)
            throws Exception {
        String alg = type == KeyType.EC_P256 ? "SHA256withECDSA" : "SHA256withRSA";
        return builder.build(new JcaContentSignerBuilder(alg).setSecureRandom(random).build(issuer.getPrivate())).getEncoded();
    }
}
