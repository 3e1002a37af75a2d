package capcert.spark;

import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

import java.io.File;
import java.io.IOException;
import java.net.URI;

/**
 * The local file system under the scheme {@code failing:}, whose streams break after {@link #LIMIT} bytes
 * as a connection to a data node or S3 might: a capture whose read fails half way.
 */
public final class FailingFileSystem extends RawLocalFileSystem {

    static final String SCHEME = "failing";
    static final String MESSAGE = "connection reset by the test";
    static final int LIMIT = 5000;
    /** How many times each file was opened, in this JVM: Spark's local mode runs the tasks here. */
    static final java.util.Map<String, Integer> OPENED = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public URI getUri() {
        return URI.create(SCHEME + ":///");
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }

    @Override
    public File pathToFile(Path path) {
        checkPath(path);
        return new File(makeQualified(path).toUri().getPath());
    }

    /** Statuses without the local file system's permission loading, which wants file: URIs. */
    @Override
    public FileStatus getFileStatus(Path f) throws IOException {
        return plain(super.getFileStatus(f));
    }

    @Override
    public FileStatus[] listStatus(Path f) throws IOException {
        FileStatus[] statuses = super.listStatus(f);
        for (int i = 0; i < statuses.length; i++) statuses[i] = plain(statuses[i]);
        return statuses;
    }

    private static FileStatus plain(FileStatus s) {
        return new FileStatus(s.getLen(), s.isDirectory(), 1, s.getBlockSize(), s.getModificationTime(), s.getPath());
    }

    @Override
    public FSDataInputStream open(Path f, int bufferSize) throws IOException {
        OPENED.merge(f.getName(), 1, Integer::sum);
        FSDataInputStream in = super.open(f, bufferSize);
        return new FSDataInputStream(new FSInputStream() {
            private long position;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (position >= LIMIT) throw new IOException(MESSAGE);
                int n = in.read(b, off, (int) Math.min(len, LIMIT - position));
                if (n > 0) position += n;
                return n;
            }

            @Override
            public void seek(long pos) throws IOException {
                in.seek(pos);
                position = pos;
            }

            @Override
            public long getPos() {
                return position;
            }

            @Override
            public boolean seekToNewSource(long targetPos) {
                return false;
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        });
    }
}
