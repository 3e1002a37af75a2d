package capcert.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ReadableByteChannel;
import java.util.function.BooleanSupplier;

/**
 * A capture's stream from a Hadoop file system (local, HDFS, S3) as the channel capcert's scanner reads:
 * straight into the scanner's own buffer, without {@code Channels.newChannel}'s 8 KB staging copy, and
 * counting the bytes read. It stops at the first read after its task is killed, so that the scan ends
 * there rather than at the end of the file.
 */
final class StreamChannel implements ReadableByteChannel {

    private final InputStream in;
    private final BooleanSupplier killed;
    private byte[] staging;
    private long bytesRead;
    private boolean open = true;

    StreamChannel(InputStream in, BooleanSupplier killed) {
        this.in = in;
        this.killed = killed;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (!open) throw new ClosedChannelException();
        if (killed.getAsBoolean()) throw new InterruptedIOException("the task reading this capture was killed");
        if (!dst.hasRemaining()) return 0;
        int n;
        if (dst.hasArray()) {
            n = in.read(dst.array(), dst.arrayOffset() + dst.position(), dst.remaining());
            if (n > 0) dst.position(dst.position() + n);
        } else {
            if (staging == null) staging = new byte[64 * 1024];
            n = in.read(staging, 0, Math.min(staging.length, dst.remaining()));
            if (n > 0) dst.put(staging, 0, n);
        }
        if (n > 0) bytesRead += n;
        return n;
    }

    long bytesRead() {
        return bytesRead;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() throws IOException {
        open = false;
        in.close();
    }
}
