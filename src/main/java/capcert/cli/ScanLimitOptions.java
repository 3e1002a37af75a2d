package capcert.cli;

import capcert.capture.Limit;
import capcert.tls.Limits;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.util.Locale;

/**
 * How much one capture's reading may hold, as options: every command that reads captures and the
 * Spark inventory take the same ones (a picocli mixin). Only the limits given change; the others keep
 * {@link Limits#defaults()} of the JVM that reads.
 */
public final class ScanLimitOptions {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    private Integer bufferedPerStream;
    private Long bufferedTotal;
    private Integer handshakeMessage;
    private Integer certificatesPerMessage;
    private Integer connections;
    private Long memoryBudget;

    @Option(names = CommandLineWording.MAX_BUFFER, paramLabel = "SIZE",
            description = "Bytes held per TCP direction while waiting for a missing segment (and per OpenVPN control"
                    + " channel direction for a missing packet), e.g. 512k or 16M (default: 4M).")
    private void maxBuffer(String value) {
        bufferedPerStream = (int) size(CommandLineWording.MAX_BUFFER, value, Integer.MAX_VALUE);
    }

    @Option(names = CommandLineWording.MAX_BUFFER_TOTAL, paramLabel = "SIZE",
            description = "Bytes held in all while waiting for what is missing: TCP segments, OpenVPN packets and"
                    + " unfinished DTLS handshake messages (one DTLS reader per TURN peer), all together (default: 256M).")
    private void maxBufferTotal(String value) {
        bufferedTotal = size(CommandLineWording.MAX_BUFFER_TOTAL, value, Long.MAX_VALUE / 2);
    }

    @Option(names = CommandLineWording.MAX_HANDSHAKE, paramLabel = "SIZE",
            description = "Largest handshake message gathered, e.g. a huge Certificate message (default: 16M).")
    private void maxHandshake(String value) {
        handshakeMessage = (int) size(CommandLineWording.MAX_HANDSHAKE, value, Integer.MAX_VALUE);
    }

    @Option(names = CommandLineWording.MAX_CERTIFICATES, paramLabel = "N",
            description = "Certificates kept from one Certificate message (default: 1000).")
    private void maxCertificates(int value) {
        certificatesPerMessage = positive(spec, CommandLineWording.MAX_CERTIFICATES, value);
    }

    @Option(names = CommandLineWording.MAX_CONNECTIONS, paramLabel = "N",
            description = "Connections tracked at once; the least recently active is closed past it (default: 200000).")
    private void maxConnections(int value) {
        connections = positive(spec, CommandLineWording.MAX_CONNECTIONS, value);
    }

    @Option(names = CommandLineWording.MAX_MEMORY, paramLabel = "SIZE",
            description = "Memory one capture's reading may hold, all kinds together: connections, held segments, "
                    + "handshake messages, interface tables, fragments; the least useful is dropped past it "
                    + "(default: 1/" + Limits.HEAP_SHARE + " of Java's maximum heap).")
    private void maxMemory(String value) {
        memoryBudget = size(CommandLineWording.MAX_MEMORY, value, Long.MAX_VALUE / 2);
    }

    /** {@code base} with the limits given. */
    public Limits applyTo(Limits base) {
        Limits limits = base;
        if (bufferedPerStream != null) limits = limits.withBufferedPerStream(bufferedPerStream);
        if (bufferedTotal != null) limits = limits.withBufferedTotal(bufferedTotal);
        if (handshakeMessage != null) limits = limits.withHandshakeMessage(handshakeMessage);
        if (certificatesPerMessage != null) limits = limits.withCertificatesPerMessage(certificatesPerMessage);
        if (connections != null) limits = limits.withConnections(connections);
        if (memoryBudget != null) limits = limits.withMemoryBudget(memoryBudget);
        return limits;
    }

    /** Whether the memory budget was given, rather than left to the share of the reading JVM's heap. */
    public boolean givesMemoryBudget() {
        return memoryBudget != null;
    }

    /**
     * How to raise {@code limit}, with its leading space, naming the option that sets it; {@code heap}
     * says how to give the JVM that reads more memory.
     */
    public static String howToRaise(Limit limit, String heap) {
        return switch (limit) {
            case BUFFER_PER_STREAM -> " (raise the limit with " + CommandLineWording.MAX_BUFFER + ")";
            case BUFFER_TOTAL -> " (raise the limit with " + CommandLineWording.MAX_BUFFER_TOTAL + ")";
            case HANDSHAKE_MESSAGE -> " (raise it with " + CommandLineWording.MAX_HANDSHAKE + ")";
            case CERTIFICATES_PER_MESSAGE -> " (raise the limit with " + CommandLineWording.MAX_CERTIFICATES + ")";
            case CONNECTIONS -> " (raise the limit with " + CommandLineWording.MAX_CONNECTIONS + ")";
            case MEMORY -> " (raise it with " + CommandLineWording.MAX_MEMORY + ", and " + heap + ")";
        };
    }

    static int positive(CommandSpec spec, String option, int value) {
        if (value < 1) throw new ParameterException(spec.commandLine(), "Invalid value " + value + " for " + option + ": expected 1 or more");
        return value;
    }

    private long size(String option, String value, long max) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        long unit = v.endsWith("k") ? 1024 : v.endsWith("m") ? 1024 * 1024 : v.endsWith("g") ? 1024L * 1024 * 1024 : 1;
        try {
            long size = Math.multiplyExact(Long.parseLong(unit == 1 ? v : v.substring(0, v.length() - 1)), unit);
            if (size < 1 || size > max) throw new NumberFormatException();
            return size;
        } catch (NumberFormatException | ArithmeticException e) {
            throw new ParameterException(spec.commandLine(), "Invalid size '" + value + "' for " + option
                    + ": expected e.g. 4M, 512k or 65536");
        }
    }
}
