package capcert.spark;

import capcert.capture.Limit;
import capcert.check.Wording;
import capcert.cli.ScanLimitOptions;
import capcert.trust.CertificateFileException;
import capcert.trust.KeystorePasswordException;

/**
 * The inventory's words for what its user can change: the checker's inputs are named by the
 * {@code inventory} options that give them, certificate files by capcert's own command that checks them.
 * The scan's limits and the path validation inputs have capcert's own options.
 */
final class SparkWording implements Wording.ByOption {

    static final SparkWording INSTANCE = new SparkWording();

    static final String TRUST = "--trust";
    static final String TRUST_PASSWORD = "--trust-password";
    static final String CRL = "--crl";
    static final String EXPECT_NAME = "--expect-name";
    static final String KEYLOG = "--keylog";
    // The path validation options are capcert check's own (PathValidationOptions).
    static final String AT = "--at";
    static final String MAX_DEPTH = "--max-depth";
    static final String PARTIAL_CHAIN = "--partial-chain";

    private SparkWording() {
    }

    @Override
    public String howToRaise(Limit limit) {
        return ScanLimitOptions.howToRaise(limit, "give the executors the memory for it, spark.executor.memory");
    }

    @Override
    public String option(Input input) {
        return switch (input) {
            case TRUST_LIST -> TRUST;
            case CRL -> CRL;
            case EXPECTED_NAME -> EXPECT_NAME;
            case CHECK_TIME -> AT;
            case MAX_INTERMEDIATES -> MAX_DEPTH;
            case PARTIAL_CHAIN -> PARTIAL_CHAIN;
            case CERTIFICATE_FILES -> "`capcert check-cert`";
        };
    }

    /** A trust list that cannot be used, naming the option for a keystore's password. */
    static String describe(CertificateFileException e) {
        return e instanceof KeystorePasswordException password ? password.message(TRUST_PASSWORD) : e.getMessage();
    }
}
