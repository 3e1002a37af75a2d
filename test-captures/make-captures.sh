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
#      (recipe/verify-captures.py) and fails if anything differs.
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

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PKI="$HERE/pki"
RECIPE="$HERE/recipe"
CNF="$RECIPE/pki.cnf"

NS_SRV=capcertA            # servers and the capture run here
NS_CLI=capcertB            # clients run here
IF_SRV=vA                  # IPv4 link
IF_CLI=vB
IF6_SRV=vA6                # IPv6 link (Linux disables IPv6 on links with MTU < 1280)
IF6_CLI=vB6
V4_SRV=10.99.0.1
V4_CLI=10.99.0.2
V6_SRV=fd00:99::1
V6_CLI=fd00:99::2
MTU=800                    # IPv4 link: small, so Certificate messages span several segments
MTU6=1280                  # IPv6 link: the IPv6 minimum MTU
DTLS_MTU=500               # openssl -mtu for the DTLS capture
SNI=server.capcert.test
VALID_FROM=20250101000000Z # fixed validity for every certificate
VALID_TO=20491231235959Z
P12_PASS=changeit
STEP_TIMEOUT=30            # seconds: upper bound for any server or client run

WORK=""
BG_PIDS=()
SRV_STDIN_FD=""

log() { printf '[make-captures] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

cleanup() {
    local rc=$?
    set +e
    trap - ERR
    for pid in "${BG_PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null; done
    sleep 0.3
    for pid in "${BG_PIDS[@]}"; do kill -KILL "$pid" 2>/dev/null; done
    delete_namespaces
    [ -n "$SRV_STDIN_FD" ] && exec {SRV_STDIN_FD}>&-
    [ -n "$WORK" ] && rm -rf "$WORK"
    if [ $rc -ne 0 ]; then log "failed (exit $rc)"; fi
    exit $rc
}

delete_namespaces() {
    local ns pid
    for ns in "$NS_SRV" "$NS_CLI"; do
        if ip netns list 2>/dev/null | grep -qw "^$ns"; then
            # only processes of this script can live in these namespaces
            for pid in $(ip netns pids "$ns" 2>/dev/null); do kill -KILL "$pid" 2>/dev/null; done
            ip netns del "$ns" 2>/dev/null || true
        fi
    done
}

# wait_for DESCRIPTION SECONDS COMMAND...: poll COMMAND until it succeeds.
wait_for() {
    local what=$1 secs=$2; shift 2
    local deadline=$((SECONDS + secs))
    until "$@" >/dev/null 2>&1; do
        [ $SECONDS -lt $deadline ] || die "timed out after ${secs}s waiting for $what"
        sleep 0.1
    done
}

# wait_exit PID SECONDS: wait for a background process, kill it if it overstays.
wait_exit() {
    local pid=$1 secs=$2
    local deadline=$((SECONDS + secs))
    while kill -0 "$pid" 2>/dev/null; do
        if [ $SECONDS -ge $deadline ]; then
            log "process $pid still running after ${secs}s, stopping it"
            kill -TERM "$pid" 2>/dev/null
            break
        fi
        sleep 0.1
    done
    wait "$pid" 2>/dev/null || true
}

check_requirements() {
    [ "$(id -u)" -eq 0 ] || die "must run as root (network namespaces, packet capture)"
    local missing=() spec cmd pkg
    for spec in ip:iproute2 ss:iproute2 ethtool:ethtool tcpdump:tcpdump tshark:tshark \
                dumpcap:wireshark-common openssl:openssl gnutls-serv:gnutls-bin \
                gnutls-cli:gnutls-bin javac:openjdk-17-jdk-headless java:openjdk-17-jdk-headless \
                keytool:openjdk-17-jre-headless python3:python3 timeout:coreutils sha256sum:coreutils; do
        cmd=${spec%%:*}; pkg=${spec#*:}
        command -v "$cmd" >/dev/null 2>&1 || missing+=("$pkg")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        mapfile -t missing < <(printf '%s\n' "${missing[@]}" | sort -u)
        [ "${CAPCERT_NO_INSTALL:-0}" = 1 ] && die "missing packages: ${missing[*]}"
        log "installing missing packages: ${missing[*]}"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    fi
}

# ---------------------------------------------------------------- PKI

newkey() { # rsa|ec NAME
    case $1 in
        rsa) openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$PKI/$2.key" 2>/dev/null ;;
        ec)  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$PKI/$2.key" ;;
    esac
}

