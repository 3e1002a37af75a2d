package capcert.tls;

import capcert.capture.MemoryBudget;
import capcert.net.Side;
import capcert.net.StreamListener;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One direction of a TCP connection, read as TLS. It first looks for where TLS starts (at once, or
 * after a STARTTLS-style plaintext preamble, or after bytes that were not captured), then follows the
 * record layer and gathers handshake messages across records until the sender's traffic turns
 * encrypted. From then on it wants no more bytes, so the reassembler stops buffering for it.
 */
final class TlsStreamParser {

    /** Plaintext examined for a TLS start before the direction is taken to carry no TLS. */
    static final int SEEK_LIMIT = 256 * 1024;
    private static final int MAX_RECORD = 16384 + 2048;
    /**
     * Where to look for a start of TLS, a longer message is taken for bytes that only look like a
     * header. Whether a real one is then gathered is the configured limit's call.
     */
    private static final int PLAUSIBLE_MESSAGE = 1 << 28;
    private static final int LOOKAHEAD = 11;


    private enum State { SEEKING, RECORDS, SSL2, DONE }

    private final Side side;
    private final HandshakeFacts facts;
    private State state = State.SEEKING;
    private boolean atStart = true;
    private long lastFrame;
    private boolean afterLoss;
    private long seekedBytes;
    private byte[] carry = new byte[0];

    private final byte[] header = new byte[5];
    private int headerFill;
    private int recordType;
    private int recordLength;
    private int recordRemaining;
    private final byte[] alert = new byte[2];
    private final HandshakeBuffer handshake;
    private final MemoryBudget budget;
    /** Bytes of a handshake message cut by a loss that are still to come and must be dropped. */
    private long handshakeSkip;
    /** A loss hid where handshake messages start; wait for a record that begins with one. */
    private boolean handshakeBoundaryLost;
    /** The body of an encrypted TLS 1.3 record being gathered for decryption; null without keys. */
    private byte[] sealed;
    /** This side's handshake messages now come out of decrypted records. */
    private boolean decrypted;

    TlsStreamParser(Side side, HandshakeFacts facts) {
        this(side, facts, new HandshakeBuffer.Spares(), new MemoryBudget(Long.MAX_VALUE, problem -> { }));
    }

    /** {@code spares} is shared by the connections of one scan (and so by one thread), and so is {@code budget}. */
    TlsStreamParser(Side side, HandshakeFacts facts, HandshakeBuffer.Spares spares, MemoryBudget budget) {
        this.side = side;
        this.facts = facts;
        this.handshake = new HandshakeBuffer(spares, budget);
        this.budget = budget;
    }

    /** Nothing more will be read: the buffers go, their charges with them. */
    private void release() {
        handshake.release();
        if (sealed != null) budget.release(sealed.length);
        sealed = null;
    }

    boolean done() {
        return state == State.DONE;
    }

    /** Wants no more bytes: the connection is known to carry no TLS. */
    void stop() {
        state = State.DONE;
        release();
    }

    void data(byte[] bytes, int offset, int length, long frame) {
        lastFrame = frame;
        while (length > 0 && state != State.DONE) {
            int used = switch (state) {
                case SEEKING -> seek(bytes, offset, length, frame);
                case RECORDS -> records(bytes, offset, length, frame);
                case SSL2 -> ssl2(bytes, offset, length, frame);
                case DONE -> length;
            };
            offset += used;
            length -= used;
        }
        atStart = false;
        if (state == State.DONE) release();
    }

    void gap(long length, long frame) {
        atStart = false;
        if (state == State.DONE) return;
        if (facts.decrypts(side)) {
            facts.recordDecryption().lost(side, frame);
            state = State.DONE;
            return;
        }
        boolean unknown = length == StreamListener.UNKNOWN_LENGTH;
        if (facts.tlsSeen()) {
            facts.note(unknown ? new Note.PacketsNotCaptured(facts.roleOf(side), frame)
                    : new Note.BytesNotCaptured(facts.roleOf(side), length, frame));
        }
        // A loss of unknown size loses the framing: as if it were longer than anything being read.
        if (unknown) length = Long.MAX_VALUE / 2;
        if (state == State.RECORDS && recordRemaining > 0 && length <= recordRemaining) {
            recordRemaining -= (int) length;
            if (recordType == ContentType.HANDSHAKE) handshakeLoss(length, frame);
            else if (recordType == ContentType.ALERT) recordType = ContentType.HEARTBEAT; // its bytes are gone: ignore the rest
            return;
        }
        if (state == State.RECORDS && recordType == ContentType.HANDSHAKE) handshakeLoss(length, frame);
        loseSync();
    }

