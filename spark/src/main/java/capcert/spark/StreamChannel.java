package capcert.spark;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ReadableByteChannel;

/**
 * A capture's stream from a Hadoop file system (local, HDFS, S3) as the channel capcert's scanner reads:
 * straight into the scanner's own buffer, without {@code Channels.newChannel}'s 8 KB staging copy, and
 * counting the bytes read.
 */
final class StreamChannel implements ReadableByteChannel {

    private final InputStream in;
    private byte[] staging;
    private long bytesRead;
    private boolean open = true;

    StreamChannel(InputStream in) {
        this.in = in;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (!open) throw new ClosedChannelException();
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
