package capcert.tls;

import java.util.Set;

/**
 * How to scan a capture.
 *
 * @param ports               TCP/UDP ports to examine; empty means every port (TLS found by content)
 * @param maxBufferedPerStream out-of-order bytes held per stream direction before the oldest are dropped
 */
public record ScanOptions(Set<Integer> ports, int maxBufferedPerStream) {

    public static final int DEFAULT_MAX_BUFFERED_PER_STREAM = 4 << 20;

    public ScanOptions {
        ports = Set.copyOf(ports);
        if (maxBufferedPerStream <= 0) throw new IllegalArgumentException("maxBufferedPerStream must be positive");
    }

    public static ScanOptions defaults() {
        return new ScanOptions(Set.of(), DEFAULT_MAX_BUFFERED_PER_STREAM);
    }

    public ScanOptions withPorts(Set<Integer> newPorts) {
        return new ScanOptions(newPorts, maxBufferedPerStream);
    }

    public boolean examines(int srcPort, int dstPort) {
        return ports.isEmpty() || ports.contains(srcPort) || ports.contains(dstPort);
    }
}
