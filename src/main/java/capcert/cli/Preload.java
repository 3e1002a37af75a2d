package capcert.cli;

import capcert.check.CheckOptions;
import capcert.check.Checker;
import capcert.check.Profile;
import capcert.check.Purpose;
import capcert.export.JsonFormat;
import capcert.tls.CaptureScanner;
import capcert.tls.ScanOptions;
import capcert.trust.TrustList;
import capcert.trust.TrustedCertificate;
import capcert.x509.CertificateDetails;
import capcert.x509.ParsedCertificate;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a run needs before it needs it, on a second thread while the command line is parsed.
 *
 * <p>The classes that reading a capture uses (the reader, the TLS layer, the JSON writer, Bouncy
 * Castle's and the JDK's X.509 decoders) are loaded: start-up loaded them one after another on one
 * core. list --json went 1.06-1.09x as fast on a 1 GB capture and 1.05-1.11x on a small one.
 *
 * <p>JVM options, such as leaving the JIT's second compiler out of the commands that extract, are
 * the launcher's choice (packaging/bin): a program that changes its own JVM's compiler affects
 * whatever else runs in it, and a jar run as {@code java -jar} runs as its user asked.
 */
final class Preload {

    private static final Set<String> READING_CAPTURES = Set.of("list", "export", "check", "report", "diff", "view");
    /** Commands that judge certificate files: they load the verdict engine, not the capture reader. */
    private static final Set<String> CHECKING_FILES = Set.of("check-cert", "trust-lint");

    /** A pcap file header (little-endian, Ethernet) and no packet. */
    private static final byte[] EMPTY_PCAP = {(byte) 0xd4, (byte) 0xc3, (byte) 0xb2, (byte) 0xa1, 2, 0, 4, 0,
            0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 0, 0, 1, 0, 0, 0};
    /** DER of an INTEGER, not a certificate: both decoders read and refuse it, which loads them. */
    private static final byte[] NOT_A_CERTIFICATE = {0x02, 0x01, 0x01};

    private Preload() {
    }

    /**
     * {@code command} is the subcommand's name. The commands that read no capture, and
     * {@code capcert --help} or {@code --version}, start nothing.
     */
    static void start(String command) {
        if (CHECKING_FILES.contains(command)) {
            Thread thread = new Thread(Preload::checkWarmUpChain, "capcert-preload");
            thread.setDaemon(true);
            thread.start();
            return;
        }
        if (!READING_CAPTURES.contains(command)) return;
        Thread thread = new Thread(Preload::load, "capcert-preload");
        thread.setDaemon(true);
        thread.start();
    }

    private static void load() {
        try {
            new CaptureScanner(ScanOptions.defaults()).scan(Channels.newChannel(new ByteArrayInputStream(EMPTY_PCAP)), h -> { });
            JsonFormat.generator(Writer.nullWriter());
            CertificateDetails.decode(NOT_A_CERTIFICATE);
        } catch (IOException | RuntimeException | LinkageError e) {
            // Only a head start: whatever fails here fails again where it is used, and is reported there.
        }
    }

    /**
     * Checks a made-up chain (an RSA root and an EC leaf it issued, {@link #WARM_UP_ROOT} and
     * {@link #WARM_UP_LEAF}): the certificate reader, both signature schemes and every rule are loaded
     * on this thread while the main one parses the command line and reads the files. check-cert of
     * a three-certificate chain went from about 0.45 to 0.3 s of the main thread's CPU.
     */
    private static void checkWarmUpChain() {
        try {
            Base64.Decoder base64 = Base64.getDecoder();
            TrustList root = TrustList.of(List.of(TrustedCertificate.of(base64.decode(WARM_UP_ROOT), "warm-up")));
            CheckOptions options = new CheckOptions(List.of(root), List.of(), Optional.empty(), Profile.GENERIC, List.of());
            new Checker(options).checkChain(List.of(base64.decode(WARM_UP_LEAF)), List.of(), Purpose.SERVER,
                    Optional.of("warm-up.invalid"), Instant.now());
            CertificateDetails.decode(base64.decode(WARM_UP_LEAF));
        } catch (ParsedCertificate.NotACertificate | RuntimeException | LinkageError e) {
            // Only a head start: whatever fails here fails again where it is used, and is reported there.
        }
    }

