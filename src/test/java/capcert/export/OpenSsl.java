package capcert.export;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The openssl command line as an independent reader (and writer) of certificate files. */
public final class OpenSsl {

    private OpenSsl() {
    }

    public static void assumeAvailable() {
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
    public static byte[] pemToDer(Path pem) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("openssl", "x509", "-inform", "PEM", "-in", pem.toString(), "-outform", "DER")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] der = p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("openssl refused " + pem);
        }
        return der;
    }

    /** {@code openssl ARGS...}: its standard output; fails the test unless openssl exits 0. */
    public static byte[] run(String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 1];
        command[0] = "openssl";
        System.arraycopy(args, 0, command, 1, args.length);
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("openssl failed: " + String.join(" ", args));
        }
        return out;
    }
}
