package capcert.tls;

import java.util.Set;

/**
 * How to scan a capture.
 *
 * @param ports                TCP/UDP ports to examine; empty means every port (TLS found by content)
 * @param maxBufferedPerStream out-of-order bytes held per stream direction before its gap is skipped
 * @param maxBufferedTotal     out-of-order bytes held by all streams together, the same way
 */
public record ScanOptions(Set<Integer> ports, int maxBufferedPerStream, long maxBufferedTotal) {

    public static final int DEFAULT_MAX_BUFFERED_PER_STREAM = 4 << 20;
    public static final long DEFAULT_MAX_BUFFERED_TOTAL = 256L << 20;

    public ScanOptions {
        ports = Set.copyOf(ports);
        if (maxBufferedPerStream <= 0 || maxBufferedTotal <= 0) throw new IllegalArgumentException("buffer limits must be positive");
    }

    public ScanOptions(Set<Integer> ports, int maxBufferedPerStream) {
        this(ports, maxBufferedPerStream, DEFAULT_MAX_BUFFERED_TOTAL);
    }

    public static ScanOptions defaults() {
        return new ScanOptions(Set.of(), DEFAULT_MAX_BUFFERED_PER_STREAM, DEFAULT_MAX_BUFFERED_TOTAL);
    }

    public ScanOptions withPorts(Set<Integer> newPorts) {
        return new ScanOptions(newPorts, maxBufferedPerStream, maxBufferedTotal);
    }

    public boolean examines(int srcPort, int dstPort) {
        return ports.isEmpty() || ports.contains(srcPort) || ports.contains(dstPort);
    }
}
