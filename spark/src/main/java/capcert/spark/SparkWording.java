package capcert.spark;

import capcert.check.Wording;
import capcert.trust.CertificateFileException;
import capcert.trust.KeystorePasswordException;

/**
 * The inventory's words for what its user can change: the checker's inputs are named by the
 * {@code inventory} options that give them, certificate files by capcert's own command that checks them.
 * The scan's limits have no option here, so nothing is said on how to raise one.
 */
final class SparkWording implements Wording.ByOption {

    static final SparkWording INSTANCE = new SparkWording();

    static final String TRUST = "--trust";
    static final String TRUST_PASSWORD = "--trust-password";
    static final String CRL = "--crl";
    static final String EXPECT_NAME = "--expect-name";
    static final String KEYLOG = "--keylog";

    private SparkWording() {
    }

    @Override
    public String option(Input input) {
        return switch (input) {
            case TRUST_LIST -> TRUST;
            case CRL -> CRL;
            case EXPECTED_NAME -> EXPECT_NAME;
            // The inventory checks at each handshake's own time, with the path settings' defaults: the command
            // line's check sets them.
            case CHECK_TIME -> "capcert check --at";
            case MAX_INTERMEDIATES -> "capcert check --max-depth";
            case PARTIAL_CHAIN -> "capcert check --partial-chain";
            case CERTIFICATE_FILES -> "`capcert check-cert`";
        };
    }

    /** A trust list that cannot be used, naming the option for a keystore's password. */
    static String describe(CertificateFileException e) {
        return e instanceof KeystorePasswordException password ? password.message(TRUST_PASSWORD) : e.getMessage();
    }
}
