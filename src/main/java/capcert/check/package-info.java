/**
 * Verdicts on certificate chains: the library's entry point for checking.
 *
 * <p>The API: a {@link capcert.check.Checker} (one per thread) for a set of
 * {@link capcert.check.CheckOptions} turns a handshake, or a chain given as files, into
 * {@link capcert.check.Verdict}s (a {@link capcert.check.Rule}, a {@link capcert.check.Severity},
 * the certificate concerned, a reason and a remedy); {@link capcert.check.TrustLint} judges a trust
 * list on its own; {@link capcert.check.Wording} is how a face names what its user can change. The
 * rules themselves are package-private; the paths they judge come from capcert's own RFC 5280
 * engine, {@link capcert.check.path.PathBuilder}.
 */
package capcert.check;