    /** A self-signed RSA 2048 root, "CN=capcert warm-up root", made with openssl for {@link #checkWarmUpChain}. */
    private static final String WARM_UP_ROOT = ""
            + "MIIDMTCCAhmgAwIBAgIUDtC2uwqggMDNiZdfob4fxjGbgrcwDQYJKoZIhvcNAQELBQAwHzEdMBsGA1UEAwwUY2FwY2VydCB3"
            + "YXJtLXVwIHJvb3QwIBcNMjYxMjA3MTQwMDI0WhgPMjEyNjExMTMxNDAwMjRaMB8xHTAbBgNVBAMMFGNhcGNlcnQgd2FybS11"
            + "cCByb290MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA0mXFZJobkZeaTGBcsy9FLw+1gENmzLeeIO18QADEOybA"
            + "kjDkFtEMe0cMeHblzyR3YBHGW5ChiscpGUiADrO8Kmwrnf9PFLertbtLfDdpdHBS80bsWK4f/pDPMCSXdCK4dBv44Smlg4ho"
            + "pqnW9VQAaVk8QuE8kfKWa87oJ7J8KT3lodo21fOLjKxwJznM3QThhEYYiF+GZP6CZkM6sWAipaVb7OMSPhJ1Ay2ORvGwDm0+"
            + "crG+rCFQlc+y6RJVk9TR8Jfibb3vo6pBp/mMWc+8UxK8rKCb0ntDc00dsEPjIknBEyJaIpxePI05L3uFixn5ccwg4ijrzoYy"
            + "5pZPZxZrIwIDAQABo2MwYTAdBgNVHQ4EFgQUOGRlK3xwwC3ZNL/Na9B/oTsfJoQwHwYDVR0jBBgwFoAUOGRlK3xwwC3ZNL/N"
            + "a9B/oTsfJoQwDwYDVR0TAQH/BAUwAwEB/zAOBgNVHQ8BAf8EBAMCAQYwDQYJKoZIhvcNAQELBQADggEBABnBa9acg48UEYjs"
            + "aBvPsPTnDed/ZG6MHS1XD7YjD5D2Top5KDKsmxXMaopybpzpoz9uhxRS+fu0ZBfSVCO7RtCcSkzr8x7oQyWCq03kNCoYAdSn"
            + "qzzXxKj/Kk+seJrkEDkMmuQ0xrs32VnUgWP7+ILw1qx8AcWNthurQQiDV92XLyzGP/s1vbfqoLADWfTKkuu5RFlX10cy8WDe"
            + "qc3rLk3af4vNij5RUwI5dDYC9jCWi2QZ/0QcXfLcrJHz1gxEPaIZzrQx/QhQ9Up4Q9ct68RTfn/3DceGQY6d+ixy7Z1YpKiW"
            + "tQLH882xvjuFkCbmiGV2fHUrvbEVHwalb/Bn/j8=";

    /** An EC P-256 leaf for warm-up.invalid issued by {@link #WARM_UP_ROOT}. */
    private static final String WARM_UP_LEAF = ""
            + "MIICjjCCAXagAwIBAgIUKD9VxzWPQQ+zW+wYeMgCQAFZaEYwDQYJKoZIhvcNAQELBQAwHzEdMBsGA1UEAwwUY2FwY2VydCB3"
            + "YXJtLXVwIHJvb3QwIBcNMjYxMjA3MTQwMDI0WhgPMjEyNjExMTMxNDAwMjRaMBoxGDAWBgNVBAMMD3dhcm0tdXAuaW52YWxp"
            + "ZDBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABHpSlOrrzyZnKcBKonw+vo9gpDtowUhN7P2EfVaP/ABTWWhaNek6nZoh9RUY"
            + "mVWccr8JGw92NYoNidqlmKxzrUejgY8wgYwwGgYDVR0RBBMwEYIPd2FybS11cC5pbnZhbGlkMA4GA1UdDwEB/wQEAwIHgDAT"
            + "BgNVHSUEDDAKBggrBgEFBQcDATAJBgNVHRMEAjAAMB0GA1UdDgQWBBQDe6P1wZGCkd4Sbi6zkZi6EhjHNTAfBgNVHSMEGDAW"
            + "gBQ4ZGUrfHDALdk0v81r0H+hOx8mhDANBgkqhkiG9w0BAQsFAAOCAQEAOSwWsYXSFbGnABqWCDsK70grH0UCbVrzFCkF5844"
            + "uC9SqnxmlRJzJuCxqlUTCD9Q9QBaSy5+2mByBOciq7fyKLAJNnanh//I/c3XBmDcNxUrehgMFRhtT91lznG+kxEOLtdnf1o4"
            + "s/s/FYLbIybSp72DM135joKJQE128irDzKxdxPO+kEwdG9Tov+2Yrb1dkILCuxKpIV9QhZ2lyxoijmwJkjAUsJKdhA7agvbP"
            + "c2JuM4iPbuxsE8MmUu50B+LkwXz1xiPfSlPMgFwKPf1gdq57XtcVvmGqf5siNSt2Q3wuxjUOQEgb4/nzZIzJ1X8amb8gywvH"
            + "eZ+0aBvCgDVLTQ==";
}
