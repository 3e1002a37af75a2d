package capcert.cli;

import capcert.tls.CaptureResult;
import capcert.tls.ScanOptions;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Runs the command line in-process against canned scan results. */
final class Cli {

    record Run(int code, String out, String err) {
        List<String> outLines() {
            return out.lines().toList();
        }

        List<String> errLines() {
            return err.lines().toList();
        }
    }

    /** What the fake scanner was asked, so tests can check the options passed on. */
    final List<ScanOptions> options = new ArrayList<>();
    private final Map<Path, Function<Path, CaptureResult>> results = new HashMap<>();

    /** When asked to scan {@code file}, answer {@code result} (its file name is replaced by the path asked). */
    Cli answer(Path file, CaptureResult result) {
        results.put(file, path -> new CaptureResult(path, result.handshakes(), result.problems()));
        return this;
    }

    Cli fail(Path file, RuntimeException e) {
        results.put(file, path -> {
            throw e;
        });
        return this;
    }

    Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run((file, opts) -> {
            options.add(opts);
            Function<Path, CaptureResult> answer = results.get(file);
            if (answer == null) throw new AssertionError("unexpected scan of " + file);
            return answer.apply(file);
        }, new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }
}
