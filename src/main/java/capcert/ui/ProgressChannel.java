package capcert.ui;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

/**
 * A capture file as the scanner reads it, reporting how far it got and stopping the scan when the
 * user cancels: the scanner has no progress callback, but it reads everything through its channel.
 */
final class ProgressChannel implements ReadableByteChannel {

    private final ReadableByteChannel in;
    private final LongConsumer bytesRead;
    private final BooleanSupplier cancelled;
    private long total;

    ProgressChannel(ReadableByteChannel in, LongConsumer bytesRead, BooleanSupplier cancelled) {
        this.in = in;
        this.bytesRead = bytesRead;
        this.cancelled = cancelled;
    }

    /** @throws CancellationException once the user cancelled: an unchecked exception, so the scan ends at once */
    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (cancelled.getAsBoolean()) throw new CancellationException("cancelled");
        int n = in.read(dst);
        if (n > 0) {
            total += n;
            bytesRead.accept(total);
        }
        return n;
    }

    @Override
    public boolean isOpen() {
        return in.isOpen();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
