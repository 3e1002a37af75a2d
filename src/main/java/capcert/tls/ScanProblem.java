package capcert.tls;

import capcert.capture.Limit;
import capcert.capture.LimitReached;
import capcert.capture.Problem;

/** What a scan keeps of a capture besides its handshakes, cut at a bound. */
public sealed interface ScanProblem extends Problem {

    /** The capture's own key log (pcapng Decryption Secrets Blocks) passed {@code max} bytes at {@code frame}; the rest is ignored. */
    record SecretsOverLimit(long frame, long max) implements ScanProblem {
        @Override
        public String message() {
            return "Decryption Secrets Blocks over " + max + " bytes in all; the rest are ignored";
        }
    }

    /** Over {@code max} certificates, OCSP messages and CRLs outside handshakes, the first left out at {@code frame}. */
    record EvidenceOverLimit(long frame, int max) implements ScanProblem {
        @Override
        public String message() {
            return "more than " + max + " certificates, OCSP messages and CRLs outside handshakes; the rest are not listed";
        }
    }

    /**
     * The certificates, OCSP messages and CRLs outside handshakes held {@code max} bytes, their share of
     * the memory budget, at {@code frame}; the rest are not listed.
     */
    record EvidenceOverBudget(long frame, long max) implements ScanProblem, LimitReached {
        @Override
        public Limit limit() {
            return Limit.MEMORY;
        }

        @Override
        public String message(String howToRaise) {
            return "certificates, OCSP messages and CRLs outside handshakes over " + max + " bytes, their share of the memory"
                    + " budget; the rest are not listed" + howToRaise;
        }

        @Override
        public String message() {
            return message("");
        }
    }
}
