package capcert.tls;

/**
 * How much a scan may hold, so that no capture, however crafted, can exhaust memory. Each limit,
 * when reached, is reported once with the frame, as a problem (and a note) that names its
 * {@link capcert.capture.Limit}.
 *
 * @param maxBufferedPerStream      out-of-order bytes held per TCP direction ({@code BUFFER_PER_STREAM})
 * @param maxBufferedTotal          the same for all directions together ({@code BUFFER_TOTAL})
 * @param maxHandshakeMessage       largest handshake message gathered ({@code HANDSHAKE_MESSAGE}); a
 *                                  10,000-SAN certificate chain is about 350 KB
 * @param maxCertificatesPerMessage certificates kept from one Certificate message ({@code CERTIFICATES_PER_MESSAGE})
 * @param maxConnections            connections and flows tracked at once; past it the least recently
 *                                  active is closed ({@code CONNECTIONS})
 * @param memoryBudget              bytes one scan holds, all of the above and the rest together
 *                                  ({@code MEMORY}, a {@link capcert.capture.MemoryBudget})
 *
 * <p>Serializable: a job that reads captures on other machines sends them the limits it was given.
 */
public record Limits(int maxBufferedPerStream, long maxBufferedTotal, int maxHandshakeMessage,
                     int maxCertificatesPerMessage, int maxConnections, long memoryBudget) implements java.io.Serializable {

    /**
     * The default budget's share of the heap: a scan per core and one read ahead run at once, and
     * what a scan holds costs some more than the bytes charged for it.
     */
    public static final int HEAP_SHARE = 8;

    public Limits {
        if (maxBufferedPerStream <= 0 || maxBufferedTotal <= 0 || maxHandshakeMessage <= 0
                || maxCertificatesPerMessage <= 0 || maxConnections <= 0 || memoryBudget <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    /** The per-kind defaults, and a memory budget of {@link #HEAP_SHARE 1/8} of the maximum heap. */
    public static Limits defaults() {
        return new Limits(4 << 20, 256L << 20, 16 << 20, 1000, 200_000, Runtime.getRuntime().maxMemory() / HEAP_SHARE);
    }

    public Limits withMemoryBudget(long bytes) {
        return new Limits(maxBufferedPerStream, maxBufferedTotal, maxHandshakeMessage, maxCertificatesPerMessage, maxConnections, bytes);
    }

    public Limits withBufferedPerStream(int bytes) {
        return new Limits(bytes, maxBufferedTotal, maxHandshakeMessage, maxCertificatesPerMessage, maxConnections, memoryBudget);
    }

    public Limits withBufferedTotal(long bytes) {
        return new Limits(maxBufferedPerStream, bytes, maxHandshakeMessage, maxCertificatesPerMessage, maxConnections, memoryBudget);
    }

    public Limits withHandshakeMessage(int bytes) {
        return new Limits(maxBufferedPerStream, maxBufferedTotal, bytes, maxCertificatesPerMessage, maxConnections, memoryBudget);
    }

    public Limits withCertificatesPerMessage(int count) {
        return new Limits(maxBufferedPerStream, maxBufferedTotal, maxHandshakeMessage, count, maxConnections, memoryBudget);
    }

    public Limits withConnections(int count) {
        return new Limits(maxBufferedPerStream, maxBufferedTotal, maxHandshakeMessage, maxCertificatesPerMessage, count, memoryBudget);
    }
}
