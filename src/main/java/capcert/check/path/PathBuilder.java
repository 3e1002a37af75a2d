package capcert.check.path;

import capcert.x509.Signatures;

import capcert.x509.DistinguishedName;
import capcert.x509.ParsedCertificate;
import capcert.x509.ParsedCrl;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds certification paths from a target certificate to trust anchors (in the spirit of RFC
 * 4158) and validates each complete one until one is valid.
 *
 * <ul>
 *   <li>Issuers are found by name; among them trust anchors come first, then certificates whose
 *       subject key identifier is the child's authority key identifier, then those valid at the
 *       time checked, the newest first. A certificate whose key identifier contradicts the child's
 *       authority key identifier, or whose key does not verify the child's signature, is no issuer.</li>
 *   <li>Certificates from which no trust anchor can be reached by names alone are never tried.</li>
 *   <li>A path never holds one certificate twice, nor two with the same subject and key (loops of
 *       cross-certificates), nor more intermediates than allowed.</li>
 *   <li>Work is bounded: at most {@link #MAX_CANDIDATES} complete paths are validated and
 *       {@link #MAX_STEPS} issuer candidates examined; each signature is verified once.</li>
 * </ul>
 *
 * Signers of CRLs that are not on the path are validated the same way, to the same trust anchor.
 */
public final class PathBuilder {

    static final int MAX_CANDIDATES = 16;
    static final int MAX_STEPS = 4096;
    /** CRL signers are validated with revocation checking only this deep, so CRLs cannot send the search round in circles. */
    private static final int MAX_SIGNER_DEPTH = 2;

    private final Map<DistinguishedName, List<TrustAnchor>> anchorsBySubject = new HashMap<>();
    private final Set<ParsedCertificate> anchorCertificates = new HashSet<>();
    private final Map<DistinguishedName, List<ParsedCertificate>> poolBySubject = new LinkedHashMap<>();
    private final List<ParsedCertificate> pool;
    private final Set<ParsedCertificate> reachable;
    private final List<ParsedCrl> crls;
    private final Instant when;
    private final PathOptions options;
    private final int signerDepth;
    private final Map<String, Boolean> validSigners;

    private final List<CandidatePath> candidates = new ArrayList<>();
    private int steps;
    private boolean depthLimited;
    private boolean budgetExceeded;

    private PathBuilder(Collection<ParsedCertificate> untrusted, List<TrustAnchor> anchors, List<ParsedCrl> crls,
                        Instant when, PathOptions options, int signerDepth, Map<String, Boolean> validSigners) {
        for (TrustAnchor anchor : anchors) {
            anchorsBySubject.computeIfAbsent(anchor.certificate().subject(), k -> new ArrayList<>()).add(anchor);
            anchorCertificates.add(anchor.certificate());
        }
        List<ParsedCertificate> distinct = new ArrayList<>();
        for (ParsedCertificate c : untrusted) {
            if (!distinct.contains(c)) distinct.add(c);
        }
        this.pool = List.copyOf(distinct);
        for (ParsedCertificate c : pool) poolBySubject.computeIfAbsent(c.subject(), k -> new ArrayList<>()).add(c);
        this.reachable = reachable(pool, anchorsBySubject.keySet());
        this.crls = List.copyOf(crls);
        this.when = when;
        this.options = options;
        this.signerDepth = signerDepth;
        this.validSigners = validSigners;
    }

    /**
     * Every path tried from {@code target} to one of {@code anchors}, through any of {@code untrusted},
     * validated at {@code when} with {@code crls}; the search stops at the first valid one.
     */
    public static PathSearch search(ParsedCertificate target, Collection<ParsedCertificate> untrusted,
                                    List<TrustAnchor> anchors, List<ParsedCrl> crls, Instant when, PathOptions options) {
        return new PathBuilder(untrusted, anchors, crls, when, options, 0, new HashMap<>()).run(target);
    }

    /**
     * Validates one given path (the target first, the anchor's certificate last), as {@link #search}
     * validates the paths it builds: used to judge a chain as sent when no trust list was given, its
     * top certificate standing in for the trust anchor.
     */
    public static CandidatePath validate(List<ParsedCertificate> path, TrustAnchor anchor, Collection<ParsedCertificate> untrusted,
                                         List<ParsedCrl> crls, Instant when, PathOptions options) {
        PathBuilder b = new PathBuilder(untrusted, List.of(anchor), crls, when, options, 0, new HashMap<>());
        b.complete(path, anchor);
        return b.candidates.get(0);
    }

    private PathSearch run(ParsedCertificate target) {
        for (TrustAnchor anchor : anchorsBySubject.getOrDefault(target.subject(), List.of())) {
            if (anchor.certificate().equals(target) && complete(List.of(target), anchor)) {
                return new PathSearch(candidates, depthLimited, budgetExceeded);
            }
        }
        List<ParsedCertificate> path = new ArrayList<>();
        path.add(target);
        extend(path);
        return new PathSearch(candidates, depthLimited, budgetExceeded);
    }

    /** Depth-first: true once a valid path is found. */
    private boolean extend(List<ParsedCertificate> path) {
        ParsedCertificate cert = path.get(path.size() - 1);
        int intermediates = path.size() - 1;
        for (TrustAnchor anchor : anchors(cert)) {
            if (spent()) return false;
            steps++;
            ParsedCertificate a = anchor.certificate();
            if (path.contains(a) || !cert.keyIdentifiersMatch(a).orElse(true)) continue;
            if (intermediates > options.maxIntermediates()) {
                depthLimited = true;
                continue;
            }
            if (Signatures.verify(cert, a.publicKey()).outcome() == Signatures.Outcome.INVALID) continue;
            List<ParsedCertificate> full = new ArrayList<>(path);
            full.add(a);
            if (complete(full, anchor)) return true;
        }
        for (ParsedCertificate issuer : issuers(cert)) {
            if (spent()) return false;
            steps++;
            if (onPath(path, issuer) || !cert.keyIdentifiersMatch(issuer).orElse(true)) continue;
            if (intermediates + 1 > options.maxIntermediates()) {
                depthLimited = true;
                continue;
            }
            if (Signatures.verify(cert, issuer.publicKey()).outcome() == Signatures.Outcome.INVALID) continue;
            path.add(issuer);
            boolean found = extend(path);
            path.remove(path.size() - 1);
            if (found) return true;
        }
        return false;
    }

    private boolean spent() {
        if (candidates.size() >= MAX_CANDIDATES || steps >= MAX_STEPS) {
            budgetExceeded = true;
            return true;
        }
        return false;
    }

    /** Validates a complete path and records it; true when it is valid. */
    private boolean complete(List<ParsedCertificate> path, TrustAnchor anchor) {
        PathValidator.Result result = PathValidator.validate(path, when, options);
        List<PathProblem> problems = new ArrayList<>(result.problems());
        List<RevocationStatus> revocation;
        if (crls.isEmpty() || signerDepth >= MAX_SIGNER_DEPTH) {
            revocation = path.subList(0, path.size() - 1).stream().map(c -> RevocationStatus.notChecked()).toList();
        } else {
            List<ParsedCertificate> signers = new ArrayList<>(pool);
            signers.addAll(anchorCertificates);
            revocation = new RevocationChecker(crls, signers, when, this::validSigner).check(path, anchor);
            for (int i = 0; i < revocation.size(); i++) {
                RevocationStatus status = revocation.get(i);
                if (status.state() == RevocationStatus.State.REVOKED) {
                    problems.add(PathProblem.at(PathProblem.Kind.REVOKED, i, "", ""));
                } else if (status.state() == RevocationStatus.State.UNDETERMINED) {
                    problems.add(PathProblem.at(PathProblem.Kind.REVOCATION_UNDETERMINED, i, "", String.join("; ", status.problems())));
                }
            }
        }
        problems.sort(Comparator.comparingInt(PathProblem::index).reversed());
        CandidatePath candidate = new CandidatePath(path, anchor, problems, revocation, result.policies());
        candidates.add(candidate);
        return candidate.valid();
    }

    /** Whether a CRL signer off the path chains to {@code anchor}: validated once per search. */
    private boolean validSigner(ParsedCertificate signer, TrustAnchor anchor) {
        String key = signer.sha256() + "/" + anchor.certificate().sha256();
        Boolean known = validSigners.get(key);
        if (known != null) return known;
        validSigners.put(key, false);
        PathBuilder sub = new PathBuilder(pool, List.of(anchor), crls, when,
                new PathOptions(options.maxIntermediates(), Set.of(), false, false, false, options.partialChain()),
                signerDepth + 1, validSigners);
        boolean valid = sub.run(signer).accepted().isPresent();
        validSigners.put(key, valid);
        return valid;
    }

    private List<TrustAnchor> anchors(ParsedCertificate cert) {
        List<TrustAnchor> found = new ArrayList<>(anchorsBySubject.getOrDefault(cert.issuer(), List.of()));
        found.sort(Comparator.comparing((TrustAnchor a) -> preference(cert, a.certificate())));
        return found;
    }

    private List<ParsedCertificate> issuers(ParsedCertificate cert) {
        List<ParsedCertificate> found = new ArrayList<>();
        for (ParsedCertificate c : poolBySubject.getOrDefault(cert.issuer(), List.of())) {
            if (reachable.contains(c) && !c.equals(cert)) found.add(c);
        }
        found.sort(Comparator.comparing((ParsedCertificate c) -> preference(cert, c))
                .thenComparing(ParsedCertificate::notBefore, Comparator.reverseOrder()));
        return found;
    }

    /** 0 best: key identifiers agree and valid now; then agree; then unknown and valid; then the rest. */
    private int preference(ParsedCertificate child, ParsedCertificate issuer) {
        boolean keyIdMatch = child.keyIdentifiersMatch(issuer).orElse(false);
        boolean current = !when.isBefore(issuer.notBefore()) && !when.isAfter(issuer.notAfter());
        return (keyIdMatch ? 0 : 2) + (current ? 0 : 1);
    }

    /** The certificate itself, or another with its subject and key (a loop through cross-certificates). */
    private static boolean onPath(List<ParsedCertificate> path, ParsedCertificate candidate) {
        for (ParsedCertificate c : path) {
            if (c.equals(candidate)) return true;
            if (c.subject().equals(candidate.subject()) && c.publicKey().sameKey(candidate.publicKey())) return true;
        }
        return false;
    }

    /** The certificates from which a chain of names leads to a trust anchor; the rest cannot be on a path. */
    private static Set<ParsedCertificate> reachable(List<ParsedCertificate> pool, Set<DistinguishedName> anchorSubjects) {
        Map<DistinguishedName, List<ParsedCertificate>> byIssuer = new HashMap<>();
        for (ParsedCertificate c : pool) byIssuer.computeIfAbsent(c.issuer(), k -> new ArrayList<>()).add(c);
        Set<ParsedCertificate> out = new HashSet<>();
        Set<DistinguishedName> seen = new HashSet<>(anchorSubjects);
        Deque<DistinguishedName> queue = new ArrayDeque<>(anchorSubjects);
        while (!queue.isEmpty()) {
            DistinguishedName subject = queue.poll();
            for (ParsedCertificate c : byIssuer.getOrDefault(subject, List.of())) {
                if (out.add(c) && seen.add(c.subject())) queue.add(c.subject());
            }
        }
        return out;
    }
}
