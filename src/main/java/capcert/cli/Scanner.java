package capcert.cli;

import capcert.tls.CaptureResult;
import capcert.tls.ScanOptions;

import java.nio.file.Path;

/** The capture reader as the commands see it, so tests can feed them hand-built results. */
@FunctionalInterface
interface Scanner {
    CaptureResult scan(Path file, ScanOptions options);
}
