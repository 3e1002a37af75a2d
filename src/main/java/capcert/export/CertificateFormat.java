package capcert.export;

/** How a certificate is written to its own file. */
public enum CertificateFormat {
    /** The bytes exactly as the peer sent them; {@code .cer} because Windows opens it by that name. */
    DER("cer"),
    PEM("pem");

    private final String extension;

    CertificateFormat(String extension) {
        this.extension = extension;
    }

    public String extension() {
        return extension;
    }
}
