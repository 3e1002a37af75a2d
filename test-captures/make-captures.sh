#!/usr/bin/env bash
# make-captures.sh - regenerate the capcert test PKI and every test capture.
#
# Run as root on Debian 12 (bookworm):   sudo ./test-captures/make-captures.sh
#
# What it does (details in README.md):
#   1. makes a small PKI with openssl in pki/ (root -> intermediate -> leaves,
#      plus an unrelated "other" root),
#   2. creates two network namespaces (capcertA = servers, capcertB = clients)
#      joined by two veth pairs with all offloads off: vA/vB for IPv4
#      (10.99.0.0/24, MTU 800) and vA6/vB6 for IPv6 (fd00:99::/64, MTU 1280,
#      the IPv6 minimum: Linux turns IPv6 off on a link with a smaller MTU);
#      these addresses exist only inside the namespaces,
#   3. for each capture starts tcpdump (dumpcap for the pcapng one) on the
#      server's veth, runs one real TLS/DTLS server and client, stops both,
#   4. writes expected.tsv from the PEM files the servers were configured with
#      (not from the captures) and expected-handshakes.tsv,
#   5. cross-checks both files against the captures with tshark
#      (recipe/verify-captures.py) and fails if anything differs,
#   6. runs make-verdict-captures.sh, whose PKI hangs off the root and
#      intermediate made here (the helpers both use: recipe/capture-lib.sh),
#      make-keylog-captures.sh (TLS 1.3 and QUIC with key logs), and
#      make-tunnel-captures.sh (EAP, RADIUS, OpenVPN, CAPWAP, TURN), which
#      uses the server and client certificates made here.
#
# Re-running makes NEW keys, certificates, random values and client ports, so
# the captures' bytes change every time; expected.tsv and
# expected-handshakes.tsv are regenerated in the same run and must be
# committed together with the captures and pki/.
#
# Traffic never leaves the two namespaces this script creates. Every wait is
# bounded; namespaces, servers and capture processes are removed on exit.
# Needs: iproute2, ethtool, tcpdump, tshark (with dumpcap), openssl,
# gnutls-bin, a JDK 17 (javac, keytool), python3. Missing Debian packages are
# installed with apt-get unless CAPCERT_NO_INSTALL=1.

set -Eeuo pipefail
export LC_ALL=C

source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/recipe/capture-lib.sh"
LOG_TAG=make-captures

DTLS_MTU=500               # openssl -mtu for the DTLS capture
SNI=server.capcert.test

# ---------------------------------------------------------------- PKI

make_pki() {
    log "making the PKI in pki/"
    # pki/verdicts/ belongs to make-verdict-captures.sh (run at the end)
    mkdir -p "$PKI"
    find "$PKI" -maxdepth 1 -type f -delete
    new_ca_state

    newkey rsa root-ca
    issue root-ca "/O=capcert/OU=Test PKI/CN=capcert Test Root CA" ext_root 1001 self
    newkey rsa intermediate-ca
    issue intermediate-ca "/O=capcert/OU=Test PKI/CN=capcert Test Intermediate CA" ext_intermediate 2001 root-ca
    newkey rsa server
    issue server "/O=capcert/OU=Test Servers/CN=server.capcert.test" ext_server_rsa 3001 intermediate-ca
    newkey ec server-ecdsa
    issue server-ecdsa "/O=capcert/OU=Test Servers ECDSA/CN=server.capcert.test" ext_server_ecdsa 3002 intermediate-ca
    newkey rsa client
    issue client "/O=capcert, Inc./OU=Test Clients/CN=client.capcert.test" ext_client 4001 intermediate-ca
    newkey rsa other-root-ca
    issue other-root-ca "/O=capcert/OU=Untrusted Test PKI/CN=capcert Other Root CA" ext_root 9001 self

    # bundles handed to the servers
    cat "$PKI/intermediate-ca.crt" "$PKI/root-ca.crt" >"$PKI/chain-intermediate-root.pem"
    cat "$PKI/server.crt" "$PKI/intermediate-ca.crt" >"$PKI/server-with-intermediate.pem"
    cat "$PKI/server-ecdsa.crt" "$PKI/intermediate-ca.crt" "$PKI/root-ca.crt" >"$PKI/server-ecdsa-fullchain.pem"
    openssl pkcs12 -export -name server -inkey "$PKI/server.key" -in "$PKI/server.crt" \
        -certfile "$PKI/chain-intermediate-root.pem" -passout "pass:$P12_PASS" -out "$PKI/server.p12"

    # sanity: every leaf chains to the root, SANs and EKUs as intended
    openssl verify -CAfile "$PKI/root-ca.crt" -untrusted "$PKI/intermediate-ca.crt" \
        "$PKI/server.crt" "$PKI/server-ecdsa.crt" "$PKI/client.crt" >&2
    openssl verify -CAfile "$PKI/root-ca.crt" -untrusted "$PKI/intermediate-ca.crt" \
        -purpose sslserver -verify_hostname collab-edge.capcert.test "$PKI/server.crt" >/dev/null
    openssl verify -CAfile "$PKI/root-ca.crt" -untrusted "$PKI/intermediate-ca.crt" \
        -purpose sslclient "$PKI/server.crt" "$PKI/client.crt" >/dev/null
    find "$PKI" -maxdepth 1 -type f -exec chmod 644 {} +
}


