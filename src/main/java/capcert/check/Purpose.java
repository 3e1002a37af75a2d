package capcert.check;

/** The TLS role a certificate is presented for: what its key usage and EKU must allow. */
public enum Purpose {
    SERVER, CLIENT
}