    /** The connection ended: a message still being gathered will never be whole. */
    void end() {
        if (state == State.RECORDS && handshake.available() >= 4) keepWholeCertificates(true, lastFrame);
        release();
    }

    /** Bytes from the middle of the handshake stream are lost: keep what is whole, skip the rest of the message. */
    private void handshakeLoss(long lost, long frame) {
        if (handshakeSkip > 0) {
            handshakeSkip -= Math.min(handshakeSkip, lost);
            if (handshakeSkip > 0 || lost == 0) return;
        }
        if (handshake.available() >= 4) {
            long messageLength = 4L + handshake.u24(1);
            long stillToCome = messageLength - handshake.available() - lost;
            keepWholeCertificates(false, frame);
            handshake.clear();
            if (stillToCome >= 0) {
                handshakeSkip = stillToCome;
                return;
            }
        }
        handshake.clear();
        handshakeBoundaryLost = true;
    }

    /** From a Certificate message cut short (by lost bytes, or the end of the capture), the certificates that arrived whole. */
    private void keepWholeCertificates(boolean captureEnded, long frame) {
        if (handshake.u8(0) != HandshakeType.CERTIFICATE) return;
        List<CertificateBytes> whole = HandshakeMessages.certificatesBefore(handshake.array(), handshake.start() + 4,
                handshake.available() - 4);
        facts.note(new Note.CertificateMessageCut(facts.roleOf(side), frame, captureEnded, whole.size()));
        facts.certificatesBeforeCut(side, whole, frame);
    }

    private void loseSync() {
        state = State.SEEKING;
        afterLoss = true;
        carry = new byte[0];
        headerFill = 0;
        recordRemaining = 0;
        handshake.clear();
        handshakeSkip = 0;
        handshakeBoundaryLost = false;
    }

    // ---- finding where TLS starts --------------------------------------------------------

    /** Returns how many bytes of the chunk were used; fewer than {@code length} once TLS is found. */
    private int seek(byte[] bytes, int offset, int length, long frame) {
        if (carry.length > 0) {
            byte[] window = Arrays.copyOf(carry, carry.length + Math.min(length, LOOKAHEAD));
            System.arraycopy(bytes, offset, window, carry.length, window.length - carry.length);
            for (int i = 0; i < carry.length; i++) {
                if (window.length - i < LOOKAHEAD) {
                    byte[] kept = Arrays.copyOf(Arrays.copyOfRange(carry, i, carry.length), carry.length - i + length);
                    System.arraycopy(bytes, offset, kept, carry.length - i, length);
                    carry = kept;
                    return length;
                }
                State found = startsTls(window, i, false);
                if (found != null) {
                    byte[] tail = Arrays.copyOfRange(carry, i, carry.length);
                    carry = new byte[0];
                    enter(found);
                    data(tail, 0, tail.length, frame);
                    return 0;
                }
            }
            carry = new byte[0];
        }
        int limit = offset + length;
        if (atStart && !afterLoss && seekedBytes == 0 && length >= LOOKAHEAD) {
            State found = startsTls(bytes, offset, true);
            if (found != null) {
                enter(found);
                return 0;
            }
        }
        int lastStart = limit - LOOKAHEAD;
        for (int i = offset; i <= lastStart; i++) {
            if (bytes[i] != ContentType.HANDSHAKE) continue; // the cheap test first: most bytes are not 0x16
            State found = startsTls(bytes, i, false);
            if (found != null) {
                enter(found);
                return i - offset;
            }
        }
        carry = Arrays.copyOfRange(bytes, Math.max(offset, lastStart + 1), limit);
        seekedBytes += length;
        if (seekedBytes > SEEK_LIMIT && !facts.tlsSeen()) state = State.DONE;
        return length;
    }

