package capcert.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * TLS 1.3 secrets by client random, in the NSS key log format that browsers, curl, OpenSSL
 * ({@code -keylogfile}), GnuTLS and NSS ({@code SSLKEYLOGFILE}), Python ({@code keylog_filename})
 * and Java agents write, and that pcapng Decryption Secrets Blocks carry: one
 * {@code LABEL <client random> <secret>} line per secret, in hex. The handshake and first
 * application traffic secrets are kept; {@code CLIENT_RANDOM} lines (TLS 1.2 and older master
 * secrets: their certificates are in clear already) are counted, other labels ignored, as are
 * comments, blank lines and CR before LF.
 *
 * <p>Immutable; {@link #merge} makes a new log in which the first source to give a secret wins.
 * Each secret remembers the source it came from, so that a decrypted chain can say where its keys
 * were found.
 */
public final class KeyLog {

    /** Largest key log file read: a browser's log of a day is a few megabytes. */
    public static final long MAX_FILE_BYTES = 64L << 20;
    /** Longer lines are not key log lines (a SHA-384 secret line is 176 characters). */
    private static final int MAX_LINE = 1024;
    private static final int RANDOM_LENGTH = 32;

    /** The secrets a TLS 1.3 key log names, in the order of their index in {@link Secrets}. */
    enum Label {
        CLIENT_HANDSHAKE_TRAFFIC_SECRET, SERVER_HANDSHAKE_TRAFFIC_SECRET, CLIENT_TRAFFIC_SECRET_0, SERVER_TRAFFIC_SECRET_0
    }

    /** The secrets of one handshake, each with the source it came from. */
    static final class Secrets {
        private final byte[][] secrets = new byte[Label.values().length][];
        private final String[] sources = new String[Label.values().length];

        Optional<byte[]> get(Label label) {
            byte[] secret = secrets[label.ordinal()];
            return secret == null ? Optional.empty() : Optional.of(secret.clone());
        }

        /** Where {@code label}'s secret came from; null when there is none. */
        String source(Label label) {
            return sources[label.ordinal()];
        }

        private boolean putIfAbsent(Label label, byte[] secret, String source) {
            if (secrets[label.ordinal()] != null) return false;
            secrets[label.ordinal()] = secret;
            sources[label.ordinal()] = source;
            return true;
        }

        private Secrets copy() {
            Secrets copy = new Secrets();
            System.arraycopy(secrets, 0, copy.secrets, 0, secrets.length);
            System.arraycopy(sources, 0, copy.sources, 0, sources.length);
            return copy;
        }
    }

    private static final KeyLog EMPTY = new KeyLog(Map.of(), List.of(), 0, 0);

    private final Map<ByteBuffer, Secrets> byClientRandom;
    private final List<String> sources;
    private final int tls12Lines;
    private final int unreadLines;

    private KeyLog(Map<ByteBuffer, Secrets> byClientRandom, List<String> sources, int tls12Lines, int unreadLines) {
        this.byClientRandom = byClientRandom;
        this.sources = List.copyOf(sources);
        this.tls12Lines = tls12Lines;
        this.unreadLines = unreadLines;
    }

    public static KeyLog empty() {
        return EMPTY;
    }

    /** Reads a key log file; its file name is the source each of its secrets is credited to. */
    public static KeyLog read(Path file) throws KeyLogException {
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new KeyLogException(file + ": " + size + " bytes, more than a key log file may hold ("
                        + MAX_FILE_BYTES + " bytes)");
            }
            try (InputStream in = Files.newInputStream(file)) {
                Parser parser = new Parser(file.getFileName() == null ? file.toString() : file.getFileName().toString());
                byte[] chunk = new byte[64 * 1024];
                long total = 0;
                for (int n; (n = in.read(chunk)) > 0; ) {
                    total += n;
                    if (total > MAX_FILE_BYTES) throw new KeyLogException(file + ": grew past " + MAX_FILE_BYTES + " bytes while read");
                    parser.feed(chunk, 0, n);
                }
                return parser.finish();
            }
        } catch (NoSuchFileException e) {
            throw new KeyLogException(file + ": no such file");
        } catch (IOException e) {
            throw new KeyLogException(file + ": cannot read: " + e.getMessage());
        }
    }

    /**
     * Whether {@code file} starts like a key log (a line with one of its labels within its first 4 KB),
     * so that files dropped on a window can be told from captures by their content, not their name.
     */
    public static boolean looksLikeKeyLog(Path file) {
        byte[] head = new byte[4096];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            return false;
        }
        String text = new String(head, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1);
        for (String line : text.split("\r?\n")) {
            String label = line.strip().split("[ \t]", 2)[0];
            if (label.equals("CLIENT_RANDOM") || label.endsWith("_TRAFFIC_SECRET") || label.endsWith("_TRAFFIC_SECRET_0")
                    || label.equals("EXPORTER_SECRET")) {
                return true;
            }
        }
        return false;
    }

    /** Parses key log text, e.g. the content of a pcapng Decryption Secrets Block, crediting it to {@code source}. */
    public static KeyLog parse(String source, byte[] text, int offset, int length) {
        Parser parser = new Parser(source);
        parser.feed(text, offset, length);
        return parser.finish();
    }

    /** A log with this one's secrets and those of {@code other} it lacks. */
    public KeyLog merge(KeyLog other) {
        if (other.isEmpty() && other.tls12Lines == 0 && other.unreadLines == 0) return this;
        if (isEmpty() && tls12Lines == 0 && unreadLines == 0) return other;
        Map<ByteBuffer, Secrets> merged = new HashMap<>(byClientRandom);
        for (Map.Entry<ByteBuffer, Secrets> entry : other.byClientRandom.entrySet()) {
            Secrets mine = merged.get(entry.getKey());
            if (mine == null) {
                merged.put(entry.getKey(), entry.getValue());
                continue;
            }
            Secrets both = mine.copy();
            for (Label label : Label.values()) {
                Secrets theirs = entry.getValue();
                if (theirs.secrets[label.ordinal()] != null) {
                    both.putIfAbsent(label, theirs.secrets[label.ordinal()], theirs.sources[label.ordinal()]);
                }
            }
            merged.put(entry.getKey(), both);
        }
        Set<String> names = new LinkedHashSet<>(sources);
        names.addAll(other.sources);
        return new KeyLog(merged, List.copyOf(names), tls12Lines + other.tls12Lines, unreadLines + other.unreadLines);
    }

    /** No TLS 1.3 secret at all. */
    public boolean isEmpty() {
        return byClientRandom.isEmpty();
    }

    /** How many handshakes (client randoms) it has secrets for. */
    public int handshakes() {
        return byClientRandom.size();
    }

    /** {@code CLIENT_RANDOM} lines: TLS 1.2 and older sessions, whose certificates are in clear anyway. */
    public int tls12Lines() {
        return tls12Lines;
    }

    /** Lines that were neither a key log line, a comment nor blank. */
    public int unreadLines() {
        return unreadLines;
    }

    /**
     * What its reader should be told it did not get from it: lines that are no key log lines, and no
     * TLS 1.3 secret at all. Each face puts the file's name before each remark.
     */
    public List<String> remarks() {
        List<String> remarks = new ArrayList<>();
        if (unreadLines > 0) {
            remarks.add((unreadLines == 1 ? "1 line is not a key log line" : unreadLines + " lines are not key log lines") + "; ignored");
        }
        if (isEmpty()) {
            remarks.add("no TLS 1.3 secret in it" + (tls12Lines == 0 ? ""
                    : " (" + tls12Lines + (tls12Lines == 1 ? " CLIENT_RANDOM line" : " CLIENT_RANDOM lines")
                            + ": TLS 1.2 and older send their certificates in clear anyway)"));
        }
        return remarks;
    }

    /** The names of the sources merged into it, in order. */
    public List<String> sources() {
        return sources;
    }

    Optional<Secrets> secrets(byte[] clientRandom) {
        return Optional.ofNullable(byClientRandom.get(ByteBuffer.wrap(clientRandom)));
    }

    @Override
    public String toString() {
        return "KeyLog[" + byClientRandom.size() + " handshakes from " + sources + "]";
    }

    /** Reads lines as they come in chunks, holding at most one line. */
    private static final class Parser {
        private final String source;
        private final Map<ByteBuffer, Secrets> secrets = new HashMap<>();
        private final byte[] line = new byte[MAX_LINE];
        private int lineLength;
        private boolean lineTooLong;
        private int tls12Lines;
        private int unreadLines;

        Parser(String source) {
            this.source = source;
        }

        void feed(byte[] data, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                byte b = data[i];
                if (b == '\n') {
                    endOfLine();
                } else if (lineLength < MAX_LINE) {
                    line[lineLength++] = b;
                } else {
                    lineTooLong = true;
                }
            }
        }

        KeyLog finish() {
            endOfLine();
            return new KeyLog(secrets, secrets.isEmpty() && tls12Lines == 0 ? List.of() : List.of(source), tls12Lines, unreadLines);
        }

        private void endOfLine() {
            int end = lineLength;
            boolean tooLong = lineTooLong;
            lineLength = 0;
            lineTooLong = false;
            if (tooLong) {
                unreadLines++;
                return;
            }
            // Fields are read straight from the bytes: a browser's log has tens of thousands of lines.
            int at = skipBlanks(0, end);
            if (at == end || line[at] == '#' || line[at] == '\r') return;
            int labelEnd = skipField(at, end);
            int randomStart = skipBlanks(labelEnd, end);
            int randomEnd = skipField(randomStart, end);
            int secretStart = skipBlanks(randomEnd, end);
            int secretEnd = skipField(secretStart, end);
            if (skipBlanks(secretEnd, end) != end || secretStart == secretEnd) {
                unreadLines++;
                return;
            }
            byte[] random = hex(randomStart, randomEnd);
            byte[] secret = hex(secretStart, secretEnd);
            if (random == null || random.length != RANDOM_LENGTH || secret == null || secret.length == 0) {
                unreadLines++;
                return;
            }
            String label = new String(line, at, labelEnd - at, java.nio.charset.StandardCharsets.US_ASCII);
            if (label.equals("CLIENT_RANDOM")) {
                tls12Lines++;
                return;
            }
            for (Label known : Label.values()) {
                if (known.name().equals(label)) {
                    secrets.computeIfAbsent(ByteBuffer.wrap(random), r -> new Secrets()).putIfAbsent(known, secret, source);
                    return;
                }
            }
            // CLIENT_EARLY_TRAFFIC_SECRET, EXPORTER_SECRET, …: nothing of a handshake's certificates.
        }

        /** Spaces, tabs, and the CR of a CRLF line end (or a NUL some writers leave) count as blanks. */
        private int skipBlanks(int at, int end) {
            while (at < end && (line[at] == ' ' || line[at] == '\t' || line[at] == '\r' || line[at] == 0)) at++;
            return at;
        }

        private int skipField(int at, int end) {
            while (at < end && line[at] != ' ' && line[at] != '\t' && line[at] != '\r' && line[at] != 0) at++;
            return at;
        }

        private byte[] hex(int from, int to) {
            if ((to - from) % 2 != 0) return null;
            byte[] out = new byte[(to - from) / 2];
            for (int i = 0; i < out.length; i++) {
                int hi = Character.digit(line[from + 2 * i], 16);
                int lo = Character.digit(line[from + 2 * i + 1], 16);
                if (hi < 0 || lo < 0) return null;
                out[i] = (byte) (hi << 4 | lo);
            }
            return out;
        }
    }

    /** For tests and messages: a client random as lowercase hex. */
    static String hex(byte[] bytes) {
        return java.util.HexFormat.of().formatHex(bytes);
    }
}
