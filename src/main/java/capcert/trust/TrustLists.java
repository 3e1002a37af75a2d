package capcert.trust;

import capcert.x509.ParsedCertificate;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Builds trust lists from files: PEM bundles, DER certificates, PKCS#7, JKS/JCEKS/PKCS#12 keystores
 * ({@link CertificateFile} tells them apart by content), and directories of these.
 */
public final class TrustLists {

    /** Where {@link #system()} certificates say they come from. */
    public static final String SYSTEM_SOURCE = "JDK cacerts";

    private final char[] password;
    private final Consumer<String> warnings;

    /**
     * @param password for keystores; {@code null} when none was given
     * @param warnings told about files skipped in directories, one line each (file first)
     */
    public TrustLists(char[] password, Consumer<String> warnings) {
        this.password = password == null ? null : password.clone();
        this.warnings = warnings;
    }

    /** One trust list from {@code path}: a certificate file, or a directory of them. */
    public TrustList load(Path path) throws CertificateFileException {
        return load(List.of(path));
    }

    /**
     * One trust list from all of {@code paths}, certificates in the order given. Directories are
     * read recursively in name order; files in them that hold no certificate are skipped with a
     * warning, while damaged certificate files are errors wherever they are. A file met twice (an
     * OpenSSL hash link to a certificate in the same directory) is read once.
     */
    public TrustList load(List<Path> paths) throws CertificateFileException {
        List<TrustedCertificate> out = new ArrayList<>();
        Set<Path> seen = new HashSet<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                int before = out.size();
                directory(path, out, seen);
                if (out.size() == before) throw new CertificateFileException(path, "no certificate files in this directory");
            } else if (firstVisit(path, seen)) {
                file(CertificateFile.read(path, password), out);
            }
        }
        return TrustList.of(out);
    }

    private void directory(Path dir, List<TrustedCertificate> out, Set<Path> seen) throws CertificateFileException {
        if (!firstVisit(dir, seen)) return;
        List<Path> children;
        try (Stream<Path> list = Files.list(dir)) {
            children = list.sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new CertificateFileException(dir, "cannot list directory: " + e.getMessage());
        }
        for (Path child : children) {
            if (Files.isDirectory(child)) {
                directory(child, out, seen);
            } else if (Files.isRegularFile(child) && firstVisit(child, seen)) {
                try {
                    file(CertificateFile.read(child, password), out);
                } catch (NotACertificateFile e) {
                    warnings.accept(e.getMessage() + ", skipped");
                }
            }
        }
    }

    private static boolean firstVisit(Path path, Set<Path> seen) {
        try {
            return seen.add(path.toRealPath());
        } catch (IOException e) {
            return true; // missing or unreadable: reading it gives the error
        }
    }

    private static void file(CertificateFile file, List<TrustedCertificate> out) throws CertificateFileException {
        for (CertificateFile.Entry e : file.entries()) {
            try {
                out.add(TrustedCertificate.of(e.der(), e.source()));
            } catch (ParsedCertificate.NotACertificate ex) {
                throw new CertificateFileException(file.path(), e.source() + ": not a valid certificate: " + ex.getMessage());
            }
        }
    }

    /**
     * The JDK's default trusted CAs, as a {@link TrustManagerFactory} initialised with no keystore
     * uses them ({@code cacerts}, or {@code javax.net.ssl.trustStore} if set). The JDK keeps them
     * unordered, so they are sorted by subject to number them the same on every run.
     */
    public static TrustList system() throws CertificateFileException {
        List<X509Certificate> certificates = new ArrayList<>();
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) certificates.addAll(Arrays.asList(x509.getAcceptedIssuers()));
            }
        } catch (GeneralSecurityException e) {
            throw new CertificateFileException(Path.of(System.getProperty("java.home"), "lib", "security", "cacerts"),
                    "cannot load the JDK's trusted CAs: " + e.getMessage());
        }
        certificates.sort(Comparator.comparing((X509Certificate c) -> c.getSubjectX500Principal().getName())
                .thenComparing(TrustLists::encoded, Arrays::compare));
        List<TrustedCertificate> out = new ArrayList<>();
        for (X509Certificate c : certificates) out.add(new TrustedCertificate(c, SYSTEM_SOURCE + " #" + (out.size() + 1)));
        return TrustList.of(out);
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            return new byte[0];
        }
    }
}
