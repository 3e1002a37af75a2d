package capcert.capture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/** Bytes already read from a channel, put back before the rest of it. */
final class PrependedChannel implements ReadableByteChannel {

    private final ByteBuffer head;
    private final ReadableByteChannel rest;

    /** {@code head}'s bytes between position and limit come first; it is read, not copied. */
    PrependedChannel(ByteBuffer head, ReadableByteChannel rest) {
        this.head = head;
        this.rest = rest;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (!head.hasRemaining()) return rest.read(dst);
        int n = Math.min(dst.remaining(), head.remaining());
        dst.put(head.slice().limit(n));
        head.position(head.position() + n);
        return n;
    }

    @Override
    public boolean isOpen() {
        return rest.isOpen();
    }

    @Override
    public void close() throws IOException {
        rest.close();
    }
}
