package capcert.tls;

import capcert.capture.MemoryBudget;
import capcert.net.DatagramListener;
import capcert.net.HeldBytes;
import capcert.net.Side;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Reads one UDP flow as DTLS: records per datagram, handshake messages put back together from
 * fragments that may come out of order, repeated or overlapping. Retransmitted flights are read once.
 */
final class DtlsFlowTracker implements DatagramListener {

    private static final int RECORD_HEADER = 13;
    /** The first byte of every DTLS version: DTLS 1.0, 1.2 and 1.3 are 0xfeff, 0xfefd and 0xfefc. */
    private static final int DTLS_MAJOR = 0xfe;
    private static final int FRAGMENT_HEADER = 12;
    /** Bytes held in unfinished messages per flow, before the oldest message is given up. */
    static final int MAX_PENDING_BYTES = 16 * 1024 * 1024;

    private final HandshakeFacts facts;
    private final HeldBytes heldByAll;
    private final Consumer<Optional<Handshake>> outcome;
    private final Map<Side, Map<Integer, Message>> pending = new HashMap<>();
    private final Map<Side, Set<Integer>> finished = new HashMap<>();
    private final Set<Side> encrypted = new HashSet<>();
    private long pendingBytes;
    private final MemoryBudget budget;
    /** DTLS 1.3 records of the handshake epoch, opened with a key log: null without one. */
    private Dtls13Records dtls13;

    /** {@code outcome} is told once, when the flow ends: its handshake, or none if it carried no DTLS after all. */
    /** {@code budget} is the scan's: {@code heldByAll} charges the fragments of unfinished messages to it. */
    DtlsFlowTracker(HandshakeFacts facts, HeldBytes heldByAll, Consumer<Optional<Handshake>> outcome,
                    MemoryBudget budget) {
        this.facts = facts;
        this.heldByAll = heldByAll;
        this.outcome = outcome;
        this.budget = budget;
    }

    /**
     * A DTLS 1.0/1.2/1.3 plaintext record header (RFC 7983 puts DTLS at first bytes 20-63), or a
     * handshake record of the pre-standard version 0x0100 that old OpenSSL and Cisco AnyConnect speak.
     */
    static boolean looksLikeDtls(ByteBuffer payload) {
        int p = payload.position();
        if (payload.remaining() < RECORD_HEADER) return false;
        int type = payload.get(p) & 0xff;
        int version = (payload.get(p + 1) & 0xff) << 8 | payload.get(p + 2) & 0xff;
        if (version == TlsVersion.DTLS10_OPENSSL_PRE_STANDARD) return preStandardHandshake(payload, p);
        return recordType(type) && (version == TlsVersion.DTLS10 || version == TlsVersion.DTLS12 || version == TlsVersion.DTLS13);
    }

    private static boolean recordType(int type) {
        return type >= ContentType.CHANGE_CIPHER_SPEC && type <= ContentType.TLS12_CID;
    }

    /**
     * DTLS's record versions, 0xfeXX, and the pre-standard 0x0100 (OpenSSL's DTLS1_BAD_VER) on a
     * record type DTLS has: STUN shares flows with DTLS.
     */
    private static boolean recordVersion(ByteBuffer b, int p) {
        if ((b.get(p + 1) & 0xff) == DTLS_MAJOR) return true;
        int version = (b.get(p + 1) & 0xff) << 8 | b.get(p + 2) & 0xff;
        return version == TlsVersion.DTLS10_OPENSSL_PRE_STANDARD && recordType(b.get(p) & 0xff);
    }

    /**
     * Version 0x0100 bytes are common at the start of other protocols' datagrams: only a hello in
     * epoch 0, its lengths agreeing with the datagram, is taken for DTLS.
     */
    private static boolean preStandardHandshake(ByteBuffer b, int p) {
        if ((b.get(p) & 0xff) != ContentType.HANDSHAKE || b.getShort(p + 3) != 0
                || b.remaining() < RECORD_HEADER + FRAGMENT_HEADER) {
            return false;
        }
        int length = (b.get(p + 11) & 0xff) << 8 | b.get(p + 12) & 0xff;
        int messageType = b.get(p + RECORD_HEADER) & 0xff;
        int fragmentLength = u24(b, p + RECORD_HEADER + 9);
        boolean hello = messageType == HandshakeType.CLIENT_HELLO || messageType == HandshakeType.SERVER_HELLO
                || messageType == HandshakeType.HELLO_VERIFY_REQUEST;
        return hello && length <= b.remaining() - RECORD_HEADER && fragmentLength <= length - FRAGMENT_HEADER;
    }

    /** One handshake message being put back together: its fragments by offset. */
    private static final class Message {
        final int type;
        final int length;
        final TreeMap<Integer, byte[]> fragments = new TreeMap<>();

        Message(int type, int length) {
            this.type = type;
            this.length = length;
        }

        boolean complete() {
            int covered = 0;
            for (Map.Entry<Integer, byte[]> f : fragments.entrySet()) {
                if (f.getKey() > covered) return false;
                covered = Math.max(covered, f.getKey() + f.getValue().length);
            }
            return covered >= length;
        }

        byte[] assemble() {
            byte[] whole = new byte[length];
            for (Map.Entry<Integer, byte[]> f : fragments.entrySet()) {
                int n = Math.min(f.getValue().length, length - f.getKey());
                System.arraycopy(f.getValue(), 0, whole, f.getKey(), n);
            }
            return whole;
        }
    }

