package capcert.export;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The openssl command line as an independent reader of what the exporter writes. */
final class OpenSsl {

    private OpenSsl() {
    }

    static void assumeAvailable() {
        boolean available;
        try {
            Process p = new ProcessBuilder("openssl", "version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            available = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            available = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            available = false;
        }
        Assumptions.assumeTrue(available, "openssl not on PATH");
    }

    /** {@code openssl x509 -inform PEM -outform DER}: fails unless the PEM is well formed. */
    static byte[] pemToDer(Path pem) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("openssl", "x509", "-inform", "PEM", "-in", pem.toString(), "-outform", "DER")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] der = p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("openssl refused " + pem);
        }
        return der;
    }
}
