import capcert.cli.Main;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.codegen.docgen.manpage.ManPageGenerator;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes what the distribution carries besides the jar, from the command's own definition, so it
 * never drifts from the options: a man page per command in AsciiDoc (turned into troff by the
 * build's Asciidoctor step) and the bash and zsh completion scripts.
 *
 * <p>Run by the build (pom.xml, prepare-package) as {@code java -cp CLASSPATH packaging/ReferenceDocs.java OUT}.
 */
public class ReferenceDocs {

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        CommandLine capcert = Main.reference();
        Path manPages = Files.createDirectories(out.resolve("adoc"));
        int status = ManPageGenerator.generateManPage(manPages.toFile(), null, new boolean[0], true, capcert.getCommandSpec());
        if (status != 0) throw new IllegalStateException("ManPageGenerator ended with status " + status);

        Path completion = Files.createDirectories(out.resolve("completion"));
        // Picocli's script is written for bash and runs in zsh through bashcompinit, which it loads
        // itself: the same script, under each shell's name, to source from ~/.bashrc or ~/.zshrc.
        String script = AutoComplete.bash("capcert", capcert);
        Files.writeString(completion.resolve("capcert.bash"), script);
        Files.writeString(completion.resolve("capcert.zsh"), script);
    }
}
