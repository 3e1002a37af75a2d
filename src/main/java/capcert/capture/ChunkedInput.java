package capcert.capture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ReadableByteChannel;

/**
 * A large reusable read buffer over a channel. Bytes between position and limit are unread. The
 * buffer only grows when a block bigger than it actually arrives, doubling as bytes come in, so a
 * length field claiming gigabytes costs nothing until the bytes are really there.
 */
final class ChunkedInput {

    private final ReadableByteChannel channel;
    private ByteBuffer buffer;
    private long bufferStartOffset;
    private boolean endOfInput;

    ChunkedInput(ReadableByteChannel channel, int initialCapacity) {
        this.channel = channel;
        this.buffer = ByteBuffer.allocate(initialCapacity);
        this.buffer.limit(0);
    }

    /** Ensures {@code n} unread bytes; false when the input ends first (then all that exists is buffered). */
    boolean request(int n) throws IOException {
        while (buffer.remaining() < n) {
            if (endOfInput) return false;
            if (buffer.limit() == buffer.capacity()) makeRoom();
            int position = buffer.position();
            buffer.position(buffer.limit());
            buffer.limit(buffer.capacity());
            int read = channel.read(buffer);
            int newLimit = buffer.position();
            buffer.limit(newLimit);
            buffer.position(position);
            if (read < 0) endOfInput = true;
        }
        return true;
    }

    private void makeRoom() {
        int unread = buffer.remaining();
        int position = buffer.position();
        if (position > 0) {
            System.arraycopy(buffer.array(), position, buffer.array(), 0, unread);
            bufferStartOffset += position;
            buffer.position(0);
            buffer.limit(unread);
            return;
        }
        int newCapacity = (int) Math.min(Integer.MAX_VALUE - 16L, (long) buffer.capacity() * 2);
        ByteBuffer bigger = ByteBuffer.allocate(newCapacity).order(buffer.order());
        bigger.put(buffer.array(), 0, unread);
        bigger.flip();
        buffer = bigger;
    }

    /** The buffer; unread bytes start at its position. Valid until the next {@link #request}. */
    ByteBuffer buffer() {
        return buffer;
    }

    int available() {
        return buffer.remaining();
    }

    /** File offset of the next unread byte. */
    long offset() {
        return bufferStartOffset + buffer.position();
    }

    void order(ByteOrder order) {
        buffer.order(order);
    }

    /**
     * The unread bytes as a channel: those already buffered, then the rest of the input. This
     * input must not be used afterwards.
     */
    ReadableByteChannel remainder() {
        // A channel at its end keeps answering -1.
        return new PrependedChannel(buffer.slice(), channel);
    }

    /** Skips {@code n} bytes; false when the input ends first. */
    boolean skip(long n) throws IOException {
        while (n > 0) {
            if (buffer.remaining() == 0 && !request(1)) return false;
            int step = (int) Math.min(n, buffer.remaining());
            buffer.position(buffer.position() + step);
            n -= step;
        }
        return true;
    }
}
