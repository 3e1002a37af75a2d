package capcert.tls;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How to scan a capture.
 *
 * @param ports  TCP/UDP ports to examine; empty means every port (TLS found by content)
 * @param limits what the scan may hold in memory
 * @param reader which reader parses the file
 * @param bpf    a tcpdump-syntax filter packets must pass, if any
 * @param keyLog TLS 1.3 secrets to decrypt with (merged with those a pcapng capture carries itself)
 */
public record ScanOptions(Set<Integer> ports, Limits limits, Reader reader, Optional<String> bpf, KeyLog keyLog) {

    /** The built-in streaming reader, or the system libpcap through pcap4j. */
    public enum Reader { JAVA, LIBPCAP }

    public ScanOptions {
        ports = Set.copyOf(ports);
        Objects.requireNonNull(limits);
        Objects.requireNonNull(reader);
        Objects.requireNonNull(bpf);
        Objects.requireNonNull(keyLog);
    }

    public ScanOptions(Set<Integer> ports, Limits limits, Reader reader, Optional<String> bpf) {
        this(ports, limits, reader, bpf, KeyLog.empty());
    }

    public static ScanOptions defaults() {
        return new ScanOptions(Set.of(), Limits.defaults(), Reader.JAVA, Optional.empty());
    }

    public ScanOptions withPorts(Set<Integer> newPorts) {
        return new ScanOptions(newPorts, limits, reader, bpf, keyLog);
    }

    public ScanOptions withLimits(Limits newLimits) {
        return new ScanOptions(ports, newLimits, reader, bpf, keyLog);
    }

    public ScanOptions withReader(Reader newReader) {
        return new ScanOptions(ports, limits, newReader, bpf, keyLog);
    }

    public ScanOptions withBpf(String expression) {
        return new ScanOptions(ports, limits, reader, Optional.of(expression), keyLog);
    }

    public ScanOptions withKeyLog(KeyLog newKeyLog) {
        return new ScanOptions(ports, limits, reader, bpf, newKeyLog);
    }
}