    @Override
    public void datagram(Side from, ByteBuffer payload, long frame) {
        int p = payload.position();
        int end = payload.limit();
        while (end - p >= RECORD_HEADER) {
            if (dtls13 != null && Dtls13Records.unifiedHeader(payload, p)) {
                p = dtls13.record(from, payload, p, end, frame, opened -> decrypted(from, opened, frame));
                if (p < 0) return;
                continue;
            }
            int type = payload.get(p) & 0xff;
            if (!recordVersion(payload, p)) return; // DTLS 1.3 ciphertext header, or not DTLS
            int epoch = (payload.get(p + 3) & 0xff) << 8 | payload.get(p + 4) & 0xff;
            int length = (payload.get(p + 11) & 0xff) << 8 | payload.get(p + 12) & 0xff;
            int body = p + RECORD_HEADER;
            if (length > end - body) {
                facts.note(new Note.DtlsRecordCut(frame));
                return;
            }
            if (epoch == 0 && !encrypted.contains(from)) {
                switch (type) {
                    case ContentType.HANDSHAKE -> handshakeFragments(from, payload, body, body + length, frame, false);
                    case ContentType.ALERT -> {
                        if (length == 2) facts.alert(from, payload.get(body) & 0xff, payload.get(body + 1) & 0xff, frame);
                    }
                    case ContentType.CHANGE_CIPHER_SPEC -> facts.changeCipherSpec(from);
                    default -> {
                        // Application data in epoch 0 is not expected; nothing to extract.
                    }
                }
            }
            p = body + length;
        }
    }

    /** The content of a DTLS 1.3 record opened with the key log. */
    private void decrypted(Side from, Tls13RecordDecryption.Opened opened, long frame) {
        if (opened.contentType() == Tls13RecordDecryption.CONTENT_HANDSHAKE) {
            handshakeFragments(from, ByteBuffer.wrap(opened.content(), 0, opened.length()), 0, opened.length(), frame, true);
        } else if (opened.contentType() == Tls13RecordDecryption.CONTENT_ALERT && opened.length() == 2) {
            facts.alert(from, opened.content()[0] & 0xff, opened.content()[1] & 0xff, frame);
        }
    }

    private void handshakeFragments(Side from, ByteBuffer b, int p, int end, long frame, boolean decrypted) {
        while (end - p >= FRAGMENT_HEADER) {
            int type = b.get(p) & 0xff;
            int length = u24(b, p + 1);
            int sequence = (b.get(p + 4) & 0xff) << 8 | b.get(p + 5) & 0xff;
            int fragmentOffset = u24(b, p + 6);
            int fragmentLength = u24(b, p + 9);
            int body = p + FRAGMENT_HEADER;
            if (fragmentLength > end - body || fragmentOffset + (long) fragmentLength > length
                    ) {
                facts.note(new Note.MalformedDtlsFragment(facts.roleOf(from), frame));
                return;
            }
            if (length > facts.limits().maxHandshakeMessage()) {
                facts.messageOverLimit(from, type, length, frame);
                return;
            }
            p = body + fragmentLength;
            Set<Integer> done = finished.computeIfAbsent(from, s -> new HashSet<>());
            if (done.contains(sequence)) continue; // a retransmitted flight
            Map<Integer, Message> messages = pending.computeIfAbsent(from, s -> new HashMap<>());
            Message message = messages.computeIfAbsent(sequence, s -> new Message(type, length));
            if (message.type != type || message.length != length) continue;
            byte[] fragment = new byte[fragmentLength];
            b.get(body, fragment);
            byte[] previous = message.fragments.get(fragmentOffset);
            if (previous == null || previous.length < fragmentLength) {
                message.fragments.put(fragmentOffset, fragment);
                hold(fragmentLength - (previous == null ? 0 : previous.length), frame);
            }
            if (message.complete()) {
                messages.remove(sequence);
                done.add(sequence);
                byte[] whole = message.assemble();
                hold(-message.fragments.values().stream().mapToInt(f -> f.length).sum(), frame);
                if (decrypted) {
                    Tls13Messages.handle(type, whole, 0, whole.length, from, frame, facts, Tls13Messages.KeyChanges.NONE);
                    continue;
                }
                HandshakeMessages.Next next = HandshakeMessages.handle(type, whole, 0, whole.length, true, from, frame, facts);
                if (next == HandshakeMessages.Next.ENCRYPTED) {
                    encrypted.add(from);
                    if (dtls13 == null && facts.keysAtHand()) {
                        Side client = facts.roleOf(from) == Role.SERVER ? from.other() : from;
                        dtls13 = Dtls13Records.start(facts, facts.cipherSuite(), client).orElse(null);
                    }
                }
            } else if (pendingBytes > MAX_PENDING_BYTES) {
                facts.note(new Note.DtlsMessagesDropped(MAX_PENDING_BYTES, frame));
                dropPending(frame);
            } else if (budget.overBudget(frame)) {
                facts.note(new Note.DtlsMessagesOverBudget(frame));
                dropPending(frame);
            } else if (heldByAll.overLimit(frame, HeldBytes.Holder.DTLS_FRAGMENTS)) {
                facts.note(new Note.DtlsMessagesDroppedOverTotal(heldByAll.limit(), frame));
                dropPending(frame);
            }
        }
    }

    private static int u24(ByteBuffer b, int i) {
        return (b.get(i) & 0xff) << 16 | (b.get(i + 1) & 0xff) << 8 | b.get(i + 2) & 0xff;
    }

    /** {@code delta} more bytes held in unfinished messages, counted for this flow and for the scan. */
    private void hold(long delta, long frame) {
        pendingBytes += delta;
        heldByAll.change(delta, frame);
    }

    private void dropPending(long frame) {
        pending.clear();
        hold(-pendingBytes, frame);
    }

    @Override
    public void closed() {
        dropPending(0);
        outcome.accept(facts.tlsSeen() ? Optional.of(facts.toHandshake()) : Optional.empty());
    }
}
