package capcert.ui;

import capcert.check.Wording;

/**
 * The viewer's words: its menus and settings bar. Its user cannot raise a scan limit, so a message
 * that one was reached says only that; what the window cannot take (CRLs, a time to check at, files
 * to check) is named by the command that can.
 */
final class ViewerWording implements Wording {

    static final ViewerWording INSTANCE = new ViewerWording();

    private ViewerWording() {
    }

    @Override
    public String missing(Input input) {
        return input == Input.TRUST_LIST ? "no trust list set" : Wording.super.missing(input);
    }

    @Override
    public String howToGive(Input input) {
        return switch (input) {
            case TRUST_LIST -> "with Check ▸ Add Trust List (Ctrl+T)";
            case EXPECTED_NAME -> "under Expected names (Ctrl+N)";
            case CRL -> "to capcert check --crl (the viewer reads no CRLs)";
            case CHECK_TIME -> "to capcert check --at";
            case CERTIFICATE_FILES -> "with capcert check-cert";
            case MAX_INTERMEDIATES -> "to capcert check --max-depth";
            case PARTIAL_CHAIN -> "to capcert check --partial-chain";
        };
    }
}
