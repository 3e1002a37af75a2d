package capcert.tls;

import java.util.Set;

/**
 * How to scan a capture.
 *
 * @param ports  TCP/UDP ports to examine; empty means every port (TLS found by content)
 * @param limits what the scan may hold in memory
 */
public record ScanOptions(Set<Integer> ports, Limits limits) {

    public ScanOptions {
        ports = Set.copyOf(ports);
    }

    public static ScanOptions defaults() {
        return new ScanOptions(Set.of(), Limits.defaults());
    }

    public ScanOptions withPorts(Set<Integer> newPorts) {
        return new ScanOptions(newPorts, limits);
    }

    public ScanOptions withLimits(Limits newLimits) {
        return new ScanOptions(ports, newLimits);
    }
}