# issue NAME SUBJECT EXTENSIONS SERIAL ISSUER|self
issue() {
    local name=$1 subj=$2 ext=$3 serial=$4 issuer=$5 signer
    openssl req -new -config "$CNF" -key "$PKI/$name.key" -subj "$subj" -out "$WORK/$name.csr"
    echo "$serial" >"$CAPCERT_CA_DIR/serial"
    if [ "$issuer" = self ]; then
        signer=(-selfsign -keyfile "$PKI/$name.key")
    else
        signer=(-cert "$PKI/$issuer.crt" -keyfile "$PKI/$issuer.key")
    fi
    openssl ca -batch -config "$CNF" -name capcert_signer "${signer[@]}" \
        -in "$WORK/$name.csr" -out "$PKI/$name.crt" -preserveDN -notext \
        -startdate "$VALID_FROM" -enddate "$VALID_TO" -extensions "$ext" \
        >"$WORK/ca-$name.log" 2>&1 || { cat "$WORK/ca-$name.log" >&2; die "openssl ca failed for $name"; }
}

make_pki() {
    log "making the PKI in pki/"
    rm -rf "$PKI"
    mkdir -p "$PKI" "$WORK/ca-state/newcerts"
    : >"$WORK/ca-state/index.txt"
    export CAPCERT_CA_DIR="$WORK/ca-state"

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
    chmod 644 "$PKI"/*
}

# ---------------------------------------------------------------- network

setup_namespaces() {
    log "creating namespaces $NS_SRV/$NS_CLI: IPv4 veth MTU $MTU, IPv6 veth MTU $MTU6"
    delete_namespaces   # leftovers of an interrupted earlier run
    ip netns add "$NS_SRV"
    ip netns add "$NS_CLI"
    ip link add "$IF_SRV" netns "$NS_SRV" type veth peer name "$IF_CLI" netns "$NS_CLI"
    ip link add "$IF6_SRV" netns "$NS_SRV" type veth peer name "$IF6_CLI" netns "$NS_CLI"
    local ns ifc n mtu fam
    for ns in "$NS_SRV" "$NS_CLI"; do ip -n "$ns" link set lo up; done
    for spec in "$NS_SRV:$IF_SRV:1:$MTU:4" "$NS_CLI:$IF_CLI:2:$MTU:4" \
                "$NS_SRV:$IF6_SRV:1:$MTU6:6" "$NS_CLI:$IF6_CLI:2:$MTU6:6"; do
        IFS=: read -r ns ifc n mtu fam <<<"$spec"
        ip -n "$ns" link set "$ifc" mtu "$mtu"
        # no segmentation/checksum offload: frames on the wire are <= MTU and
        # carry real checksums (otherwise tcpdump sees 64K "super-packets")
        ip netns exec "$ns" ethtool -K "$ifc" tx off rx off tso off gso off gro off >/dev/null 2>&1 ||
            ip netns exec "$ns" ethtool -K "$ifc" tx off tso off gso off >/dev/null
        if [ "$fam" = 4 ]; then
            ip -n "$ns" addr add "10.99.0.$n/24" dev "$ifc"
            # IPv6 stays off the IPv4 link (its MTU is below the IPv6 minimum anyway)
            ip netns exec "$ns" sysctl -qw "net.ipv6.conf.$ifc.disable_ipv6=1" 2>/dev/null || true
        else
            ip -n "$ns" -6 addr add "fd00:99::$n/64" dev "$ifc" nodad
        fi
        ip -n "$ns" link set "$ifc" up
    done
    wait_for "IPv6 address on $IF6_SRV" 10 bash -c \
        "ip -n $NS_SRV -6 addr show dev $IF6_SRV | grep -q 'fd00:99::1/64' && ! ip -n $NS_SRV -6 addr show dev $IF6_SRV | grep -q tentative"
    # server stdin: a FIFO held open read-write here, so openssl s_server never
    # sees EOF on stdin (it would otherwise drop the connection at once)
    mkfifo "$WORK/server-stdin"
    exec {SRV_STDIN_FD}<>"$WORK/server-stdin"
}

listening() { # tcp|udp PORT
    local opt=-Hltn
    [ "$1" = udp ] && opt=-Hlun
    ip netns exec "$NS_SRV" ss $opt "sport = :$2" | grep -q .
}

start_capture() { # FILE FILTER INTERFACE [pcapng]
    CAP_FILE=$1
    local ifc=$3
    : >"$WORK/capture.log"
    if [ "${4:-}" = pcapng ]; then
        ip netns exec "$NS_SRV" dumpcap -q -i "$ifc" -f "$2" -w "$CAP_FILE" 2>"$WORK/capture.log" &
        CAP_PID=$!
        BG_PIDS+=("$CAP_PID")
        wait_for "dumpcap to start" 15 grep -q "Capturing on" "$WORK/capture.log"
    else
        ip netns exec "$NS_SRV" tcpdump -i "$ifc" -n -U --immediate-mode -Z root \
            -w "$CAP_FILE" "$2" 2>"$WORK/capture.log" &
        CAP_PID=$!
        BG_PIDS+=("$CAP_PID")
        wait_for "tcpdump to start" 15 grep -q "listening on" "$WORK/capture.log"
    fi
}

stop_capture() {
    sleep 0.5   # let the last FIN/ACKs arrive
    kill -INT "$CAP_PID" 2>/dev/null || true
    wait_exit "$CAP_PID" 10
}

# run_capture NAME tcp|udp PORT CLIENT_STDIN EXPECT_CLIENT_OK(1|0) [pcapng]
# Captures on the IPv4 link, or on the IPv6 link when CAP_IF=$IF6_SRV.
# Uses the arrays SERVER and CLIENT (commands run in the server/client namespace).
run_capture() {
    local name=$1 proto=$2 port=$3 input=$4 expect_ok=$5 format=${6:-pcap}
    local cap="$WORK/$name" spid crc=0
    log "capture $name ($proto port $port)"
    start_capture "$cap" "$proto port $port" "${CAP_IF:-$IF_SRV}" "$format"
    ip netns exec "$NS_SRV" timeout "$STEP_TIMEOUT" "${SERVER[@]}" \
        <"$WORK/server-stdin" >"$WORK/$name.server.log" 2>&1 &
    spid=$!
    BG_PIDS+=("$spid")
    if ! (wait_for "server for $name on $proto/$port" 20 listening "$proto" "$port"); then
        cat "$WORK/$name.server.log" >&2
        die "server for $name did not start"
    fi
    # the client sends INPUT, then keeps stdin open for a moment so that it
    # reads the server's answer before closing on stdin EOF
    { printf '%b' "$input"; sleep 1; } | ip netns exec "$NS_CLI" timeout "$STEP_TIMEOUT" "${CLIENT[@]}" \
        >"$WORK/$name.client.log" 2>&1 || crc=$?
    if [ "${KILL_SERVER:-0}" = 1 ]; then
        sleep 0.5
        kill -TERM "$spid" 2>/dev/null || true
    fi
    wait_exit "$spid" 15
    stop_capture
    if { [ "$expect_ok" = 1 ] && [ $crc -ne 0 ]; } || { [ "$expect_ok" = 0 ] && [ $crc -eq 0 ]; }; then
        log "--- server log"; cat "$WORK/$name.server.log" >&2
        log "--- client log"; cat "$WORK/$name.client.log" >&2
        die "client for $name exited with $crc (expected $([ "$expect_ok" = 1 ] && echo success || echo failure))"
    fi
    mv "$cap" "$HERE/$name"
    chmod 644 "$HERE/$name"
}

# ---------------------------------------------------------------- expectations

EXPECTED="" HANDSHAKES=""

# expect_certs CAPTURE TRANSPORT SERVER_EP SENDER CERTFILE... (in the order sent)
expect_certs() {
    local capture=$1 transport=$2 server=$3 sender=$4 pos=0 f sha subj
    shift 4
    for f in "$@"; do
        sha=$(openssl x509 -in "$PKI/$f" -outform DER | sha256sum | cut -d' ' -f1)
        subj=$(openssl x509 -in "$PKI/$f" -noout -subject -nameopt RFC2253 | sed 's/^subject=//')
        printf '%s\t%s\t%s\t%s\t%d\t%s\t%s\n' "$capture" "$transport" "$server" "$sender" \
            "$pos" "$sha" "$subj" >>"$EXPECTED"
        pos=$((pos + 1))
    done
}

# The client's ephemeral port is only known after the run: read it from the
# capture (first SYN, or first datagram to the server port).
client_endpoint() { # CAPTURE TRANSPORT SERVER_PORT
    local filter
    if [ "$2" = tcp ]; then filter="tcp.flags.syn==1 && tcp.flags.ack==0"; else filter="udp.dstport==$3"; fi
    tshark -r "$HERE/$1" -n -Y "$filter" -T fields -e ip.src -e ipv6.src -e "$2.srcport" 2>/dev/null |
        head -n1 | awk -F'\t' '{ if ($2 != "") printf "[%s]:%s", $2, $3; else printf "%s:%s", $1, $3 }'
}

# expect_handshake CAPTURE TRANSPORT SERVER_EP VERSION SNI CERT_MESSAGES ALERTS NOTE
expect_handshake() {
    local client
    client=$(client_endpoint "$1" "$2" "${3##*:}")
    [ -n "$client" ] || die "no client endpoint found in $1"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$client" "$3" "$4" "$5" "$6" "$7" "$8" >>"$HANDSHAKES"
}

# ---------------------------------------------------------------- main

trap cleanup EXIT
trap 'exit 130' INT TERM
trap 'log "command failed at line $LINENO: $BASH_COMMAND"' ERR

check_requirements
WORK=$(mktemp -d /tmp/capcert-captures.XXXXXX)
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
log "done"
ls -l "$HERE"/*.pcap "$HERE"/*.pcapng >&2
