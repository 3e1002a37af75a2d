#!/usr/bin/env bash
# make-keylog-captures.sh - TLS 1.3, QUIC v1/v2 captures with the key logs that decrypt them.
#
# Run as root on Debian 12 (bookworm):   sudo ./test-captures/make-keylog-captures.sh
#
# Uses the PKI in pki/ (made by make-captures.sh; only read here) and makes, each in its own run of
# real TLS stacks in two network namespaces joined by a small-MTU veth (offloads off):
#   - OpenSSL s_server / s_client -keylogfile: each of the five TLS 1.3 cipher suites, mutual TLS,
#     a HelloRetryRequest, a resumption (-sess_out / -sess_in);
#   - GnuTLS gnutls-serv / gnutls-cli (SSLKEYLOGFILE), plain and with RFC 8879 compressed
#     certificates (--compress-cert zlib, brotli, zstd);
#   - Python's ssl: post-handshake client authentication (recipe/tls13_pha.py);
#   - QUIC v1, v2 and v1 with a Retry from Kwik (tech.kwik:kwik 0.10.3, recipe/KwikQuic.java);
#   - a pcapng carrying its own key log (editcap --inject-secrets);
# plus keylogs/*.keys (one per capture, one missing some connections, one with wrong secrets),
# expected-keylog.tsv and expected-keylog-handshakes.tsv (from the PEM files the servers were
# given, not from the captures), then cross-checks them with tshark -o tls.keylog_file
# (recipe/verify-keylog-captures.py). Every run makes new random values, so every byte changes:
# commit the captures, keylogs/ and both TSV files together.
#
# Network: namespaces i18a (servers, capture) and i18b (clients), 10.18.0.0/24, IPv4 MTU 800 (1280 for QUIC);
# nothing leaves them. Every wait is bounded; namespaces and processes go on exit.

set -Eeuo pipefail
export LC_ALL=C

NS_SRV=i18a NS_CLI=i18b IF_SRV=i18vA IF_CLI=i18vB IF6_SRV=i18vA6 IF6_CLI=i18vB6 V4_NET=10.18.0 V6_NET=fd00:18
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/recipe/capture-lib.sh"
LOG_TAG=make-keylog-captures
KEYLOGS="$HERE/keylogs"
SNI=server.capcert.test
KWIK_VERSION=0.10.3

CAPTURES=(tls13-aes-128-gcm.pcap tls13-aes-256-gcm.pcap tls13-chacha20-poly1305.pcap tls13-aes-128-ccm.pcap
          tls13-aes-128-ccm-8.pcap tls13-mutual.pcap tls13-hello-retry.pcap tls13-resumed.pcap tls13-gnutls.pcap
          tls13-compressed-zlib.pcap tls13-compressed-brotli.pcap tls13-compressed-zstd.pcap tls13-python-pha.pcap
          quic-v1.pcap quic-v2.pcap quic-v1-retry.pcap tls13-secrets-block.pcapng)

begin_recipe
for f in "$PKI/root-ca.crt" "$PKI/server.crt" "$PKI/server.key" "$PKI/client.crt" "$PKI/server.p12"; do
    [ -f "$f" ] || die "$f missing: run make-captures.sh first"
done
setup_namespaces
mkdir -p "$KEYLOGS"
for c in "${CAPTURES[@]}"; do rm -f "$HERE/$c" "$KEYLOGS/${c%.*}.keys"; done
# Clients reach the server by name (SNI and the certificate check): ip netns exec reads /etc/netns/NS/hosts.
mkdir -p "/etc/netns/$NS_CLI"
echo "$V4_SRV $SNI" >"/etc/netns/$NS_CLI/hosts"
EXTRA_CLEANUP='rm -rf "/etc/netns/$NS_CLI"'

S4=$V4_SRV
CA=(-CAfile "$PKI/root-ca.crt" -verify_return_error -verify_hostname "$SNI")
SERVE=(-cert "$PKI/server.crt" -key "$PKI/server.key" -cert_chain "$PKI/chain-intermediate-root.pem")

