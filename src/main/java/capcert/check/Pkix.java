package capcert.check;

import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXCertPathBuilderResult;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The JDK's PKIX path builder and validator (RFC 5280), set up the way capcert asks its questions.
 *
 * <p>Policy inputs stay at RFC 5280's defaults (any policy, no explicit policy, mapping and
 * anyPolicy allowed). Revocation is checked only when CRLs are given, from those CRLs only (no
 * OCSP, no fetching), and "cannot tell" does not reject a path: the caller decides what an
 * unsettled certificate means (see {@link Revocation}).
 */
final class Pkix {

    /** A path the JDK accepted, leaf first and trust anchor last, and the certificates whose revocation it could not settle. */
    record Accepted(List<Cert> path, List<Undetermined> undetermined) {
    }

    /** A certificate of an accepted path whose revocation status no CRL given settled. */
    record Undetermined(Cert cert, Cert issuer, String jdkMessage) {
    }

    private Pkix() {
    }

    /**
     * A path from {@code target} to one of {@code anchors}, through any of {@code others}.
     *
     * @throws GeneralSecurityException the JDK found no valid path (its message rarely says why)
     */
    static Accepted build(Cert target, Collection<Cert> anchors, Collection<Cert> others, List<X509CRL> crls,
                          Instant when) throws GeneralSecurityException {
        Set<TrustAnchor> trustAnchors = new LinkedHashSet<>();
        for (Cert anchor : anchors) trustAnchors.add(new TrustAnchor(anchor.x509(), null));
        X509CertSelector selector = new X509CertSelector();
        selector.setCertificate(target.x509());
        PKIXBuilderParameters params = new PKIXBuilderParameters(trustAnchors, selector);
        CertPathBuilder builder = CertPathBuilder.getInstance("PKIX");
        configure(params, (PKIXRevocationChecker) builder.getRevocationChecker(), others, List.of(target), crls, when);
        PKIXCertPathBuilderResult result = (PKIXCertPathBuilderResult) builder.build(params);

        List<Cert> known = new ArrayList<>(anchors);
        known.addAll(others);
        known.add(target);
        List<Cert> path = new ArrayList<>();
        for (Certificate c : result.getCertPath().getCertificates()) path.add(find((X509Certificate) c, known));
        path.add(find(result.getTrustAnchor().getTrustedCert(), known));
        // The builder's checker also saw the paths it abandoned; validating the one it chose gives exact indexes.
        return crls.isEmpty() ? new Accepted(path, List.of()) : validate(path, others, crls, when);
    }

    /**
     * Validates a given path, leaf first and trust anchor last.
     *
     * @throws CertPathValidatorException with the index (leaf = 0) and reason of the first certificate refused
     */
    static Accepted validate(List<Cert> path, Collection<Cert> others, List<X509CRL> crls, Instant when)
            throws CertPathValidatorException {
        if (path.size() < 2) return new Accepted(path, List.of());
        try {
            Cert anchor = path.get(path.size() - 1);
            CertPath certPath = CertificateFactory.getInstance("X.509")
                    .generateCertPath(path.subList(0, path.size() - 1).stream().map(Cert::x509).toList());
            PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(anchor.x509(), null)));
            CertPathValidator validator = CertPathValidator.getInstance("PKIX");
            PKIXRevocationChecker revocation = (PKIXRevocationChecker) validator.getRevocationChecker();
            configure(params, revocation, others, path, crls, when);
            validator.validate(certPath, params);
            return new Accepted(path, undetermined(path, revocation, crls));
        } catch (CertPathValidatorException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK always has PKIX and X.509", e);
        }
    }

    private static void configure(PKIXParameters params, PKIXRevocationChecker revocation, Collection<Cert> others,
                                  List<Cert> more, List<X509CRL> crls, Instant when)
            throws GeneralSecurityException {
        List<Object> store = new ArrayList<>();
        for (Cert c : others) store.add(c.x509());
        for (Cert c : more) store.add(c.x509());
        store.addAll(crls);
        params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(store)));
        params.setDate(Date.from(when));
        params.setRevocationEnabled(!crls.isEmpty());
        if (!crls.isEmpty()) {
            revocation.setOptions(EnumSet.of(PKIXRevocationChecker.Option.PREFER_CRLS,
                    PKIXRevocationChecker.Option.NO_FALLBACK, PKIXRevocationChecker.Option.SOFT_FAIL));
            params.addCertPathChecker(revocation);
        }
    }

    /** The checker's soft failures carry the index in the path (leaf = 0); its issuer is the next one up. */
    private static List<Undetermined> undetermined(List<Cert> path, PKIXRevocationChecker revocation, List<X509CRL> crls) {
        if (crls.isEmpty()) return List.of();
        List<Undetermined> out = new ArrayList<>();
        for (CertPathValidatorException e : revocation.getSoftFailExceptions()) {
            int i = e.getIndex();
            if (i >= 0 && i + 1 < path.size()) {
                out.add(new Undetermined(path.get(i), path.get(i + 1), String.valueOf(e.getMessage())));
            }
        }
        out.sort((a, b) -> Integer.compare(path.indexOf(a.cert()), path.indexOf(b.cert())));
        return out;
    }

    private static Cert find(X509Certificate x509, List<Cert> known) {
        return known.stream().filter(c -> c.x509().equals(x509)).findFirst().orElseGet(() -> Cert.of(x509));
    }
}
