#!/usr/bin/env bash
# make-input-captures.sh - the captures of issue 19 part A: inputs (compressed files, snoop,
# Network Monitor, 802.11 link types), TCP data in flight after a reset, certificates and OCSP
# and CRLs carried outside handshakes (HTTP downloads, stapled OCSP), and a capture uploaded over
# plain HTTP. Run as root on Debian 12 after make-captures.sh (it reads pki/ and never rewrites it):
#
#     sudo ./test-captures/make-input-captures.sh [STEP...]     (all steps when none is named)
#
# Network: two namespaces, i19aS (servers and the capture) and i19aC (clients), joined by one veth
# pair i19aS0/i19aC0 (10.191.0.1 / 10.191.0.2, MTU 800, offloads off). Nothing leaves them; both
# and every process started here are removed on exit. Details of each capture: README.md.
set -Eeuo pipefail
export LC_ALL=C

source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/recipe/capture-lib.sh"
LOG_TAG=make-input-captures
NS_SRV=i19aS
NS_CLI=i19aC
IF_SRV=i19aS0
IF_CLI=i19aC0
V4_SRV=10.191.0.1
V4_CLI=10.191.0.2
OUT="$HERE/inputs"

setup_link() {
    delete_namespaces
    ip netns add "$NS_SRV"
    ip netns add "$NS_CLI"
    ip link add "$IF_SRV" netns "$NS_SRV" type veth peer name "$IF_CLI" netns "$NS_CLI"
    local ns ifc n
    for spec in "$NS_SRV:$IF_SRV:1" "$NS_CLI:$IF_CLI:2"; do
        IFS=: read -r ns ifc n <<<"$spec"
        ip -n "$ns" link set lo up
        ip -n "$ns" link set "$ifc" mtu "$MTU"
        ip netns exec "$ns" ethtool -K "$ifc" tx off rx off tso off gso off gro off >/dev/null 2>&1 ||
            ip netns exec "$ns" ethtool -K "$ifc" tx off tso off gso off >/dev/null
        ip netns exec "$ns" sysctl -qw "net.ipv6.conf.$ifc.disable_ipv6=1" 2>/dev/null || true
        ip -n "$ns" addr add "10.191.0.$n/24" dev "$ifc"
        ip -n "$ns" link set "$ifc" up
    done
    mkfifo "$WORK/server-stdin"
    exec {SRV_STDIN_FD}<>"$WORK/server-stdin"
}

# capture_in NS IFACE FILE FILTER: like start_capture, in the namespace given
capture_in() {
    CAP_FILE=$3
    : >"$WORK/capture.log"
    ip netns exec "$1" tcpdump -i "$2" -n -U --immediate-mode -Z root -w "$3" "$4" 2>"$WORK/capture.log" &
    CAP_PID=$!
    BG_PIDS+=("$CAP_PID")
    wait_for "tcpdump to start" 15 grep -q "listening on" "$WORK/capture.log"
}

# ---------------------------------------------------------------- TCP data after FIN and RST

# The server's flight leaves through a slow link (tbf: 400 kbit/s, so one 800-byte segment per 16 ms), so that the
# client, which resets as soon as it has read the first segment, sees the rest of the flight arrive
# after its FIN and RST. Captured on the client's side, where that order is what the wire showed.
fin_rst() {
    local name=fin-rst-inflight.pcap spid
    log "capture $name"
    ip netns exec "$NS_SRV" tc qdisc add dev "$IF_SRV" root tbf rate 400kbit burst 1600 latency 2s
    capture_in "$NS_CLI" "$IF_CLI" "$WORK/$name" "tcp port 8443"
    ip netns exec "$NS_SRV" timeout "$STEP_TIMEOUT" openssl s_server -accept 8443 -naccept 1 -tls1_2 \
        -cert "$PKI/server.crt" -key "$PKI/server.key" -cert_chain "$PKI/chain-intermediate-root.pem" \
        <"$WORK/server-stdin" >"$WORK/$name.server.log" 2>&1 &
    spid=$!
    BG_PIDS+=("$spid")
    wait_for "s_server on 8443" 20 listening tcp 8443
    ip netns exec "$NS_CLI" timeout "$STEP_TIMEOUT" python3 "$RECIPE/reset_client.py" "$V4_SRV" 8443 server.capcert.test \
        >"$WORK/$name.client.log" 2>&1
    sleep 1
    kill -TERM "$spid" 2>/dev/null || true
    wait_exit "$spid" 10
    stop_capture
    ip netns exec "$NS_SRV" tc qdisc del dev "$IF_SRV" root
    cp "$WORK/$name" "$OUT/$name"
}

