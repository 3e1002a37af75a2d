package capcert.spark;

import capcert.capture.CaptureProblem;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.GlobFilter;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.min_by;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_json;

/**
 * The inventory job: lists the captures, reads each in a task of its own ({@link CaptureScan}), keeps
 * the scan rows (memory, then local disk) and writes the tables from them, so that every capture is
 * read once whatever the number of tables.
 */
final class Inventory {

    /** The tables, each a folder under the output folder. */
    static final String OCCURRENCES = "occurrences";
    static final String CERTIFICATES = "certificates";
    static final String HANDSHAKES = "handshakes";
    static final String VERDICTS = "verdicts";
    static final String EVIDENCE = "evidence";
    static final String ERRORS = "errors";
    static final String CAPTURES = "captures";
    static final List<String> TABLES = List.of(OCCURRENCES, CERTIFICATES, HANDSHAKES, VERDICTS, EVIDENCE, ERRORS, CAPTURES);

    /** Bytes of captures per output file of the per-capture tables: a few files for a few captures, not one per capture. */
    private static final long CAPTURE_BYTES_PER_OUTPUT_FILE = 8L << 30;

    /** Timestamps as {@code list --json} writes them: UTC, microseconds. */
    static final String TIMESTAMP_FORMAT = "yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX";

    enum Format { PARQUET, JSON, CSV }

    /**
     * @param inputs      files, directories (searched recursively for {@code glob}) or glob patterns, as Hadoop paths
     * @param sitePattern finds the site in a capture's URI: its group {@code site}, else its first group,
     *                    else what it matched; without it, the name of the capture's folder
     */
    record Request(List<String> inputs, String glob, String output, Format format, boolean force,
                   Optional<Pattern> sitePattern) {
    }

    /** What was read and written. */
    record Summary(long captures, long bytes, long handshakes, long occurrences, long certificates,
                   long verdicts, long evidence, long errors, long failedCaptures, Map<String, String> tables) {
    }

    private final SparkSession spark;
    private final CapcertLibrary capcert;
    private final Configuration hadoop;

    Inventory(SparkSession spark, CapcertLibrary capcert) {
        this.spark = spark;
        this.capcert = capcert;
        this.hadoop = spark.sparkContext().hadoopConfiguration();
    }

