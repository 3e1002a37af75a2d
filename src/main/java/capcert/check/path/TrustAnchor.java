package capcert.check.path;

import capcert.x509.ParsedCertificate;

/**
 * A certificate a path may end at, and where it was listed.
 *
 * @param source the entry it came from, e.g. {@code ca-list.pem #3}
 * @param list   the index of the trust list it came from, among those given
 */
public record TrustAnchor(ParsedCertificate certificate, String source, int list) {
}
