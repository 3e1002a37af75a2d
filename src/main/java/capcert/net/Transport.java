package capcert.net;

public enum Transport {
    TCP, UDP;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