    /**
     * @throws IllegalArgumentException when the output exists (without {@code force}) or no capture was found
     */
    Summary run(Request request) throws IOException {
        Path output = new Path(request.output());
        FileSystem outputFs = output.getFileSystem(hadoop);
        if (outputFs.exists(output) && !request.force()) {
            throw new IllegalArgumentException(request.output() + " exists: choose another --output, or give --force to replace its tables");
        }
        List<CaptureScan.Capture> captures = new ArrayList<>();
        List<Row> unreadable = new ArrayList<>();
        for (String input : request.inputs()) list(input, request, captures, unreadable);
        if (captures.isEmpty()) {
            throw new IllegalArgumentException("no capture found in " + String.join(", ", request.inputs()));
        }
        // The largest first, so that the last tasks to start are short ones.
        captures.sort(Comparator.comparingLong(CaptureScan.Capture::size).reversed());

        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        JavaRDD<Row> rows = context.parallelize(captures, captures.size())
                .mapPartitions(new CaptureScan(capcert, hadoop));
        if (!unreadable.isEmpty()) rows = rows.union(context.parallelize(unreadable, 1));
        spark.sparkContext().setJobDescription("capcert inventory: reading " + captures.size() + " captures");
        Dataset<Row> scan = spark.createDataFrame(rows, CaptureScan.schema(capcert)).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            // Every capture is read here, one task each; the tables below come from the rows kept.
            scan.count();
            return write(scan, output, request, captures);
        } finally {
            scan.unpersist();
            spark.sparkContext().setJobDescription(null);
        }
    }

    private Summary write(Dataset<Row> scan, Path output, Request request, List<CaptureScan.Capture> captures)
            throws IOException {
        long totalBytes = captures.stream().mapToLong(CaptureScan.Capture::size).sum();
        int files = (int) Math.max(1, Math.min(captures.size(), totalBytes / CAPTURE_BYTES_PER_OUTPUT_FILE + 1));
        Dataset<Row> handshakeRows = scan.where(col("handshake").isNotNull())
                .select(col("site"), col("capture"), col("handshake.*"));
        Dataset<Row> occurrences = occurrences(handshakeRows);

        Map<String, Dataset<Row>> tables = new LinkedHashMap<>();
        tables.put(OCCURRENCES, occurrences.coalesce(files));
        tables.put(CERTIFICATES, certificates(occurrences));
        tables.put(HANDSHAKES, handshakes(handshakeRows).coalesce(files));
        if (capcert.checks()) tables.put(VERDICTS, verdicts(handshakeRows).coalesce(files));
        tables.put(EVIDENCE, scan.where(col("evidence").isNotNull())
                .select(col("site"), col("capture"), col("evidence.*")).coalesce(files));
        tables.put(ERRORS, scan.where(col("problem").isNotNull())
                .select(col("site"), col("capture"), col("problem.*")).coalesce(files));
        tables.put(CAPTURES, scan.where(col("summary").isNotNull())
                .select(col("site"), col("capture"), col("summary.*")).coalesce(files));

        FileSystem fs = output.getFileSystem(hadoop);
        Map<String, String> written = new LinkedHashMap<>();
        for (String table : TABLES) {
            Path folder = new Path(output, table);
            if (!tables.containsKey(table)) {
                // A table of an earlier run that this one does not make (verdicts) must not be taken for its.
                if (request.force() && fs.exists(folder)) fs.delete(folder, true);
                continue;
            }
            spark.sparkContext().setJobDescription("capcert inventory: writing " + table);
            write(tables.get(table), folder.toString(), request.format());
            written.put(table, folder.toString());
        }

        Row counts = scan.agg(
                sum(col("summary.handshakes")),
                sum(col("summary.certificates")),
                sum(expr("if(handshake.verdicts IS NULL, 0, size(handshake.verdicts))")),
                count(col("problem")),
                sum(col("summary.bytesRead")),
                sum(expr("if(summary.status = '" + CaptureScan.FAILED + "', 1, 0)")),
                count(col("evidence"))).first();
        long distinct = occurrences.select("sha256").distinct().count();
        return new Summary(captures.size(), longOrZero(counts, 4), longOrZero(counts, 0), longOrZero(counts, 1),
                distinct, longOrZero(counts, 2), counts.getLong(6), counts.getLong(3), longOrZero(counts, 5), written);
    }

    private static long longOrZero(Row row, int i) {
        return row.isNullAt(i) ? 0 : ((Number) row.get(i)).longValue();
    }

    /**
     * One row per certificate per handshake, with where and when, the key log that decrypted it (null when
     * it was sent in clear), and every decoded field.
     */
    private Dataset<Row> occurrences(Dataset<Row> handshakes) {
        List<Column> columns = new ArrayList<>(List.of(col("site"), col("capture"), col("firstFrame"), col("c.frame").as("frame"),
                col("time"), col("transport"), col("client"), col("server"), col("sni"), col("version"), col("keySource"),
                col("c.role").as("role"), col("c.position").as("position")));
        for (StructField field : capcert.certificateSchema().fields()) {
            columns.add(col("c.certificate." + field.name()).as(field.name()));
        }
        return handshakes.select(col("site"), col("capture"), col("firstFrame"), col("time"), col("transport"),
                        col("client"), col("server"), col("sni"), col("version"),
                        expr("if(decryption.certificatesDecrypted, decryption.keySource, null)").as("keySource"),
                        explode(col("certificates")).as("c"))
                .select(columns.toArray(Column[]::new));
    }

    /** One row per distinct certificate (by SHA-256): its fields, when and where it was first and last seen, how often. */
    private Dataset<Row> certificates(Dataset<Row> occurrences) {
        List<Column> aggregates = new ArrayList<>();
        for (StructField field : capcert.certificateSchema().fields()) {
            if (!field.name().equals("sha256")) aggregates.add(first(col(field.name())).as(field.name()));
        }
        aggregates.add(min(col("time")).as("firstSeen"));
        aggregates.add(max(col("time")).as("lastSeen"));
        aggregates.add(min_by(col("capture"), col("time")).as("firstCapture"));
        aggregates.add(max_by(col("capture"), col("time")).as("lastCapture"));
        aggregates.add(count(expr("1")).as("occurrences"));
        aggregates.add(count_distinct(col("capture"), col("firstFrame")).as("handshakes"));
        aggregates.add(count_distinct(col("capture")).as("captures"));
        aggregates.add(count_distinct(col("site")).as("sites"));
        aggregates.add(expr("array_sort(collect_set(role))").as("roles"));
        return occurrences.groupBy(col("sha256"))
                .agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(Column[]::new));
    }

    /** One row per handshake, its chains as SHA-256 lists, the worst verdict when checked. */
    private Dataset<Row> handshakes(Dataset<Row> handshakes) {
        List<Column> columns = new ArrayList<>(List.of(col("site"), col("capture"), col("firstFrame"), col("time"),
                col("transport"), col("client"), col("server"), col("sni"), col("version"), col("cipherSuite"),
                col("alerts"), col("notes"), col("decryption"),
                expr("transform(filter(certificates, c -> c.role = 'server'), c -> c.certificate.sha256)").as("serverChain"),
                expr("transform(filter(certificates, c -> c.role = 'client'), c -> c.certificate.sha256)").as("clientChain"),
                size(col("certificates")).as("certificates")));
        if (capcert.checks()) columns.add(col("worst"));
        return handshakes.select(columns.toArray(Column[]::new));
    }

    /** One row per verdict, with its handshake. */
    private static Dataset<Row> verdicts(Dataset<Row> handshakes) {
        return handshakes.select(col("site"), col("capture"), col("firstFrame"), col("time"), col("client"),
                        col("server"), col("sni"), explode(col("verdicts")).as("v"))
                .select(col("site"), col("capture"), col("firstFrame"), col("time"), col("client"), col("server"),
                        col("sni"), col("v.rule"), col("v.title"), col("v.severity"), col("v.certificate"),
                        col("v.message"), col("v.remedy"));
    }

    private static void write(Dataset<Row> table, String folder, Format format) {
        switch (format) {
            case PARQUET -> table.write().mode(SaveMode.Overwrite).parquet(folder);
            case JSON -> table.write().mode(SaveMode.Overwrite)
                    .option("timestampFormat", TIMESTAMP_FORMAT)
                    .option("ignoreNullFields", "false")
                    .json(folder);
            case CSV -> flat(table).write().mode(SaveMode.Overwrite)
                    .option("header", "true")
                    .option("timestampFormat", TIMESTAMP_FORMAT)
                    .csv(folder);
        }
    }

    /** CSV holds no lists or structures: lists of text are joined with "; ", anything else becomes JSON. */
    static Dataset<Row> flat(Dataset<Row> table) {
        StructType schema = table.schema();
        List<Column> columns = new ArrayList<>();
        for (StructField field : schema.fields()) {
            Column c = col(field.name());
            if (field.dataType() instanceof ArrayType array && array.elementType() == DataTypes.StringType) {
                columns.add(concat_ws("; ", c).as(field.name()));
            } else if (field.dataType() instanceof ArrayType || field.dataType() instanceof StructType) {
                columns.add(to_json(c).as(field.name()));
            } else {
                columns.add(c);
            }
        }
        return table.select(columns.toArray(Column[]::new));
    }

    // ---- inputs -----------------------------------------------------------------------------------

    /** Adds the captures {@code input} names to {@code captures}, or a row saying why there are none to {@code unreadable}. */
    private void list(String input, Request request, List<CaptureScan.Capture> captures, List<Row> unreadable)
            throws IOException {
        Path path = new Path(input);
        FileSystem fs = path.getFileSystem(hadoop);
        FileStatus[] matches = fs.globStatus(path);
        if (matches == null || matches.length == 0) {
            String why = matches == null ? "no such file or directory" : "no file matches this pattern";
            unreadable.add(unreadableRow(input, request, why));
            return;
        }
        GlobFilter filter = new GlobFilter(request.glob());
        for (FileStatus match : matches) {
            if (!match.isDirectory()) {
                captures.add(capture(match, request));
                continue;
            }
            int before = captures.size();
            RemoteIterator<LocatedFileStatus> files = fs.listFiles(match.getPath(), true);
            while (files.hasNext()) {
                LocatedFileStatus file = files.next();
                if (filter.accept(file.getPath())) captures.add(capture(file, request));
            }
            if (captures.size() == before) {
                unreadable.add(unreadableRow(match.getPath().toString(), request,
                        "no capture files in this directory (matching " + request.glob() + ")"));
            }
        }
    }

    private static CaptureScan.Capture capture(FileStatus file, Request request) {
        String uri = file.getPath().toString();
        return new CaptureScan.Capture(uri, file.getLen(), site(uri, request.sitePattern()));
    }

    private static Row unreadableRow(String input, Request request, String why) {
        return org.apache.spark.sql.RowFactory.create(site(input, request.sitePattern()), input, null,
                CapcertLibrary.problem(new CaptureProblem.Unreadable(why)), null, null);
    }

    /** The site a capture belongs to, from its URI. */
    static String site(String uri, Optional<Pattern> pattern) {
        if (pattern.isEmpty()) {
            Path parent = new Path(uri).getParent();
            return parent == null || parent.getName().isEmpty() ? "" : parent.getName();
        }
        Matcher m = pattern.get().matcher(uri);
        if (!m.find()) return "";
        if (pattern.get().pattern().contains("(?<site>")) return m.group("site");
        return m.groupCount() > 0 ? m.group(1) : m.group();
    }

    static Format format(String name) {
        try {
            return Format.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--format: expected parquet, json or csv, not '" + name + "'", e);
        }
    }
}