    private void enter(State found) {
        state = found;
        facts.markTls();
    }

    /** Does a connection's TLS (or SSLv2) start at {@code i}? Needs {@link #LOOKAHEAD} bytes. */
    static boolean startsTls(byte[] b, int i) {
        return startsTls(b, i, true) != null;
    }

    /** Does a TLS (or SSLv2) record start at {@code i}? Needs {@link #LOOKAHEAD} bytes. */
    private static State startsTls(byte[] b, int i, boolean streamStart) {
        int type = b[i] & 0xff;
        if (streamStart && (type & 0x80) != 0) {
            int messageType = b[i + 2] & 0xff;
            int version = (b[i + 3] & 0xff) << 8 | b[i + 4] & 0xff;
            int length = (type & 0x7f) << 8 | b[i + 1] & 0xff;
            if ((messageType == Ssl2Messages.CLIENT_HELLO || messageType == Ssl2Messages.SERVER_HELLO) && length > 9) {
                boolean knownVersion = version == TlsVersion.SSL2 || version >= TlsVersion.SSL3 && version <= TlsVersion.TLS13;
                if (messageType == Ssl2Messages.CLIENT_HELLO && knownVersion) return State.SSL2;
                int serverVersion = (b[i + 5] & 0xff) << 8 | b[i + 6] & 0xff; // after session-id-hit and certificate type
                if (messageType == Ssl2Messages.SERVER_HELLO && serverVersion == TlsVersion.SSL2) return State.SSL2;
            }
        }
        if (type != ContentType.HANDSHAKE || b[i + 1] != ContentType.TLS_MAJOR || (b[i + 2] & 0xff) > ContentType.HIGHEST_TLS_MINOR) {
            return null;
        }
        int recordLength = (b[i + 3] & 0xff) << 8 | b[i + 4] & 0xff;
        if (recordLength < 4 || recordLength > MAX_RECORD) return null;
        int messageType = b[i + 5] & 0xff;
        int messageLength = (b[i + 6] & 0xff) << 16 | (b[i + 7] & 0xff) << 8 | b[i + 8] & 0xff;
        switch (messageType) {
            case HandshakeType.CLIENT_HELLO, HandshakeType.SERVER_HELLO -> {
                boolean helloVersion = b[i + 9] == ContentType.TLS_MAJOR && (b[i + 10] & 0xff) <= ContentType.HIGHEST_TLS_MINOR;
                return helloVersion && messageLength >= 38 && messageLength < 65536 ? State.RECORDS : null;
            }
            case HandshakeType.CERTIFICATE, HandshakeType.SERVER_KEY_EXCHANGE, HandshakeType.CERTIFICATE_REQUEST,
                    HandshakeType.SERVER_HELLO_DONE, HandshakeType.CLIENT_KEY_EXCHANGE, HandshakeType.CERTIFICATE_STATUS -> {
                return messageLength < PLAUSIBLE_MESSAGE ? State.RECORDS : null;
            }
            default -> {
                return null;
            }
        }
    }

    // ---- the record layer ------------------------------------------------------------------