# ---------------------------------------------------------------- other file formats

# Shipped captures compressed by the real tools (gzip, zstd, xz, bzip2, lz4; one nested twice) and
# converted by editcap to snoop and Network Monitor 2.x. Files capcert does not read, for the
# messages that name them, go to not-captures/ (names that no capture glob matches).
formats() {
    local src="$HERE" foreign="$OUT/not-captures"
    log "compressed and converted captures"
    mkdir -p "$foreign"
    gzip -9 -n -c "$src/tls12-chain.pcap" >"$OUT/tls12-chain.pcap.gz"
    zstd -q -19 -c "$src/tls12-ipv6.pcapng" >"$OUT/tls12-ipv6.pcapng.zst"
    xz -9 -c "$src/smtp-starttls.pcap" >"$OUT/smtp-starttls.pcap.xz"
    bzip2 -9 -c "$src/dtls12.pcap" >"$OUT/dtls12.pcap.bz2"
    lz4 -q -9 -c "$src/tls12-mutual.pcap" >"$OUT/tls12-mutual.pcap.lz4"
    xz -c "$src/tls12-jdk.pcap" | gzip -n -c >"$OUT/tls12-jdk.pcap.xz.gz"
    editcap -F snoop "$src/tls12-chain.pcap" "$OUT/tls12-chain.snoop"
    editcap -F netmon2 "$src/tls12-mutual.pcap" "$OUT/tls12-mutual.cap"
    editcap -F netmon1 "$src/tls12-chain.pcap" "$foreign/tls12-chain.netmon1"
    editcap -F ngsniffer "$src/tls12-chain.pcap" "$foreign/tls12-chain.ngsniffer"
    tshark -n -r "$src/tls12-chain.pcap" -x >"$foreign/tls12-chain.hexdump.txt" 2>/dev/null
    tshark -n -r "$src/tls12-chain.pcap" -T pdml >"$foreign/tls12-chain.pdml" 2>/dev/null
    (cd "$src" && python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1], "w").write("tls12-chain.pcap")' \
        "$foreign/tls12-chain.zip")
    tar -C "$src" -cf - tls12-chain.pcap | gzip -n -c >"$foreign/tls12-chain.tar.gz"
    cp "$PKI/server.crt" "$foreign/server.pem"
}

# ---------------------------------------------------------------- link types

