package capcert.spark;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "sql", mixinStandardHelpOptions = true,
        description = {"Run a Spark SQL query on an inventory: its tables are the views occurrences, certificates, "
                + "handshakes, verdicts, errors and captures. Prints the result as tab-separated text with a header."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the query ran", "2:usage error, or a query Spark could not analyse", "4:the query failed"})
final class SqlCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--inventory", required = true, paramLabel = "DIR", description = "The --output folder of inventory.")
    private String inventory;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "parquet",
            description = "The format the inventory was written in: parquet, json or csv (default: ${DEFAULT-VALUE}).")
    private String format;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master (default: spark-submit's, else local[*]).")
    private String master;

    @Parameters(paramLabel = "QUERY", description = "The query, e.g. \"SELECT site, count(*) FROM verdicts WHERE severity = 'FAIL' GROUP BY site\".")
    private String query;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Inventory.Format tables;
        try {
            tables = Inventory.format(format);
        } catch (IllegalArgumentException e) {
            err.println("capcert-spark: " + e.getMessage());
            return Main.USAGE;
        }
        SparkSession spark = InventoryCommand.session(master, java.util.Map.of("spark.ui.enabled", "false"));
        try {
            Path root = new Path(inventory);
            FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
            int views = 0;
            for (String table : Inventory.TABLES) {
                Path folder = new Path(root, table);
                if (!fs.exists(folder)) continue;
                read(spark, folder.toString(), tables).createOrReplaceTempView(table);
                views++;
            }
            if (views == 0) {
                err.println("capcert-spark: " + inventory + " holds no inventory table");
                return Main.USAGE;
            }
            Dataset<Row> result;
            try {
                result = spark.sql(query);
            } catch (Exception e) {
                // Scala declares no exceptions: an AnalysisException (unknown table or column, bad syntax) is the user's.
                if (!(e instanceof AnalysisException analysis)) throw e;
                err.println("capcert-spark: " + analysis.getSimpleMessage());
                return Main.USAGE;
            }
            out.println(String.join("\t", result.columns()));
            for (java.util.Iterator<Row> rows = result.toLocalIterator(); rows.hasNext(); ) {
                Row row = rows.next();
                List<String> cells = new ArrayList<>();
                for (int i = 0; i < row.length(); i++) cells.add(row.isNullAt(i) ? "" : cell(row, i));
                out.println(String.join("\t", cells));
            }
            out.flush();
            return Main.OK;
        } finally {
            spark.stop();
        }
    }

    private static Dataset<Row> read(SparkSession spark, String folder, Inventory.Format format) {
        return switch (format) {
            case PARQUET -> spark.read().parquet(folder);
            // Text formats carry no types: times are read back as times, as written.
            case JSON -> spark.read().option("timestampFormat", Inventory.TIMESTAMP_FORMAT).option("inferTimestamp", "true").json(folder);
            case CSV -> spark.read().option("header", "true").option("inferSchema", "true")
                    .option("timestampFormat", Inventory.TIMESTAMP_FORMAT).csv(folder);
        };
    }

    /** Times as ISO-8601 UTC, lists joined with "; ", tabs and line breaks as spaces. */
    private static String cell(Row row, int i) {
        Object value = row.get(i);
        String text;
        if (row.schema().fields()[i].dataType() instanceof org.apache.spark.sql.types.ArrayType) {
            text = String.join("; ", row.getList(i).stream().map(String::valueOf).toList());
        } else if (value instanceof java.sql.Timestamp t) {
            text = t.toInstant().toString();
        } else {
            text = value.toString();
        }
        return text.replaceAll("[\\t\\r\\n]", " ");
    }
}