    private int records(byte[] bytes, int offset, int length, long frame) {
        int used = 0;
        if (recordRemaining == 0) {
            int take = Math.min(5 - headerFill, length);
            System.arraycopy(bytes, offset, header, headerFill, take);
            headerFill += take;
            used = take;
            if (headerFill < 5) return used;
            headerFill = 0;
            recordType = header[0] & 0xff;
            recordLength = (header[3] & 0xff) << 8 | header[4] & 0xff;
            boolean valid = recordType >= ContentType.CHANGE_CIPHER_SPEC && recordType <= ContentType.HEARTBEAT
                    && header[1] == ContentType.TLS_MAJOR && (header[2] & 0xff) <= ContentType.HIGHEST_TLS_MINOR
                    && recordLength <= MAX_RECORD;
            if (!valid) {
                facts.note(new Note.RecordFramingLost(facts.roleOf(side), frame));
                loseSync();
                carry = Arrays.copyOfRange(header, 1, 5);
                return used;
            }
            if (recordType == ContentType.APPLICATION_DATA && !facts.decrypts(side)) {
                state = State.DONE;
                return used;
            }
            recordRemaining = recordLength;
            if (recordType == ContentType.HANDSHAKE) facts.recordVersion(side, (header[1] & 0xff) << 8 | header[2] & 0xff);
            if (recordLength == 0) return used;
        }
        int take = Math.min(recordRemaining, length - used);
        int at = offset + used;
        switch (recordType) {
            case ContentType.HANDSHAKE -> handshakeBytes(bytes, at, take, recordRemaining == recordLength, frame);
            case ContentType.APPLICATION_DATA -> {
                // Sized by the record: a whole 18 KB buffer for every direction of every connection
                // was most of what decrypting a capture's handshakes allocated.
                if (sealed == null || sealed.length < recordLength) {
                    budget.chargeHeld(recordLength - (sealed == null ? 0 : sealed.length), frame);
                    sealed = new byte[recordLength];
                }
                System.arraycopy(bytes, at, sealed, recordLength - recordRemaining, take);
            }
            case ContentType.ALERT -> {
                int index = recordLength - recordRemaining;
                for (int k = 0; k < take && index + k < 2; k++) alert[index + k] = bytes[at + k];
            }
            default -> {
                // ChangeCipherSpec body and heartbeats carry nothing for us.
            }
        }
        recordRemaining -= take;
        used += take;
        if (recordRemaining == 0) endOfRecord(frame);
        return used;
    }

    private void endOfRecord(long frame) {
        if (recordType == ContentType.ALERT && recordLength == 2) {
            facts.alert(side, alert[0] & 0xff, alert[1] & 0xff, frame);
        } else if (recordType == ContentType.CHANGE_CIPHER_SPEC) {
            facts.changeCipherSpec(side);
            if (facts.changeCipherSpecEncrypts(side)) state = State.DONE;
        } else if (recordType == ContentType.APPLICATION_DATA) {
            openRecord(frame);
        }
    }

    /** Decrypts a TLS 1.3 record and reads what it held as if it had come in clear. */
    private void openRecord(long frame) {
        Optional<Tls13RecordDecryption.Opened> opened = facts.recordDecryption().open(side, header, sealed, recordLength, frame);
        if (opened.isPresent()) {
            Tls13RecordDecryption.Opened record = opened.get();
            if (record.contentType() == Tls13RecordDecryption.CONTENT_HANDSHAKE) {
                decrypted = true;
                handshakeBytes(record.content(), 0, record.length(), true, frame);
            } else if (record.contentType() == Tls13RecordDecryption.CONTENT_ALERT && record.length() == 2) {
                facts.alert(side, record.content()[0] & 0xff, record.content()[1] & 0xff, frame);
            }
        }
        if (!facts.decrypts(side)) state = State.DONE;
    }

    private void handshakeBytes(byte[] bytes, int offset, int length, boolean recordStart, long frame) {
        if (handshakeSkip > 0) {
            int skipped = (int) Math.min(handshakeSkip, length);
            handshakeSkip -= skipped;
            offset += skipped;
            length -= skipped;
            recordStart = false;
            if (length == 0) return;
        }
        if (handshakeBoundaryLost) {
            // Resume at a record whose payload begins with a plausible message header; the others
            // continue the message whose start was lost.
            if (!recordStart || length < 4 || !plausibleMessageStart(bytes, offset)) return;
            handshakeBoundaryLost = false;
        }
        if (handshake.available() == 0) {
            // Messages that lie whole in these bytes are read in place; only one that goes on into
            // the next record or segment is gathered. Copying every hello was a third of the scan.
            int used = wholeMessages(bytes, offset, length, frame);
            if (used < 0 || state != State.RECORDS || used == length) return;
            offset += used;
            length -= used;
        }
        if (!handshake.append(bytes, offset, length, frame)) {
            // The scan's memory budget is spent even after idler connections were closed: this
            // message is the one let go, and the stream resumes at the next message start.
            int gathered = handshake.available();
            facts.messageOverBudget(side, gathered > 0 ? handshake.u8(0) : bytes[offset] & 0xff, gathered + (long) length, frame);
            handshake.clear();
            handshakeBoundaryLost = true;
            return;
        }
        int used = wholeMessages(handshake.array(), handshake.start(), handshake.available(), frame);
        if (used > 0) handshake.consume(used);
    }