# ---------------------------------------------------------------- main

begin_recipe
make_pki
setup_namespaces
rm -f "$HERE"/*.pcap "$HERE"/*.pcapng

S4="$V4_SRV"
CA=(-CAfile "$PKI/root-ca.crt" -verify_return_error -verify_hostname "$SNI")
OLD_CIPHERS=(-cipher 'DEFAULT:@SECLEVEL=0')

# 2. TLS 1.2, full chain leaf + intermediate + root
SERVER=(openssl s_server -accept "$S4:8443" -naccept 1 -tls1_2 -cert "$PKI/server.crt"
        -key "$PKI/server.key" -cert_chain "$PKI/chain-intermediate-root.pem")
CLIENT=(openssl s_client -connect "$S4:8443" -servername "$SNI" -tls1_2 "${CA[@]}")
run_capture tls12-chain.pcap tcp 8443 'hello over TLS 1.2\n' 1

# 3. TLS 1.0 and TLS 1.1 (need security level 0 on both sides in OpenSSL 3)
for v in 10:tls1 11:tls1_1; do
    SERVER=(openssl s_server -accept "$S4:8443" -naccept 1 "-${v#*:}" "${OLD_CIPHERS[@]}"
            -cert "$PKI/server.crt" -key "$PKI/server.key" -cert_chain "$PKI/chain-intermediate-root.pem")
    CLIENT=(openssl s_client -connect "$S4:8443" -servername "$SNI" "-${v#*:}" "${OLD_CIPHERS[@]}" "${CA[@]}")
    run_capture "tls${v%%:*}-chain.pcap" tcp 8443 'hello over an old TLS\n' 1
done

# 4. mutual TLS on the SIP/TLS port: server sends leaf + intermediate,
#    client sends its leaf + intermediate
SERVER=(openssl s_server -accept "$S4:5061" -naccept 1 -tls1_2 -Verify 2 -CAfile "$PKI/root-ca.crt"
        -verify_return_error -cert "$PKI/server.crt" -key "$PKI/server.key"
        -cert_chain "$PKI/intermediate-ca.crt")
CLIENT=(openssl s_client -connect "$S4:5061" -servername "$SNI" -tls1_2 "${CA[@]}"
        -cert "$PKI/client.crt" -key "$PKI/client.key" -cert_chain "$PKI/intermediate-ca.crt")
run_capture tls12-mutual.pcap tcp 5061 'OPTIONS sip:server.capcert.test SIP/2.0\n' 1

# 5. TLS 1.3: the Certificate message is encrypted
SERVER=(openssl s_server -accept "$S4:443" -naccept 1 -tls1_3 -cert "$PKI/server.crt"
        -key "$PKI/server.key" -cert_chain "$PKI/chain-intermediate-root.pem")
CLIENT=(openssl s_client -connect "$S4:443" -servername "$SNI" -tls1_3 "${CA[@]}")
run_capture tls13.pcap tcp 443 'hello over TLS 1.3\n' 1

# 6. client does not trust the root: fatal unknown_ca alert after Certificate
SERVER=(openssl s_server -accept "$S4:7001" -naccept 1 -tls1_2 -cert "$PKI/server.crt"
        -key "$PKI/server.key" -cert_chain "$PKI/chain-intermediate-root.pem")
CLIENT=(openssl s_client -connect "$S4:7001" -servername "$SNI" -tls1_2
        -CAfile "$PKI/other-root-ca.crt" -verify_return_error)
run_capture tls12-unknown-ca.pcap tcp 7001 '' 0
grep -Eqi "unknown ca|unable to get local issuer" "$WORK"/tls12-unknown-ca.pcap.*.log ||
    die "tls12-unknown-ca: client did not reject the server's chain"

# 7. SMTP STARTTLS on the submission port, Python ssl server (TLS 1.2)
SERVER=(python3 "$RECIPE/smtp_starttls_server.py" --host "$S4" --port 587
        --cert "$PKI/server-with-intermediate.pem" --key "$PKI/server.key")
CLIENT=(openssl s_client -connect "$S4:587" -starttls smtp -name client.capcert.test
        -servername "$SNI" -crlf "${CA[@]}")
run_capture smtp-starttls.pcap tcp 587 'EHLO client.capcert.test\nQUIT\n' 1
grep -q "221 2.0.0 Bye" "$WORK/smtp-starttls.pcap.client.log" || die "smtp-starttls: no SMTP QUIT reply"

# 8. DTLS 1.2 over UDP with a 500-byte DTLS MTU: Certificate in many fragments
SERVER=(openssl s_server -dtls1_2 -accept "$S4:4433" -naccept 1 -mtu "$DTLS_MTU"
        -cert "$PKI/server.crt" -key "$PKI/server.key" -cert_chain "$PKI/chain-intermediate-root.pem")
CLIENT=(openssl s_client -dtls1_2 -connect "$S4:4433" -mtu "$DTLS_MTU" -servername "$SNI" "${CA[@]}")
run_capture dtls12.pcap udp 4433 'hello over DTLS 1.2\n' 1

# 9. TLS 1.2 over IPv6 with GnuTLS on both sides, ECDSA leaf, pcapng
SERVER=(gnutls-serv --echo --port 4443 --x509certfile "$PKI/server-ecdsa-fullchain.pem"
        --x509keyfile "$PKI/server-ecdsa.key" --priority 'NORMAL:-VERS-ALL:+VERS-TLS1.2')
CLIENT=(gnutls-cli "$V6_SRV" --port 4443 --sni-hostname "$SNI" --verify-hostname "$SNI"
        --x509cafile "$PKI/root-ca.crt" --priority 'NORMAL:-VERS-ALL:+VERS-TLS1.2')
CAP_IF=$IF6_SRV KILL_SERVER=1 run_capture tls12-ipv6.pcapng tcp 4443 'hello over IPv6\n' 1 pcapng

# 10. JDK (JSSE) server, TLS 1.2, chain from a PKCS12 keystore; openssl client
mkdir -p "$WORK/jdk-classes"
javac -d "$WORK/jdk-classes" "$RECIPE/JdkTlsServer.java"
SERVER=(java -cp "$WORK/jdk-classes" JdkTlsServer "$S4" 9443 "$PKI/server.p12" "$P12_PASS")
CLIENT=(openssl s_client -connect "$S4:9443" -servername "$SNI" -tls1_2 "${CA[@]}")
run_capture tls12-jdk.pcap tcp 9443 'hello JDK\n' 1
grep -q "hello from the JDK" "$WORK/tls12-jdk.pcap.client.log" || die "tls12-jdk: no reply from the JDK"

# ---------------------------------------------------------------- expected files
log "writing expected.tsv and expected-handshakes.tsv"
EXPECTED="$WORK/expected.tsv"
HANDSHAKES="$WORK/expected-handshakes.tsv"
printf 'capture\ttransport\tserver_ip:port\tsender\tposition\tsha256\tsubject_rfc2253\n' >"$EXPECTED"
printf 'capture\ttransport\tclient_ip:port\tserver_ip:port\tversion\tsni\tcert_messages\talerts\tnote\n' >"$HANDSHAKES"

FULL=(server.crt intermediate-ca.crt root-ca.crt)
expect_certs tls12-chain.pcap tcp "$S4:8443" server "${FULL[@]}"
expect_handshake tls12-chain.pcap tcp "$S4:8443" "TLS 1.2" "$SNI" 1 - \
    "OpenSSL s_server/s_client; leaf+intermediate+root"
expect_certs tls10-chain.pcap tcp "$S4:8443" server "${FULL[@]}"
expect_handshake tls10-chain.pcap tcp "$S4:8443" "TLS 1.0" "$SNI" 1 - \
    "OpenSSL, SECLEVEL=0; leaf+intermediate+root"
expect_certs tls11-chain.pcap tcp "$S4:8443" server "${FULL[@]}"
expect_handshake tls11-chain.pcap tcp "$S4:8443" "TLS 1.1" "$SNI" 1 - \
    "OpenSSL, SECLEVEL=0; leaf+intermediate+root"
expect_certs tls12-mutual.pcap tcp "$S4:5061" server server.crt intermediate-ca.crt
expect_certs tls12-mutual.pcap tcp "$S4:5061" client client.crt intermediate-ca.crt
expect_handshake tls12-mutual.pcap tcp "$S4:5061" "TLS 1.2" "$SNI" 2 - \
    "mutual TLS (CertificateRequest); server and client chains"
expect_handshake tls13.pcap tcp "$S4:443" "TLS 1.3" "$SNI" 0 - \
    "certificates encrypted (TLS 1.3)"
expect_certs tls12-unknown-ca.pcap tcp "$S4:7001" server "${FULL[@]}"
expect_handshake tls12-unknown-ca.pcap tcp "$S4:7001" "TLS 1.2" "$SNI" 1 client:fatal:unknown_ca \
    "client does not trust the root; handshake aborted after the server flight"
expect_certs smtp-starttls.pcap tcp "$S4:587" server server.crt intermediate-ca.crt
expect_handshake smtp-starttls.pcap tcp "$S4:587" "TLS 1.2" "$SNI" 1 - \
    "SMTP STARTTLS; Python ssl server; TLS starts after the SMTP preamble"
expect_certs dtls12.pcap udp "$S4:4433" server "${FULL[@]}"
expect_handshake dtls12.pcap udp "$S4:4433" "DTLS 1.2" "$SNI" 1 - \
    "DTLS with HelloVerifyRequest cookie; Certificate split into several handshake fragments (openssl -mtu $DTLS_MTU)"
expect_certs tls12-ipv6.pcapng tcp "[$V6_SRV]:4443" server server-ecdsa.crt intermediate-ca.crt root-ca.crt
expect_handshake tls12-ipv6.pcapng tcp "[$V6_SRV]:4443" "TLS 1.2" "$SNI" 2 - \
    "GnuTLS gnutls-serv/gnutls-cli over IPv6; ECDSA P-256 leaf; pcapng; gnutls-serv asks for a client certificate and the client answers with an empty Certificate message"
expect_certs tls12-jdk.pcap tcp "$S4:9443" server "${FULL[@]}"
expect_handshake tls12-jdk.pcap tcp "$S4:9443" "TLS 1.2" "$SNI" 1 - \
    "JDK (JSSE) SSLServerSocket with PKCS12 keystore; OpenSSL client"

cp "$EXPECTED" "$HERE/expected.tsv"
cp "$HANDSHAKES" "$HERE/expected-handshakes.tsv"

log "cross-checking with tshark"
python3 "$RECIPE/verify-captures.py" --mtu "$MTU" --mtu6 "$MTU6" "$HERE"
ls -l "$HERE"/*.pcap "$HERE"/*.pcapng >&2

# The verdict and tunnel captures reuse root-ca and intermediate-ca, which were
# just replaced: remake them too (the verdict set builds the same namespaces
# again, so ours go first).
delete_namespaces
log "running make-verdict-captures.sh"
"$HERE/make-verdict-captures.sh"
# The TLS 1.3 and QUIC captures send this PKI's certificates too: remake them with it.
log "running make-keylog-captures.sh"
"$HERE/make-keylog-captures.sh"
log "running make-tunnel-captures.sh"
"$HERE/make-tunnel-captures.sh"
log "done"
