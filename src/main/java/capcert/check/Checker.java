package capcert.check;

import capcert.tls.Handshake;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Turns chains into verdicts. */
public final class Checker {

    private Checker() {
    }

    /**
     * Every verdict for one handshake: each chain it carried (server's, client's), checked for the
     * role it played, at the handshake's capture time, plus its alerts and TLS version. Worst first.
     */
    public static List<Verdict> check(Handshake handshake, CheckOptions options) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * Verdicts for a chain given as files ({@code check-cert}): {@code chain.get(0)} is the
     * certificate checked, the rest its chain as presented. Worst first.
     *
     * @param intermediates extra untrusted certificates that may complete the path ({@code --chain})
     * @param serverName    the name the peer is reached by, if known (NM1)
     */
    public static List<Verdict> checkChain(List<byte[]> chain, List<byte[]> intermediates, Purpose purpose,
                                           Optional<String> serverName, Instant when, CheckOptions options) {
        throw new UnsupportedOperationException("not yet");
    }
}
