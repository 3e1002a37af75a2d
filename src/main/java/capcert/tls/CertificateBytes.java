package capcert.tls;

/**
 * Where one certificate lies in the message it was read from, not yet copied: only those a
 * connection keeps, within the certificates-per-message limit, become a {@link Der}.
 */
record CertificateBytes(byte[] data, int offset, int length) {
}
