package capcert.hostile;

import capcert.testing.HostileInputs;
import capcert.testing.TestPki;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;

/**
 * The inputs of issue 16's red-team report, in the sizes it gave, written into a folder: what
 * {@link HostileInputIT} reads and {@code bench/hostile.sh} times.
 */
public final class MakeHostileInputs {

    private MakeHostileInputs() {
    }

    static List<byte[]> validChain() {
        return TestPki.server().sent();
    }

    /** A valid chain, then a Certificate message of a valid leaf and 10,000 nested {@code 30 80} (42 KB). */
    static Path berBomb(Path dir) {
        return HostileInputs.chainThenEntry(dir.resolve("ber-bomb.pcap"), validChain(), HostileInputs.indefiniteNestingCertificate(10_000));
    }

    /** The same with 150,000 levels of definite-length nesting. */
    static Path deepDefinite(Path dir) {
        return HostileInputs.chainThenEntry(dir.resolve("deep-definite.pcap"), validChain(), HostileInputs.definiteNesting(150_000));
    }

    /** 24 connections each gathering a 15 MB Certificate message (380 MB). */
    static Path gathering(Path dir) {
        return HostileInputs.gatheringMessages(dir.resolve("gathering.pcap"), 24, 15 << 20, validChain());
    }

    /** 190,000 half-open connections. */
    static Path halfOpen(Path dir) {
        return HostileInputs.halfOpen(dir.resolve("half-open.pcap"), 190_000, validChain());
    }

    /** A certificate of 1,000,000 SANs (9 MB). */
    static Path sanBomb(Path dir) {
        return HostileInputs.oneCertificate(dir.resolve("san-bomb.pcap"), HostileInputs.certificateWithSans(1_000_000));
    }

    /** A pcapng of 10 million Interface Description Blocks (200 MB). */
    static Path interfaces(Path dir) {
        return HostileInputs.pcapngInterfaces(dir.resolve("interfaces.pcapng"), 10_000_000, validChain());
    }

    /** 300 handshakes, each server stapling its own 1 MB OCSP response (300 MB). */
    static Path stapling(Path dir) {
        return HostileInputs.staplingServers(dir.resolve("stapling.pcap"), 300, 1 << 20, validChain());
    }

    /** A keystore of {@code type} (JKS or PKCS12, as keytool writes a .jks since Java 9) cut in half. */
    static Path damagedKeystore(Path dir, String type) throws Exception {
        X509Certificate root = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new java.io.ByteArrayInputStream(validChain().get(2)));
        KeyStore store = KeyStore.getInstance(type);
        store.load(null, null);
        store.setCertificateEntry("root", root);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        store.store(bytes, "changeit".toCharArray());
        Path damaged = dir.resolve("damaged-" + type + ".jks");
        Files.write(damaged, Arrays.copyOf(bytes.toByteArray(), bytes.size() / 2));
        return damaged;
    }

    /** Writes them all into the folder given. */
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/hostile");
        Files.createDirectories(dir);
        for (Path made : List.of(berBomb(dir), deepDefinite(dir), gathering(dir), halfOpen(dir), sanBomb(dir), interfaces(dir), stapling(dir),
                damagedKeystore(dir, "JKS"), damagedKeystore(dir, "PKCS12"))) {
            System.out.println(made + " " + Files.size(made) + " bytes");
        }
    }
}
