package capcert.capture;

import org.pcap4j.core.BpfProgram;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.Pcaps;
import org.pcap4j.packet.namednumber.DataLinkType;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;

/**
 * A tcpdump-syntax filter, compiled by libpcap (through pcap4j) for each link type met and run on
 * every packet. Packets it rejects are skipped but still counted, so frame numbers stay those
 * Wireshark shows.
 */
public final class BpfFilter {

    private static final int SNAPLEN = 262_144;
    /** libpcap's PCAP_NETMASK_UNKNOWN: only "ip broadcast" needs a real netmask. */
    private static final Inet4Address NETMASK_UNKNOWN = netmaskUnknown();

    private final String expression;
    private final Map<Integer, BpfProgram> programs = new HashMap<>();

    private BpfFilter(String expression) {
        this.expression = expression;
    }

    /**
     * Compiles {@code expression} once for Ethernet, so a typo is reported before any file is read.
     *
     * @throws IllegalArgumentException with libpcap's message when the expression is invalid
     */
    public static BpfFilter compile(String expression) throws LibpcapUnavailableException {
        BpfFilter filter = new BpfFilter(expression);
        filter.program(LinkType.ETHERNET);
        return filter;
    }

    public String expression() {
        return expression;
    }

    /** Wraps {@code sink} so that only packets the filter accepts reach it. */
    public PacketSink wrap(PacketSink sink) {
        return (frame, epochNanos, linkType, data, originalLength) -> {
            if (accepts(linkType, data, originalLength)) sink.packet(frame, epochNanos, linkType, data, originalLength);
        };
    }

    private boolean accepts(int linkType, ByteBuffer data, int originalLength) {
        BpfProgram program;
        try {
            program = program(linkType);
        } catch (LibpcapUnavailableException | IllegalArgumentException e) {
            return false; // cannot happen after compile(); a link type libpcap cannot filter matches nothing
        }
        byte[] packet = new byte[data.remaining()];
        data.duplicate().get(packet);
        return program.applyFilter(packet, originalLength, packet.length);
    }

    private static Inet4Address netmaskUnknown() {
        try {
            return (Inet4Address) InetAddress.getByAddress(new byte[]{-1, -1, -1, -1});
        } catch (UnknownHostException e) {
            throw new AssertionError("four bytes are an IPv4 address", e);
        }
    }

    private BpfProgram program(int linkType) throws LibpcapUnavailableException {
        BpfProgram program = programs.get(linkType);
        if (program != null) return program;
        try {
            program = Pcaps.compileFilter(SNAPLEN, DataLinkType.getInstance(linkType), expression,
                    BpfProgram.BpfCompileMode.OPTIMIZE, NETMASK_UNKNOWN);
        } catch (PcapNativeException e) {
            throw new IllegalArgumentException("invalid BPF filter '" + expression + "' for " + LinkType.name(linkType)
                    + ": " + e.getMessage(), e);
        } catch (LinkageError e) {
            throw new LibpcapUnavailableException(e);
        }
        programs.put(linkType, program);
        return program;
    }
}
