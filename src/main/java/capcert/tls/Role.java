package capcert.tls;

/** Which peer of a handshake sent something. */
public enum Role {
    CLIENT, SERVER;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public Role peer() {
        return this == CLIENT ? SERVER : CLIENT;
    }
}
