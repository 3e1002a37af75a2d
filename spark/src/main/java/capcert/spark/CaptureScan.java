package capcert.spark;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.TaskCompletionListener;

import java.io.Closeable;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.Collections;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The task that reads captures: each capture is streamed from its Hadoop file system into capcert's
 * scanner, and comes out as scan rows ({@link #schema}) while it is read — one per handshake, one per
 * problem, and last one summary. A capture that cannot be opened or whose scan fails is a problem
 * row and a "failed" summary, never a failed task.
 */
final class CaptureScan implements FlatMapFunction<Iterator<CaptureScan.Capture>, Row> {

    private static final long serialVersionUID = 1L;

    /** Rows waiting between the scanning thread and the task: a few handshakes. */
    private static final int QUEUE = 256;

    /** A capture to read: its URI, its size when listed, and the site it belongs to. */
    record Capture(String uri, long size, String site) implements Serializable {
    }

    private final CapcertLibrary capcert;
    private final HadoopConfiguration hadoop;

    CaptureScan(CapcertLibrary capcert, Configuration hadoop) {
        this.capcert = capcert;
        this.hadoop = new HadoopConfiguration(hadoop);
    }

    /** Scan rows: site, capture, then one of handshake, problem, summary. */
    static StructType schema(CapcertLibrary capcert) {
        return new StructType()
                .add("site", DataTypes.StringType)
                .add("capture", DataTypes.StringType)
                .add("handshake", capcert.handshakeSchema())
                .add("problem", CapcertLibrary.problemSchema())
                .add("summary", new StructType()
                        .add("size", DataTypes.LongType).add("bytesRead", DataTypes.LongType)
                        .add("handshakes", DataTypes.LongType).add("certificates", DataTypes.LongType)
                        .add("problems", DataTypes.LongType).add("seconds", DataTypes.DoubleType)
                        .add("status", DataTypes.StringType));
    }

    /** Status of a capture in its summary. */
    static final String READ = "read";
    static final String PROBLEMS = "problems";
    static final String FAILED = "failed";

    @Override
    public Iterator<Row> call(Iterator<Capture> captures) {
        // One capture after the other, each read only when the one before is done.
        return new Iterator<>() {
            private Iterator<Row> current = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && captures.hasNext()) current = scan(captures.next());
                return current.hasNext();
            }

            @Override
            public Row next() {
                if (!hasNext()) throw new NoSuchElementException();
                return current.next();
            }
        };
    }

    private Iterator<Row> scan(Capture capture) {
        AtomicReference<Closeable> input = new AtomicReference<>();
        HandOver<Row> rows = new HandOver<>("capcert scan of " + capture.uri(), QUEUE, out -> read(capture, input, out));
        TaskContext task = TaskContext.get();
        if (task != null) {
            task.addTaskCompletionListener(new TaskCompletionListener() {
                @Override
                public void onTaskCompletion(TaskContext context) {
                    rows.close();
                    // A task killed mid-capture: the scan stops at its next read rather than at the end of the file.
                    Closeable open = input.getAndSet(null);
                    if (open != null && context.isInterrupted()) {
                        try {
                            open.close();
                        } catch (IOException e) {
                            // Closing was only to stop the scan sooner.
                        }
                    }
                }
            });
        }
        return rows;
    }

    /**
     * Reads one capture, handing its rows to {@code out}; only {@link HandOver.Cancelled} gets out.
     * {@code input} holds the open stream while it is read.
     */
    private void read(Capture capture, AtomicReference<Closeable> input, Consumer<Row> out) {
        long start = System.nanoTime();
        long bytes = 0;
        long handshakes = 0;
        long certificates = 0;
        long problems = 0;
        String status;
        Path path = new Path(capture.uri());
        StreamChannel[] last = new StreamChannel[1];
        try {
            CapcertLibrary.Scanned scanned;
            try {
                scanned = capcert.scan(() -> {
                    FSDataInputStream in = path.getFileSystem(hadoop.get()).open(path);
                    input.set(in);
                    last[0] = new StreamChannel(in);
                    return last[0];
                }, h -> out.accept(row(capture, h, null, null)));
            } finally {
                if (last[0] != null) bytes = last[0].bytesRead();
            }
            handshakes = scanned.handshakes();
            certificates = scanned.certificates();
            for (Row problem : scanned.problems()) out.accept(row(capture, null, problem, null));
            problems = scanned.problems().size();
            status = problems == 0 ? READ : PROBLEMS;
        } catch (HandOver.Cancelled e) {
            throw e;
        } catch (IOException e) {
            out.accept(row(capture, null, CapcertLibrary.problem(0, -1, "cannot read: " + oneLine(e)), null));
            problems++;
            status = FAILED;
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            // A bug in the scan: the handshakes before it stay, the capture is reported, the job goes on.
            out.accept(row(capture, null, CapcertLibrary.problem(0, -1, "internal error: " + oneLine(e)), null));
            problems++;
            status = FAILED;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        out.accept(row(capture, null, null,
                RowFactory.create(capture.size(), bytes, handshakes, certificates, problems, seconds, status)));
    }

    private static Row row(Capture capture, Row handshake, Row problem, Row summary) {
        return RowFactory.create(capture.site(), capture.uri(), handshake, problem, summary);
    }

    private static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
        return message.replaceAll("[\\s\\p{Cntrl}]+", " ").strip();
    }

    /** Hadoop's configuration (file system settings, S3 credentials) as it travels to the tasks. */
    private static final class HadoopConfiguration implements Serializable {
        private static final long serialVersionUID = 1L;
        private transient Configuration conf;

        HadoopConfiguration(Configuration conf) {
            this.conf = conf;
        }

        Configuration get() {
            return conf;
        }

        private void writeObject(ObjectOutputStream out) throws IOException {
            out.defaultWriteObject();
            conf.write(out);
        }

        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            in.defaultReadObject();
            conf = new Configuration(false);
            conf.readFields(in);
        }
    }
}
