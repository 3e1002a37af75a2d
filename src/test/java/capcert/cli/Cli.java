package capcert.cli;

import capcert.check.CheckOptions;
import capcert.check.Purpose;
import capcert.check.Verdict;
import capcert.tls.CaptureResult;
import capcert.tls.Handshake;
import capcert.tls.ScanOptions;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Runs the command line in-process against canned scan results and verdicts. */
final class Cli {

    record Run(int code, String out, String err) {
        List<String> outLines() {
            return out.lines().toList();
        }

        List<String> errLines() {
            return err.lines().toList();
        }
    }

    /** One call of the chain checker, as {@code check-cert} made it. */
    record ChainCall(List<byte[]> chain, List<byte[]> intermediates, Purpose purpose, Optional<String> serverName,
                     Instant when, CheckOptions options) {
    }

    /** What the fake scanner was asked, so tests can check the options passed on. */
    final List<ScanOptions> options = new ArrayList<>();
    /** The options each handshake was checked with, in order. */
    final List<CheckOptions> checkOptions = new ArrayList<>();
    final List<ChainCall> chainCalls = new ArrayList<>();
    private final Map<Path, Function<Path, CaptureResult>> results = new HashMap<>();
    private Function<Handshake, List<Verdict>> verdicts = h -> List.of();
    private List<Verdict> chainVerdicts = List.of();
    private boolean colourTerminal;
    private volatile StringWriter currentOut = new StringWriter();

    /** When asked to scan {@code file}, answer {@code result} (its file name is replaced by the path asked). */
    Cli answer(Path file, CaptureResult result) {
        return answer(file, path -> new CaptureResult(path, result.handshakes(), result.problems()));
    }

    /** When asked to scan {@code file}, answer what {@code scan} gives (it runs on a scanning thread). */
    Cli answer(Path file, Function<Path, CaptureResult> scan) {
        results.put(file, scan);
        return this;
    }

    /** Standard output so far of the run in progress: what a scan sees has already been written. */
    String outSoFar() {
        return currentOut.toString();
    }

    Cli fail(Path file, RuntimeException e) {
        results.put(file, path -> {
            throw e;
        });
        return this;
    }

    /** What the handshake checker answers. */
    Cli verdicts(Function<Handshake, List<Verdict>> answer) {
        verdicts = answer;
        return this;
    }

    /** What the chain checker answers. */
    Cli chainVerdicts(Verdict... answer) {
        chainVerdicts = List.of(answer);
        return this;
    }

    /** Pretend standard output is a terminal that takes colour. */
    Cli terminal() {
        colourTerminal = true;
        return this;
    }

    Run run(String... args) {
        StringWriter out = new StringWriter();
        currentOut = out;
        StringWriter err = new StringWriter();
        Scanner scanner = (reader, file) -> {
            options.add(reader.options());
            Function<Path, CaptureResult> answer = results.get(file);
            if (answer == null) throw new AssertionError("unexpected scan of " + file);
            return answer.apply(file);
        };
        Function<CheckOptions, HandshakeChecker> checker = opts -> (handshake, evidence) -> {
            checkOptions.add(opts);
            return verdicts.apply(handshake);
        };
        Function<CheckOptions, ChainChecker> chainChecker = opts -> (chain, intermediates, purpose, serverName, when) -> {
            chainCalls.add(new ChainCall(chain, intermediates, purpose, serverName, when, opts));
            return chainVerdicts;
        };
        int code = Main.runToEnd(new Context(scanner, checker, chainChecker, colourTerminal),
                new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }
}
