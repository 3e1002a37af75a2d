/**
 * TLS, SSLv2 and DTLS in clear text, read from captures: the library's entry point for scanning.
 *
 * <p>The API: {@link capcert.tls.CaptureScanner} (one per thread) reads a capture into
 * {@link capcert.tls.Handshake}s, pulled through a {@link capcert.tls.Scan}, handed to a callback or
 * gathered in a {@link capcert.tls.CaptureResult}; {@link capcert.tls.CaptureBatch} reads many in
 * parallel, in order; {@link capcert.tls.ScanOptions} and {@link capcert.tls.Limits} set how. A
 * handshake carries {@link capcert.tls.CertificateEntry}s, {@link capcert.tls.Alert}s, a
 * {@link capcert.tls.TlsVersion}, a {@link capcert.tls.CipherSuite} and {@link capcert.tls.Note}s.
 * Everything else here is package-private: the record layer, handshake messages, reassembly of
 * messages across records, DTLS fragments.
 */
package capcert.tls;