    /**
     * Reads the whole messages at the start of {@code data}. Returns the bytes they took, or -1 when
     * a message over the size limit left the rest of the stream unreadable.
     */
    private int wholeMessages(byte[] data, int start, int available, long frame) {
        int at = start;
        int end = start + available;
        while (end - at >= 4 && state == State.RECORDS) {
            int type = data[at] & 0xff;
            int messageLength = (data[at + 1] & 0xff) << 16 | (data[at + 2] & 0xff) << 8 | data[at + 3] & 0xff;
            if (messageLength > facts.limits().maxHandshakeMessage()) {
                facts.messageOverLimit(side, type, messageLength, frame);
                handshake.clear();
                handshakeBoundaryLost = true;
                return -1;
            }
            if (end - at - 4 < messageLength) break;
            if (decrypted) {
                Tls13Messages.handle(type, data, at + 4, messageLength, side, frame, facts, facts.recordDecryption());
                at += 4 + messageLength;
                continue;
            }
            HandshakeMessages.Next next = HandshakeMessages.handle(type, data, at + 4, messageLength, false, side, frame, facts);
            at += 4 + messageLength;
            if (next == HandshakeMessages.Next.ENCRYPTED && !facts.decrypts(side)) state = State.DONE;
        }
        return at - start;
    }

    private static boolean plausibleMessageStart(byte[] b, int i) {
        int length = (b[i + 1] & 0xff) << 16 | (b[i + 2] & 0xff) << 8 | b[i + 3] & 0xff;
        return switch (b[i] & 0xff) {
            case HandshakeType.CLIENT_HELLO, HandshakeType.SERVER_HELLO -> length >= 38 && length < 65536;
            case HandshakeType.CERTIFICATE, HandshakeType.SERVER_KEY_EXCHANGE, HandshakeType.CERTIFICATE_REQUEST,
                    HandshakeType.CLIENT_KEY_EXCHANGE, HandshakeType.CERTIFICATE_STATUS -> length < PLAUSIBLE_MESSAGE;
            case HandshakeType.SERVER_HELLO_DONE -> length == 0;
            default -> false;
        };
    }

    // ---- SSLv2 -----------------------------------------------------------------------------

    private int ssl2(byte[] bytes, int offset, int length, long frame) {
        if (!handshake.append(bytes, offset, length, frame)) {
            handshake.clear();
            state = State.DONE;
            return length;
        }
        if (handshake.available() < 3) return length;
        boolean twoByteHeader = (handshake.u8(0) & 0x80) != 0;
        int headerLength = twoByteHeader ? 2 : 3;
        int recordLen = twoByteHeader ? (handshake.u8(0) & 0x7f) << 8 | handshake.u8(1) : (handshake.u8(0) & 0x3f) << 8 | handshake.u8(1);
        if (handshake.available() < headerLength + recordLen) return length;
        byte[] record = Arrays.copyOfRange(handshake.array(), handshake.start() + headerLength, handshake.start() + headerLength + recordLen);
        int rest = handshake.available() - headerLength - recordLen;
        byte[] after = Arrays.copyOfRange(handshake.array(), handshake.start() + headerLength + recordLen, handshake.start() + handshake.available());
        handshake.clear();
        state = State.DONE;
        Ssl2Messages.handle(record, side, frame, facts).ifPresent(version -> {
            // An SSLv3/TLS client that opened with an SSLv2-format hello goes on with ordinary records.
            if (version >= TlsVersion.SSL3) state = State.RECORDS;
        });
        if (rest > 0 && state == State.RECORDS) data(after, 0, after.length, frame);
        return length;
    }
}
