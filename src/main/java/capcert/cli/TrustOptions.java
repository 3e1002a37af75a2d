package capcert.cli;

import capcert.trust.TrustList;
import capcert.trust.TrustedCertificate;
import picocli.CommandLine.Option;

import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Placeholder for the shared trust-list options; replaced by the real mixin at merge. One trust
 * list per {@code --trust}: a certificate file (PEM, DER, PKCS#7), or a keystore when
 * {@code --trust-password} is given.
 */
final class TrustOptions {

    @Option(names = "--trust", paramLabel = "FILE", description = "A trusted-CA list (PEM, DER, P7B); repeat for each peer.")
    private List<Path> files = new ArrayList<>();

    @Option(names = "--trust-password", paramLabel = "PASSWORD", description = "Password of JKS / PKCS#12 trust lists.")
    private String password;

    @Option(names = "--system-trust", description = "Add the JDK's public CAs as one more trust list.")
    private boolean system;

    /** One list per {@code --trust} file, then the JDK's CAs if asked; fails with a one-line message. */
    List<TrustList> trustLists() throws IOException {
        List<TrustList> lists = new ArrayList<>();
        for (Path file : files) {
            List<TrustedCertificate> trusted = new ArrayList<>();
            List<X509Certificate> certificates = password == null ? PkiFiles.certificates(file) : keystore(file);
            for (int i = 0; i < certificates.size(); i++) {
                trusted.add(new TrustedCertificate(certificates.get(i), file + " #" + (i + 1)));
            }
            lists.add(TrustList.of(trusted));
        }
        if (system) lists.add(systemTrust());
        return lists;
    }

    private List<X509Certificate> keystore(Path file) throws IOException {
        try {
            KeyStore store = KeyStore.getInstance(file.toFile(), password.toCharArray());
            List<X509Certificate> certificates = new ArrayList<>();
            for (String alias : Collections.list(store.aliases())) {
                if (store.getCertificate(alias) instanceof X509Certificate certificate) certificates.add(certificate);
            }
            return certificates;
        } catch (GeneralSecurityException | IOException e) {
            throw new IOException(file + ": not a keystore this password opens (" + e.getMessage() + ")", e);
        }
    }

    private static TrustList systemTrust() throws IOException {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            List<TrustedCertificate> trusted = new ArrayList<>();
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    for (X509Certificate ca : x509.getAcceptedIssuers()) trusted.add(new TrustedCertificate(ca, "JDK cacerts"));
                }
            }
            return TrustList.of(trusted);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the JDK's trusted CAs: " + e.getMessage(), e);
        }
    }
}
