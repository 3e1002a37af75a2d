package capcert.net;

/**
 * Identifies a connection whichever way a packet travels: side A is the lower (address, port).
 * One mutable instance probes the table for every packet; only a new connection stores a copy.
 */
final class FlowKey {
    long aHigh, aLow, bHigh, bLow;
    int aPort, bPort, protocol;
    private int hash;

    /** Fills this key from a packet; returns true when the packet's source is side A. */
    boolean set(Packet p) {
        protocol = p.protocol;
        boolean sourceIsA = compare(p.srcHigh, p.srcLow, p.srcPort, p.dstHigh, p.dstLow, p.dstPort) <= 0;
        if (sourceIsA) {
            aHigh = p.srcHigh; aLow = p.srcLow; aPort = p.srcPort;
            bHigh = p.dstHigh; bLow = p.dstLow; bPort = p.dstPort;
        } else {
            aHigh = p.dstHigh; aLow = p.dstLow; aPort = p.dstPort;
            bHigh = p.srcHigh; bLow = p.srcLow; bPort = p.srcPort;
        }
        long h = aHigh * 31 + aLow;
        h = h * 31 + bHigh;
        h = h * 31 + bLow;
        h = h * 31 + ((long) aPort << 17 ^ bPort << 1 ^ protocol);
        hash = Long.hashCode(h * 0x9e3779b97f4a7c15L);
        return sourceIsA;
    }

    private static int compare(long h1, long l1, int port1, long h2, long l2, int port2) {
        int c = Long.compareUnsigned(h1, h2);
        if (c == 0) c = Long.compareUnsigned(l1, l2);
        return c != 0 ? c : Integer.compare(port1, port2);
    }

    FlowKey copy() {
        FlowKey k = new FlowKey();
        k.aHigh = aHigh; k.aLow = aLow; k.bHigh = bHigh; k.bLow = bLow;
        k.aPort = aPort; k.bPort = bPort; k.protocol = protocol; k.hash = hash;
        return k;
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FlowKey k && k.aLow == aLow && k.bLow == bLow && k.aPort == aPort && k.bPort == bPort
                && k.aHigh == aHigh && k.bHigh == bHigh && k.protocol == protocol;
    }
}
