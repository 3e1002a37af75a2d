package capcert.spark;

import capcert.capture.CaptureProblem;
import capcert.capture.Problem;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.TaskKilledException;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.TaskCompletionListener;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.channels.ReadableByteChannel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The task that reads captures: each capture is streamed from its Hadoop file system into capcert's
 * scanner, and comes out as scan rows ({@link #schema}) while it is read — one per handshake, pulled
 * from the scanner as Spark asks for the next row, then one per problem and per piece of evidence,
 * and last one summary. A capture that cannot be opened or whose scan fails is a problem row and a
 * "failed" summary, never a failed task.
 */
final class CaptureScan implements FlatMapFunction<Iterator<CaptureScan.Capture>, Row> {

    private static final long serialVersionUID = 2L;

    /** A capture to read: its URI, its size when listed, and the site it belongs to. */
    record Capture(String uri, long size, String site) implements Serializable {
    }

    private final CapcertLibrary capcert;
    private final HadoopConfiguration hadoop;

    CaptureScan(CapcertLibrary capcert, Configuration hadoop) {
        this.capcert = capcert;
        this.hadoop = new HadoopConfiguration(hadoop);
    }

    /** Scan rows: site, capture, then one of handshake, problem, evidence, summary. */
    static StructType schema(CapcertLibrary capcert) {
        return new StructType()
                .add("site", DataTypes.StringType)
                .add("capture", DataTypes.StringType)
                .add("handshake", capcert.handshakeSchema())
                .add("problem", CapcertLibrary.problemSchema())
                .add("evidence", capcert.evidenceSchema())
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
        TaskContext task = TaskContext.get();
        // One capture after the other, each read only when the one before is done.
        return new Iterator<>() {
            private Iterator<Row> current = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && captures.hasNext()) current = new CaptureRows(captures.next(), task);
                return current.hasNext();
            }

            @Override
            public Row next() {
                if (!hasNext()) throw new NoSuchElementException();
                return current.next();
            }
        };
    }

    /**
     * One capture's rows: its handshakes as the scanner reads them, then its problems, evidence and summary.
     * Only a killed task stops it; anything else that goes wrong is a problem row.
     */
    private final class CaptureRows implements Iterator<Row> {
        private final Capture capture;
        private final TaskContext task;
        private final long start = System.nanoTime();
        private final List<Row> problems = new ArrayList<>();
        private CapcertLibrary.Reading reading;
        private StreamChannel last;
        /** The next handshake's row, made by {@link #hasNext()} so that a failure to make it is a problem row. */
        private Row pending;
        /** The rows after the handshakes, once they are all out. */
        private Iterator<Row> tail;
        private String status = READ;

        CaptureRows(Capture capture, TaskContext task) {
            this.capture = capture;
            this.task = task;
            try {
                reading = capcert.open(this::open);
                if (task != null) {
                    task.addTaskCompletionListener(new TaskCompletionListener() {
                        @Override
                        public void onTaskCompletion(TaskContext context) {
                            closeReading();
                        }
                    });
                }
            } catch (IOException e) {
                failed(new CaptureProblem.Unreadable("cannot read: " + oneLine(e)));
            } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                failed(new CaptureProblem.ScanFailed(oneLine(e)));
            }
        }

        /** Opens the capture: once, or twice when the verdicts need what it carries first. */
        private ReadableByteChannel open() throws IOException {
            Path path = new Path(capture.uri());
            FSDataInputStream in = path.getFileSystem(hadoop.get()).open(path);
            last = new StreamChannel(in, this::killed);
            return last;
        }

        private boolean killed() {
            return task != null && task.isInterrupted();
        }

        @Override
        public boolean hasNext() {
            stopIfKilled();
            if (pending != null) return true;
            if (tail != null) return tail.hasNext();
            try {
                if (reading != null && reading.hasNext()) {
                    pending = row(capture, reading.next(), null, null, null);
                    return true;
                }
            } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                // A bug in the scan or the check: the handshakes before it stay, the capture is reported, the job goes on.
                failed(new CaptureProblem.ScanFailed(oneLine(e)));
            }
            // A kill stops the scan at its next read, which ends its handshakes: they are not all there.
            stopIfKilled();
            tail = tail().iterator();
            return tail.hasNext();
        }

        private void stopIfKilled() {
            if (killed()) {
                throw new TaskKilledException(task.getKillReason().isDefined() ? task.getKillReason().get() : "killed");
            }
        }

        @Override
        public Row next() {
            if (!hasNext()) throw new NoSuchElementException();
            if (pending == null) return tail.next();
            Row handshake = pending;
            pending = null;
            return handshake;
        }

        private void failed(Problem problem) {
            problems.add(CapcertLibrary.problem(problem));
            status = FAILED;
        }

        private List<Row> tail() {
            List<Row> rows = new ArrayList<>();
            long handshakes = 0;
            long certificates = 0;
            if (reading != null) {
                handshakes = reading.handshakes();
                certificates = reading.certificates();
                List<Row> found = reading.problems();
                if (!found.isEmpty() && status.equals(READ)) status = PROBLEMS;
                problems.addAll(0, found);
                for (Row evidence : reading.evidence()) rows.add(row(capture, null, null, evidence, null));
                closeReading();
            }
            for (Row problem : problems) rows.add(row(capture, null, problem, null, null));
            long bytes = last == null ? 0 : last.bytesRead();
            double seconds = (System.nanoTime() - start) / 1e9;
            rows.add(row(capture, null, null, null, RowFactory.create(capture.size(), bytes, handshakes, certificates,
                    (long) problems.size(), seconds, status)));
            return rows;
        }

        private void closeReading() {
            if (reading == null) return;
            try {
                reading.close();
            } catch (IOException e) {
                // Only read from: nothing is lost when closing fails.
            }
        }
    }

    private static Row row(Capture capture, Row handshake, Row problem, Row evidence, Row summary) {
        return RowFactory.create(capture.site(), capture.uri(), handshake, problem, evidence, summary);
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