# No Wi-Fi driver or mac80211_hwsim in this kernel and no serial link: real Ethernet captures are
# rewritten frame by frame as 802.11 (bare, radiotap, PPI, AVS, Prism), Cisco HDLC and NFLOG by
# recipe/relink.py (built from the specifications it names), then tshark must find in each the
# certificates it finds in the source.
links() {
    local dir="$OUT/links" link src count expected
    mkdir -p "$dir"
    for spec in ieee80211:tls12-chain radiotap:tls12-chain radiotap:tls12-mutual ppi:tls12-chain avs:tls12-chain \
                prism:tls12-chain chdlc:tls12-chain nflog:tls12-chain; do
        link=${spec%%:*}; src=${spec#*:}
        log "link type $link from $src.pcap"
        python3 "$RECIPE/relink.py" "$link" "$HERE/$src.pcap" "$dir/$src.$link.pcap"
        expected=$(certificates_by_tshark "$HERE/$src.pcap")
        count=$(certificates_by_tshark "$dir/$src.$link.pcap")
        [ "$count" = "$expected" ] || die "tshark finds $count certificates in $src.$link.pcap, $expected in $src.pcap"
    done
}

certificates_by_tshark() { # CAPTURE: the certificates of every Certificate message, one per line
    tshark -n -r "$1" -o tcp.reassemble_out_of_order:TRUE -d tcp.port==8443,tls -d tcp.port==5061,tls \
        -Y 'tls.handshake.type==11' -T fields -e tls.handshake.certificate 2>/dev/null | tr ',' '\n' | sha256sum
}

# ---------------------------------------------------------------- evidence outside handshakes

# serve_http PORT: recipe/http_server.py serving $WORK/www from the server namespace
serve_http() {
    ip netns exec "$NS_SRV" timeout 120 python3 "$RECIPE/http_server.py" "$V4_SRV" "$1" "$WORK/www" \
        >"$WORK/http.log" 2>&1 &
    HTTP_PID=$!
    BG_PIDS+=("$HTTP_PID")
    wait_for "HTTP server on $1" 20 listening tcp "$1"
}

# ocsp_db FILE: the OCSP responder's database: server.crt (0x3001) good, expe-revoked (0x5007) revoked on 2025-06-01
ocsp_db() {
    printf 'V\t491231235959Z\t\t3001\tunknown\t/O=capcert/OU=Test Servers/CN=server.capcert.test\n' >"$1"
    printf 'R\t491231235959Z\t250601000000Z,keyCompromise\t5007\tunknown\t/O=capcert/OU=Expressway-E/CN=expe.capcert.test\n' >>"$1"
}

# One capture per file: AIA-style downloads (a certificate, a CRL sent chunked, a PKCS#7 bundle) on
# one kept-alive connection; OCSP over HTTP with openssl's responder; an OCSP response stapled in
# a TLS 1.2 handshake; a capture uploaded and downloaded over plain HTTP (a phantom source).
evidence() {
    local I="$PKI/intermediate-ca" revoked="$PKI/verdicts/expe-revoked" db="$WORK/ocsp-index.txt" spid name
    mkdir -p "$WORK/www"
    openssl x509 -in "$I.crt" -outform DER -out "$WORK/www/intermediate-ca.cer"
    openssl crl -in "$HERE/trust/intermediate-ca.crl" -outform DER -out "$WORK/www/intermediate-ca.crl"
    openssl crl2pkcs7 -nocrl -certfile "$PKI/chain-intermediate-root.pem" -outform DER -out "$WORK/www/chain.p7c"
    cp "$HERE/tls12-chain.pcap" "$WORK/www/"
    ocsp_db "$db"

    name=http-aia-crl.pcap
    log "capture $name"
    capture_in "$NS_SRV" "$IF_SRV" "$WORK/$name" "tcp port 8080"
    serve_http 8080
    ip netns exec "$NS_CLI" timeout "$STEP_TIMEOUT" curl -sS -o /dev/null -o /dev/null -o /dev/null \
        "http://$V4_SRV:8080/intermediate-ca.cer" "http://$V4_SRV:8080/intermediate-ca.crl?chunked" \
        "http://$V4_SRV:8080/chain.p7c"
    stop_capture
    cp "$WORK/$name" "$OUT/$name"

    name=http-upload-pcap.pcap
    log "capture $name"
    capture_in "$NS_SRV" "$IF_SRV" "$WORK/$name" "tcp port 8080"
    ip netns exec "$NS_CLI" timeout "$STEP_TIMEOUT" curl -sS -o /dev/null -H 'Content-Type: application/vnd.tcpdump.pcap' \
        --data-binary "@$HERE/tls12-chain.pcap" "http://$V4_SRV:8080/upload"
    ip netns exec "$NS_CLI" timeout "$STEP_TIMEOUT" curl -sS -o /dev/null "http://$V4_SRV:8080/tls12-chain.pcap"
    stop_capture
    kill -TERM "$HTTP_PID" 2>/dev/null || true
    cp "$WORK/$name" "$OUT/$name"

    name=ocsp-http.pcap
    log "capture $name"
    capture_in "$NS_SRV" "$IF_SRV" "$WORK/$name" "tcp port 8888"
    ip netns exec "$NS_SRV" timeout "$STEP_TIMEOUT" openssl ocsp -index "$db" -port 8888 -nrequest 1 \
        -rsigner "$I.crt" -rkey "$I.key" -CA "$I.crt" -ndays 9000 >"$WORK/ocsp-responder.log" 2>&1 &
    spid=$!
    BG_PIDS+=("$spid")
    wait_for "OCSP responder on 8888" 20 listening tcp 8888
    ip netns exec "$NS_CLI" timeout "$STEP_TIMEOUT" openssl ocsp -issuer "$I.crt" -cert "$PKI/server.crt" \
        -cert "$revoked.crt" -url "http://$V4_SRV:8888/" -CAfile "$PKI/root-ca.crt" >"$WORK/ocsp-client.log" 2>&1
    grep -q "expe-revoked.crt: revoked" "$WORK/ocsp-client.log" || { cat "$WORK/ocsp-client.log" >&2; die "OCSP client"; }
    wait_exit "$spid" 10
    stop_capture
    cp "$WORK/$name" "$OUT/$name"

    stapled ocsp-stapled.pcap "$revoked" expe.capcert.test revoked -tls1_2
    stapled ocsp-stapled-good.pcap "$PKI/server" server.capcert.test good -tls1_2

    # A capture that caught both a CRL download and a handshake whose leaf that CRL revokes.
    mergecap -F pcap -w "$OUT/revoked-with-crl-download.pcap" "$HERE/revoked.pcap" "$OUT/http-aia-crl.pcap"
}

# stapled NAME LEAF SNI STATUS VERSION: s_server -status_file staples the responder's answer about LEAF
# (TLS 1.2: a CertificateStatus message; TLS 1.3: the leaf's status_request entry extension, encrypted,
# so the client's key log is written to NAME.keys in the work directory)
stapled() {
    local name=$1 leaf=$2 sni=$3 status=$4 version=$5 I="$PKI/intermediate-ca" db="$WORK/ocsp-index.txt" spid
    log "capture $name"
    [ -f "$db" ] || ocsp_db "$db"
    openssl ocsp -issuer "$I.crt" -cert "$leaf.crt" -no_nonce -reqout "$WORK/$name.request.der" >/dev/null
    openssl ocsp -index "$db" -rsigner "$I.crt" -rkey "$I.key" -CA "$I.crt" -ndays 9000 \
        -reqin "$WORK/$name.request.der" -respout "$WORK/$name.response.der" >/dev/null
    capture_in "$NS_SRV" "$IF_SRV" "$WORK/$name" "tcp port 8443"
    ip netns exec "$NS_SRV" timeout "$STEP_TIMEOUT" openssl s_server -accept 8443 -naccept 1 "$version" \
        -cert "$leaf.crt" -key "$leaf.key" -cert_chain "$I.crt" -status_file "$WORK/$name.response.der" \
        <"$WORK/server-stdin" >"$WORK/$name.server.log" 2>&1 &
    spid=$!
    BG_PIDS+=("$spid")
    wait_for "s_server on 8443" 20 listening tcp 8443
    { sleep 1; } | ip netns exec "$NS_CLI" timeout "$STEP_TIMEOUT" openssl s_client -connect "$V4_SRV:8443" "$version" \
        -servername "$sni" -status -keylogfile "$WORK/$name.keys" >"$WORK/$name.client.log" 2>&1 || true
    grep -q "Cert Status: $status" "$WORK/$name.client.log" || { cat "$WORK/$name.client.log" >&2; die "no stapled status"; }
    kill -TERM "$spid" 2>/dev/null || true
    wait_exit "$spid" 10
    stop_capture
    cp "$WORK/$name" "$OUT/$name"
}

# TLS 1.3 staples the OCSP response inside the encrypted Certificate message: each capture carries
# its key log in a pcapng Decryption Secrets Block, so it reads with no option.
stapled13() {
    local name
    for spec in "ocsp-stapled-tls13:$PKI/verdicts/expe-revoked:expe.capcert.test:revoked" \
                "ocsp-stapled-tls13-good:$PKI/server:server.capcert.test:good"; do
        IFS=: read -r name leaf sni status <<<"$spec"
        stapled "$name.pcap" "$leaf" "$sni" "$status" -tls1_3
        editcap --inject-secrets "tls,$WORK/$name.pcap.keys" "$WORK/$name.pcap" "$OUT/$name.pcapng"
        rm "$OUT/$name.pcap"
    done
}

begin_recipe
mkdir -p "$OUT"
steps=("$@")
[ ${#steps[@]} -gt 0 ] || steps=(fin_rst formats links evidence stapled13)
for step in "${steps[@]}"; do
    case $step in
        fin_rst) [ -n "$(ip netns list | grep -w "$NS_SRV")" ] || setup_link; fin_rst ;;
        formats) formats ;;
        links) links ;;
        evidence) [ -n "$(ip netns list | grep -w "$NS_SRV")" ] || setup_link; evidence ;;
        stapled13) [ -n "$(ip netns list | grep -w "$NS_SRV")" ] || setup_link; stapled13 ;;
        *) die "unknown step $step (steps: fin_rst formats links evidence stapled13)" ;;
    esac
done
log "done: $OUT"
