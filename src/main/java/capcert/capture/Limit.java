package capcert.capture;

/**
 * The limits a scan runs under so that no capture, however crafted, can exhaust memory (their values
 * are {@code capcert.tls.Limits}). Each face names them its own way: the command line by the
 * option that raises one.
 */
public enum Limit {
    /** Out-of-order bytes held per TCP direction while waiting for a missing segment. */
    BUFFER_PER_STREAM,
    /** The same, for all directions of a capture together. */
    BUFFER_TOTAL,
    /** The largest handshake message gathered. */
    HANDSHAKE_MESSAGE,
    /** Certificates kept from one Certificate message. */
    CERTIFICATES_PER_MESSAGE,
    /** Connections and flows tracked at once. */
    CONNECTIONS,
    /** Everything one scan holds, all kinds together ({@link MemoryBudget}). */
    MEMORY
}
