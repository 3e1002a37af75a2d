package capcert.capture;

import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;

/**
 * A compressed capture, streamed through Commons Compress: nothing is written to disk and memory
 * stays that of the decompressor. Concatenated members (pigz, {@code cat a.gz b.gz}) are read as
 * one stream, as gzip does. Damage in the compressed data surfaces as {@link Damaged}, saying how
 * far the capture got, so that what came before it still counts.
 */
final class Decompression {

    /**
     * Compressed data that stops making sense, or stops, or a decompressor that cannot run: the
     * capture read so far stays valid.
     */
    static final class Damaged extends IOException {
        private static final long serialVersionUID = 1L;

        /** The problem, at frame 0 until {@link #problem} places it. */
        private final transient CaptureProblem problem;

        Damaged(CaptureProblem problem, Throwable cause) {
            super(problem.message(), cause);
            this.problem = problem;
        }

        /** The problem, met while reading {@code frame} (0 before any). */
        CaptureProblem problem(long frame) {
            return problem instanceof CaptureProblem.DecompressionFailed failed
                    ? new CaptureProblem.DecompressionFailed(frame, failed.compression(), failed.decompressed(),
                            failed.truncated(), failed.detail())
                    : problem;
        }
    }

    private Decompression() {
    }

    /** The decompressed bytes of {@code compressed}, in {@code kind}'s format. */
    static ReadableByteChannel open(FileKind kind, ReadableByteChannel compressed) throws IOException {
        InputStream in = Channels.newInputStream(compressed);
        InputStream decompressed;
        try {
            decompressed = switch (kind) {
                case GZIP -> GzipCompressorInputStream.builder().setInputStream(in).setDecompressConcatenated(true).get();
                case BZIP2 -> new BZip2CompressorInputStream(in, true);
                case XZ -> XZCompressorInputStream.builder().setInputStream(in).setDecompressConcatenated(true).get();
                case ZSTD -> new ZstdCompressorInputStream(in);
                case LZ4 -> new FramedLZ4CompressorInputStream(in, true);
                default -> throw new IllegalArgumentException(kind + " is not a compression");
            };
        } catch (IOException e) {
            throw damaged(kind, 0, e);
        } catch (LinkageError e) {
            throw new Damaged(new CaptureProblem.DecompressorMissing(kind, e.getMessage()), e);
        }
        return new Counting(kind, Channels.newChannel(decompressed));
    }

    private static Damaged damaged(FileKind kind, long decompressed, Exception e) {
        String message = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
        boolean truncated = e instanceof EOFException || message.contains("truncated") || message.contains("end of");
        return new Damaged(new CaptureProblem.DecompressionFailed(0, kind, decompressed, truncated, oneLine(e)), e);
    }

    private static String oneLine(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.replaceAll("[\\s\\p{Cntrl}]+", " ").strip();
    }

    /** Counts what came out, to say where damage was met; turns every decompressor failure into {@link Damaged}. */
    private static final class Counting implements ReadableByteChannel {
        /**
         * A decompressor that meets damage in the middle of a read throws away what that read had
         * produced: small reads keep that loss under a packet or two of the bytes before the damage.
         */
        private static final int READ_SIZE = 2048;

        private final FileKind kind;
        private final ReadableByteChannel channel;
        private long produced;

        Counting(FileKind kind, ReadableByteChannel channel) {
            this.kind = kind;
            this.channel = channel;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            try {
                int n;
                if (dst.remaining() <= READ_SIZE) {
                    n = channel.read(dst);
                } else {
                    ByteBuffer part = dst.slice().limit(READ_SIZE);
                    n = channel.read(part);
                    if (n > 0) dst.position(dst.position() + n);
                }
                if (n > 0) produced += n;
                return n;
            } catch (Damaged e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                throw damaged(kind, produced, e);
            }
        }

        @Override
        public boolean isOpen() {
            return channel.isOpen();
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