# openssl_capture NAME PORT [CIPHERSUITE] [EXTRA SERVER ARGS --] [EXTRA CLIENT ARGS]
openssl_tls13() {
    local name=$1 port=$2 suites=$3; shift 3
    local server_extra=() client_extra=()
    while [ $# -gt 0 ] && [ "$1" != -- ]; do server_extra+=("$1"); shift; done
    [ $# -gt 0 ] && shift
    client_extra=("$@")
    SERVER=(openssl s_server -accept "$S4:$port" -naccept 1 -tls1_3 -ciphersuites "$suites" "${SERVE[@]}" "${server_extra[@]}")
    CLIENT=(openssl s_client -connect "$S4:$port" -servername "$SNI" -tls1_3 -ciphersuites "$suites" "${CA[@]}"
            -keylogfile "$KEYLOGS/${name%.*}.keys" "${client_extra[@]}")
    run_capture "$name" tcp "$port" "hello over TLS 1.3\n" 1
    grep -q "^CLIENT_HANDSHAKE_TRAFFIC_SECRET" "$KEYLOGS/${name%.*}.keys" || die "$name: no key log written"
    grep -q "Cipher is $suites" "$WORK/$name.client.log" || die "$name: $suites not negotiated"
}

openssl_tls13 tls13-aes-128-gcm.pcap 8443 TLS_AES_128_GCM_SHA256
openssl_tls13 tls13-aes-256-gcm.pcap 8443 TLS_AES_256_GCM_SHA384
openssl_tls13 tls13-chacha20-poly1305.pcap 8443 TLS_CHACHA20_POLY1305_SHA256
openssl_tls13 tls13-aes-128-ccm.pcap 8443 TLS_AES_128_CCM_SHA256
openssl_tls13 tls13-aes-128-ccm-8.pcap 8443 TLS_AES_128_CCM_8_SHA256
# mutual TLS: the server asks (-Verify 2), the client sends its leaf and intermediate
openssl_tls13 tls13-mutual.pcap 5061 TLS_AES_128_GCM_SHA256 -Verify 2 -CAfile "$PKI/root-ca.crt" -verify_return_error -- \
    -cert "$PKI/client.crt" -key "$PKI/client.key" -cert_chain "$PKI/intermediate-ca.crt"
# HelloRetryRequest: the client's key share is X25519, the server takes P-384 only
openssl_tls13 tls13-hello-retry.pcap 443 TLS_AES_256_GCM_SHA384 -groups P-384 -- -groups X25519:P-384

# resumption: a full handshake saves its session, a second connection resumes it (PSK, no certificate)
cat >"$WORK/resume.sh" <<SH
#!/bin/sh
sleep 1 | timeout 10 openssl s_client -connect $S4:7443 -servername $SNI -tls1_3 ${CA[*]} -keylogfile $KEYLOGS/tls13-resumed.keys \
    -sess_out $WORK/session.pem || exit 1
sleep 0.5
{ echo "hello again"; sleep 1; } | timeout 10 openssl s_client -connect $S4:7443 -servername $SNI -tls1_3 ${CA[*]} \
    -keylogfile $KEYLOGS/tls13-resumed.keys -sess_in $WORK/session.pem
SH
chmod +x "$WORK/resume.sh"
SERVER=(openssl s_server -accept "$S4:7443" -naccept 2 -tls1_3 "${SERVE[@]}")
CLIENT=("$WORK/resume.sh")
run_capture tls13-resumed.pcap tcp 7443 "" 1
grep -q "^Reused, TLSv1.3" "$WORK/tls13-resumed.pcap.client.log" || die "tls13-resumed: the second connection did not resume"

# GnuTLS on both ends; the client writes SSLKEYLOGFILE
gnutls_tls13() {
    local name=$1 compress=${2:-}
    local extra=()
    [ -n "$compress" ] && extra=(--compress-cert "$compress")
    SERVER=(gnutls-serv --echo --port 4443 --x509certfile "$PKI/server-ecdsa-fullchain.pem"
            --x509keyfile "$PKI/server-ecdsa.key" --priority 'NORMAL:-VERS-ALL:+VERS-TLS1.3' "${extra[@]}")
    CLIENT=(env "SSLKEYLOGFILE=$KEYLOGS/${name%.*}.keys" gnutls-cli "$S4" --port 4443 --sni-hostname "$SNI"
            --verify-hostname "$SNI" --x509cafile "$PKI/root-ca.crt" --priority 'NORMAL:-VERS-ALL:+VERS-TLS1.3' "${extra[@]}")
    KILL_SERVER=1 run_capture "$name" tcp 4443 "hello over GnuTLS\n" 1
    grep -q "^SERVER_HANDSHAKE_TRAFFIC_SECRET" "$KEYLOGS/${name%.*}.keys" || die "$name: no key log written"
}
gnutls_tls13 tls13-gnutls.pcap
gnutls_tls13 tls13-compressed-zlib.pcap zlib
gnutls_tls13 tls13-compressed-brotli.pcap brotli
gnutls_tls13 tls13-compressed-zstd.pcap zstd

# Python ssl: post-handshake client authentication
cat "$PKI/client.crt" "$PKI/intermediate-ca.crt" >"$WORK/client-chain.pem"
SERVER=(python3 "$RECIPE/tls13_pha.py" server "$S4" 9443 "$PKI/server-with-intermediate.pem" "$PKI/server.key" "$PKI/root-ca.crt")
CLIENT=(python3 "$RECIPE/tls13_pha.py" client "$SNI" 9443 "$SNI" "$PKI/root-ca.crt" "$WORK/client-chain.pem"
        "$PKI/client.key" "$KEYLOGS/tls13-python-pha.keys")
run_capture tls13-python-pha.pcap tcp 9443 "" 1
grep -q "hello client.capcert.test" "$WORK/tls13-python-pha.pcap.client.log" || die "tls13-python-pha: no post-handshake authentication"

# QUIC with Kwik (pure Java): v1, v2, and v1 with a Retry
mvn -q -B dependency:get -Dartifact="tech.kwik:kwik:$KWIK_VERSION" >&2
M2=$(mvn -q -B help:evaluate -Dexpression=settings.localRepository -DforceStdout 2>/dev/null | sed "s/\x1b\[[0-9;]*m//g")
[ -d "$M2" ] || M2="$HOME/.m2/repository"
KWIK_CP=$(find "$M2/tech/kwik/kwik/$KWIK_VERSION" "$M2/tech/kwik/agent15" "$M2/at/favre/lib/hkdf" \
          "$M2/com/io7m/repackage/io/whitfin" -name '*.jar' | tr '\n' ':')
mkdir -p "$WORK/kwik-classes"
javac -cp "$KWIK_CP" -d "$WORK/kwik-classes" "$RECIPE/KwikQuic.java"
kwik_capture() {
    local name=$1 version=$2 retry=$3
    SERVER=(java -cp "$WORK/kwik-classes:$KWIK_CP" KwikQuic server "$S4" 4433 "$PKI/server.p12" "$P12_PASS" "$version" "$retry")
    CLIENT=(java -cp "$WORK/kwik-classes:$KWIK_CP" KwikQuic client "$SNI" 4433 "$PKI/root-ca.crt" "$version"
            "$KEYLOGS/${name%.*}.keys")
    KILL_SERVER=1 run_capture "$name" udp 4433 "" 1
    grep -q "hello over QUIC" "$WORK/$name.client.log" || die "$name: no answer over QUIC"
}
# QUIC sends datagrams of 1200 bytes and more that must not be cut into IP fragments: the QUIC runs
# use a 1280-byte link MTU (the IPv6 minimum, what QUIC assumes of any path).
for ns in "$NS_SRV:$IF_SRV" "$NS_CLI:$IF_CLI"; do ip -n "${ns%%:*}" link set "${ns#*:}" mtu 1280; done
kwik_capture quic-v1.pcap v1 noretry
kwik_capture quic-v2.pcap v2 noretry
kwik_capture quic-v1-retry.pcap v1 retry
for ns in "$NS_SRV:$IF_SRV" "$NS_CLI:$IF_CLI"; do ip -n "${ns%%:*}" link set "${ns#*:}" mtu "$MTU"; done

# a pcapng that carries its own key log: no --keylog needed
editcap --inject-secrets "tls,$KEYLOGS/tls13-aes-128-gcm.keys" "$HERE/tls13-aes-128-gcm.pcap" "$HERE/tls13-secrets-block.pcapng"
chmod 644 "$HERE/tls13-secrets-block.pcapng"

# a key log missing some connections, one whose secrets are wrong
cat "$KEYLOGS/tls13-aes-128-gcm.keys" "$KEYLOGS/quic-v1.keys" >"$KEYLOGS/missing-some.keys"
# every secret's last hex digit changed: same lines, same client randoms, secrets that do not fit
awk 'NF == 3 { d = substr($3, length($3)); $3 = substr($3, 1, length($3) - 1) (d == "0" ? "1" : "0") } { print }' \
    "$KEYLOGS/tls13-aes-256-gcm.keys" >"$KEYLOGS/wrong-secrets.keys"
cmp -s "$KEYLOGS/wrong-secrets.keys" "$KEYLOGS/tls13-aes-256-gcm.keys" && die "wrong-secrets.keys is not wrong"
chmod 644 "$KEYLOGS"/*.keys

# ---------------------------------------------------------------- expected files
log "writing expected-keylog.tsv and expected-keylog-handshakes.tsv"
EXP="$WORK/expected-keylog.tsv"
HS="$WORK/expected-keylog-handshakes.tsv"
printf 'capture\tkeylog\ttransport\tserver_ip:port\tsender\tposition\tsha256\tsubject_rfc2253\n' >"$EXP"
printf 'capture\tkeylog\ttransport\tclient_ip:port\tserver_ip:port\tversion\tquic\tsni\tdecrypted\tfirst_note\n' >"$HS"

# certs CAPTURE KEYLOG TRANSPORT SERVER SENDER CERTFILE...
certs() {
    local capture=$1 keylog=$2 transport=$3 server=$4 sender=$5 pos=0 f sha subj
    shift 5
    for f in "$@"; do
        sha=$(openssl x509 -in "$PKI/$f" -outform DER | sha256sum | cut -d' ' -f1)
        subj=$(openssl x509 -in "$PKI/$f" -noout -subject -nameopt RFC2253 | sed 's/^subject=//')
        printf '%s\t%s\t%s\t%s\t%s\t%d\t%s\t%s\n' "$capture" "$keylog" "$transport" "$server" "$sender" "$pos" "$sha" "$subj" >>"$EXP"
        pos=$((pos + 1))
    done
}
# hs CAPTURE KEYLOG TRANSPORT SERVER VERSION QUIC DECRYPTED FIRST_NOTE [CLIENT]
hs() {
    local client=${9:-}
    [ -n "$client" ] || client=$(client_endpoint "$1" "$3" "${4##*:}")
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$client" "$4" "$5" "$6" "$SNI" "$7" "$8" >>"$HS"
}
FULL=(server.crt intermediate-ca.crt root-ca.crt)
ECDSA=(server-ecdsa.crt intermediate-ca.crt root-ca.crt)
for c in aes-128-gcm aes-256-gcm chacha20-poly1305 aes-128-ccm aes-128-ccm-8 hello-retry; do
    certs "tls13-$c.pcap" "keylogs/tls13-$c.keys" tcp "$S4:$([ $c = hello-retry ] && echo 443 || echo 8443)" server "${FULL[@]}"
done
certs tls13-mutual.pcap keylogs/tls13-mutual.keys tcp "$S4:5061" server "${FULL[@]}"
certs tls13-mutual.pcap keylogs/tls13-mutual.keys tcp "$S4:5061" client client.crt intermediate-ca.crt
certs tls13-resumed.pcap keylogs/tls13-resumed.keys tcp "$S4:7443" server "${FULL[@]}"
for c in gnutls compressed-zlib compressed-brotli compressed-zstd; do
    certs "tls13-$c.pcap" "keylogs/tls13-$c.keys" tcp "$S4:4443" server "${ECDSA[@]}"
done
certs tls13-python-pha.pcap keylogs/tls13-python-pha.keys tcp "$S4:9443" server server.crt intermediate-ca.crt
certs tls13-python-pha.pcap keylogs/tls13-python-pha.keys tcp "$S4:9443" client client.crt intermediate-ca.crt
for c in quic-v1 quic-v2 quic-v1-retry; do
    certs "$c.pcap" "keylogs/$c.keys" udp "$S4:4433" server "${FULL[@]}"
done
certs tls13-secrets-block.pcapng - tcp "$S4:8443" server "${FULL[@]}"
certs tls13-aes-128-gcm.pcap keylogs/missing-some.keys tcp "$S4:8443" server "${FULL[@]}"
certs quic-v1.pcap keylogs/missing-some.keys udp "$S4:4433" server "${FULL[@]}"

for c in aes-128-gcm aes-256-gcm chacha20-poly1305 aes-128-ccm aes-128-ccm-8 hello-retry mutual gnutls \
         compressed-zlib compressed-brotli compressed-zstd python-pha; do
    port=$(tshark -r "$HERE/tls13-$c.pcap" -Y 'tcp.flags.syn==1 && tcp.flags.ack==0' -T fields -e tcp.dstport | head -1)
    hs "tls13-$c.pcap" - tcp "$S4:$port" "TLS 1.3" - no "certificates encrypted (TLS 1.3)"
    hs "tls13-$c.pcap" "keylogs/tls13-$c.keys" tcp "$S4:$port" "TLS 1.3" - yes -
done
# the resumed capture: two connections, the second one resumed
mapfile -t ports < <(tshark -r "$HERE/tls13-resumed.pcap" -Y 'tcp.flags.syn==1 && tcp.flags.ack==0' -T fields -e tcp.srcport)
hs tls13-resumed.pcap - tcp "$S4:7443" "TLS 1.3" - no "certificates encrypted (TLS 1.3)" "$V4_CLI:${ports[0]}"
hs tls13-resumed.pcap - tcp "$S4:7443" "TLS 1.3" - no "certificates encrypted (TLS 1.3)" "$V4_CLI:${ports[1]}"
hs tls13-resumed.pcap keylogs/tls13-resumed.keys tcp "$S4:7443" "TLS 1.3" - yes - "$V4_CLI:${ports[0]}"
hs tls13-resumed.pcap keylogs/tls13-resumed.keys tcp "$S4:7443" "TLS 1.3" - no "resumed: no certificates sent" "$V4_CLI:${ports[1]}"
for c in quic-v1:"QUIC v1" quic-v2:"QUIC v2" quic-v1-retry:"QUIC v1"; do
    name=${c%%:*}; quic=${c#*:}
    hs "$name.pcap" - udp "$S4:4433" "TLS 1.3" "$quic" no "certificates encrypted ($quic)"
    hs "$name.pcap" "keylogs/$name.keys" udp "$S4:4433" "TLS 1.3" "$quic" yes -
done
hs tls13-secrets-block.pcapng - tcp "$S4:8443" "TLS 1.3" - yes -
hs tls13-aes-128-gcm.pcap keylogs/missing-some.keys tcp "$S4:8443" "TLS 1.3" - yes -
hs tls13-aes-256-gcm.pcap keylogs/missing-some.keys tcp "$S4:8443" "TLS 1.3" - no "encrypted (TLS 1.3): no key-log entry for client random"
hs quic-v2.pcap keylogs/missing-some.keys udp "$S4:4433" "TLS 1.3" "QUIC v2" no "encrypted (QUIC v2): no key-log entry for client random"
hs tls13-aes-256-gcm.pcap keylogs/wrong-secrets.keys tcp "$S4:8443" "TLS 1.3" - no \
    "decryption failed: the key log's secret does not match (authentication tag)"
cp "$EXP" "$HERE/expected-keylog.tsv"
cp "$HS" "$HERE/expected-keylog-handshakes.tsv"

log "cross-checking with tshark"
python3 "$RECIPE/verify-keylog-captures.py" "$HERE"
ls -l "${CAPTURES[@]/#/$HERE/}" >&2
log "done"
