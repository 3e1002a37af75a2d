package capcert.cli;

import capcert.export.CertificateFiles;
import capcert.export.CertificateFormat;
import capcert.trust.CertificateFile;
import capcert.trust.CertificateFileException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

@Command(name = "convert", mixinStandardHelpOptions = true,
        description = {"Write certificate files as PEM or DER (FM1). FILE may be PEM, DER or PKCS#7 (.p7b), told apart by content.",
                "By default a PEM file becomes DER (NAME.cer, or NAME-1.cer, NAME-2.cer... for a bundle) and anything else "
                        + "one PEM file (NAME.pem), next to the input.",
                "Nothing is written if any target exists, unless --force is given."})
final class ConvertCommand implements Callable<Integer> {

    private static final Set<CertificateFile.Format> KEYSTORES =
            Set.of(CertificateFile.Format.JKS, CertificateFile.Format.JCEKS, CertificateFile.Format.PKCS12);

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Certificate files.")
    private List<Path> files = new ArrayList<>();

    @Option(names = "--to", paramLabel = "FORMAT", description = "pem or der (default: PEM becomes DER, anything else PEM).")
    private CertificateFormat to;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT",
            description = "Output file (one FILE only; a DER bundle becomes OUT-1.cer, OUT-2.cer...) or an existing directory.")
    private Path output;

    @Option(names = "--force", description = "Overwrite existing files.")
    private boolean force;

    /** One file to write. */
    private record Target(Path path, byte[] content, Path input, CertificateFormat format, int certificates) {
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean intoDirectory = output != null && Files.isDirectory(output);
        if (files.size() > 1 && output != null && !intoDirectory) {
            throw new ParameterException(spec.commandLine(), "--output must be an existing directory when converting several files");
        }
        boolean unreadable = false;
        List<Target> targets = new ArrayList<>();
        for (Path file : files) {
            try {
                targets.addAll(targets(file, CertificateFile.read(file, null), intoDirectory));
            } catch (CertificateFileException e) {
                err.println("capcert: " + Text.safe(CommandLineWording.describe(e)));
                unreadable = true;
            }
        }
        refuseClashes(targets);
        for (Target t : targets) {
            if (force) {
                Files.write(t.path(), t.content());
            } else {
                Files.write(t.path(), t.content(), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            }
        }
        report(targets, out);
        return unreadable ? ExitCodes.INPUT_PROBLEMS : ExitCodes.OK;
    }

    private List<Target> targets(Path input, CertificateFile read, boolean intoDirectory) throws CertificateFileException {
        if (KEYSTORES.contains(read.format())) {
            throw new CertificateFileException(input, "a " + read.format() + " keystore: convert reads PEM, DER and PKCS#7 files"
                    + " (export certificates from a keystore with keytool -exportcert)");
        }
        CertificateFormat format = to != null ? to : read.format() == CertificateFile.Format.PEM ? CertificateFormat.DER : CertificateFormat.PEM;
        List<byte[]> ders = read.ders();
        // The output's name without extension, and the extension: as -o says, or the input's name in its place.
        boolean named = output != null && !intoDirectory;
        Path stem = named ? output.resolveSibling(base(output))
                : output == null ? input.resolveSibling(base(input)) : output.resolve(base(input));
        String extension = named ? extension(output) : "." + format.extension();
        if (format == CertificateFormat.PEM) {
            return List.of(new Target(Path.of(stem + extension), CertificateFiles.pemBundle(ders).getBytes(StandardCharsets.US_ASCII),
                    input, format, ders.size()));
        }
        if (ders.size() == 1) return List.of(new Target(Path.of(stem + extension), ders.get(0), input, format, 1));
        List<Target> out = new ArrayList<>();
        for (int i = 0; i < ders.size(); i++) {
            out.add(new Target(Path.of(stem + "-" + (i + 1) + extension), ders.get(i), input, format, 1));
        }
        return out;
    }

    /** The name without its last extension ({@code ca.der} to {@code ca}; {@code .pem} stays). */
    private static String base(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** {@code .crt} of {@code upload.crt}; empty when there is none. */
    private static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(dot) : "";
    }


    /** Checked before anything is written, so a refusal leaves no half-done conversion. */
    private void refuseClashes(List<Target> targets) throws IOException {
        Map<Path, Path> writers = new HashMap<>();
        for (Target t : targets) {
            Path key = t.path().toAbsolutePath().normalize();
            Path earlier = writers.putIfAbsent(key, t.input());
            if (earlier != null) {
                throw new IOException(t.path() + ": would be written from both " + earlier + " and " + t.input()
                        + "; convert them one at a time with -o");
            }
            for (Path input : files) {
                if (Files.exists(t.path()) && Files.exists(input) && Files.isSameFile(t.path(), input)) {
                    throw new IOException(t.path() + ": would replace the input; choose another name with -o");
                }
            }
        }
        if (force) return;
        for (Target t : targets) {
            if (Files.exists(t.path())) throw new FileAlreadyExistsException(t.path().toString());
        }
    }

    private void report(List<Target> targets, PrintWriter out) {
        for (Target t : targets) {
            out.println("Wrote " + Text.safe(t.path().toString()) + " (" + t.certificates() + " certificate"
                    + (t.certificates() == 1 ? "" : "s") + ", " + t.format() + ") from " + Text.safe(t.input().toString()));
        }
        if (targets.isEmpty()) return;
        boolean pem = targets.stream().anyMatch(t -> t.format() == CertificateFormat.PEM);
        out.println(pem
                ? "Note: Expressway takes certificates as PEM files (FM1): upload the .pem file."
                : "Note: Expressway takes certificates as PEM files only (FM1): it refuses DER as \"not a valid X.509 PEM certificate file\".");
    }
}
