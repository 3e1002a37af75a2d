package capcert.tls;

/**
 * The secrets one scan decrypts with: the key logs it was given, merged with those the capture
 * itself carries in pcapng Decryption Secrets Blocks as the reader meets them. One per scan, so a
 * capture's own secrets never reach another capture.
 */
final class ScanKeys {

    /** Secrets read from one capture's Decryption Secrets Blocks, at most. */
    static final long MAX_SECRETS_BLOCK_BYTES = KeyLog.MAX_FILE_BYTES;

    private KeyLog keyLog;
    private long secretsBlockBytes;

    ScanKeys(KeyLog given) {
        this.keyLog = given;
    }

    KeyLog keyLog() {
        return keyLog;
    }

    /**
     * Adds the key log text of a Decryption Secrets Block; false when the capture's blocks together
     * are over {@link #MAX_SECRETS_BLOCK_BYTES} (the block is then ignored).
     */
    boolean addSecretsBlock(String source, byte[] text, int offset, int length) {
        secretsBlockBytes += length;
        if (secretsBlockBytes > MAX_SECRETS_BLOCK_BYTES) return false;
        keyLog = keyLog.merge(KeyLog.parse(source, text, offset, length));
        return true;
    }
}
