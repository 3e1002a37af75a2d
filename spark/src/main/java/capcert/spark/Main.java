package capcert.spark;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;

import java.io.PrintWriter;

/**
 * {@code capcert-spark}: capcert's certificate inventory over capture archives, on Spark. Run with
 * {@code java -jar capcert-spark.jar inventory ...} it starts Spark in this JVM on every core
 * ({@code local[*]}); under {@code spark-submit} it runs on the cluster spark-submit names.
 */
@Command(name = "capcert-spark", mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "capcert's certificate inventory over capture archives, on Apache Spark.",
        subcommands = {InventoryCommand.class, SqlCommand.class, HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:the inventory was written (captures that could not be read are in its errors table)",
                "2:usage error",
                "4:the job failed"})
public final class Main implements Runnable {

    /** Exit codes, as capcert's. */
    static final int OK = 0;
    static final int USAGE = 2;
    static final int FAILED = 4;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        int code = run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        System.exit(code);
    }

    static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            err.println("capcert-spark: internal error: " + e);
            e.printStackTrace(err);
            return FAILED;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: try 'inventory --help'");
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {"capcert-spark " + (version == null ? "(development build)" : version)
                    + ", Spark " + org.apache.spark.package$.MODULE$.SPARK_VERSION()};
        }
    }
}
