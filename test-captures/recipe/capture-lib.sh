# capture-lib.sh - helpers shared by ../make-captures.sh and ../make-verdict-captures.sh:
# the PKI issuing functions, the two network namespaces joined by small-MTU veths,
# one capture per server/client run, and the rows of expected.tsv and
# expected-handshakes.tsv. Sourced, not run; the caller sets LOG_TAG and calls
# begin_recipe before anything else.

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PKI="$HERE/pki"
RECIPE="$HERE/recipe"
CNF="$RECIPE/pki.cnf"

# A recipe may set these before sourcing this file (make-keylog-captures.sh does).
NS_SRV=${NS_SRV:-capcertA} # servers and the capture run here
NS_CLI=${NS_CLI:-capcertB} # clients run here
IF_SRV=${IF_SRV:-vA}       # IPv4 link
IF_CLI=${IF_CLI:-vB}
IF6_SRV=${IF6_SRV:-vA6}    # IPv6 link (Linux disables IPv6 on links with MTU < 1280)
IF6_CLI=${IF6_CLI:-vB6}
V4_NET=${V4_NET:-10.99.0}  # IPv4 /24: .1 server, .2 client
V6_NET=${V6_NET:-fd00:99}  # IPv6 /64: ::1 server, ::2 client
V4_SRV=$V4_NET.1
V4_CLI=$V4_NET.2
V6_SRV=$V6_NET::1
V6_CLI=$V6_NET::2
MTU=800                    # IPv4 link: small, so Certificate messages span several segments
MTU6=1280                  # IPv6 link: the IPv6 minimum MTU
VALID_FROM=20250101000000Z # fixed validity for every certificate
VALID_TO=20491231235959Z
P12_PASS=changeit
STEP_TIMEOUT=30            # seconds: upper bound for any server or client run

WORK=""
BG_PIDS=()
SRV_STDIN_FD=""

log() { printf "[%s] %s\n" "${LOG_TAG:-capture-lib}" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

cleanup() {
    local rc=$?
    set +e
    trap - ERR
    [ -n "${EXTRA_CLEANUP:-}" ] && eval "$EXTRA_CLEANUP"
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
# Names are paths under pki/ without extension (e.g. root-ca, verdicts/expe).

newkey() { # rsa|ec NAME [RSA_BITS]
    case $1 in
        rsa) openssl genpkey -algorithm RSA -pkeyopt "rsa_keygen_bits:${3:-2048}" -out "$PKI/$2.key" 2>/dev/null ;;
        ec)  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$PKI/$2.key" ;;
    esac
}

# issue NAME SUBJECT EXTENSIONS SERIAL ISSUER|self [OPENSSL_CA_OPTION...]
# Extra options come after the defaults and win over them (openssl keeps the
# last -startdate, -enddate or -md it is given).
issue() {
    local name=$1 subj=$2 ext=$3 serial=$4 issuer=$5 signer
    local tmp="$WORK/${name//\//_}"
    shift 5
    openssl req -new -config "$CNF" -key "$PKI/$name.key" -subj "$subj" -out "$tmp.csr"
    echo "$serial" >"$CAPCERT_CA_DIR/serial"
    if [ "$issuer" = self ]; then
        signer=(-selfsign -keyfile "$PKI/$name.key")
    else
        signer=(-cert "$PKI/$issuer.crt" -keyfile "$PKI/$issuer.key")
    fi
    openssl ca -batch -config "$CNF" -name capcert_signer "${signer[@]}" \
        -in "$tmp.csr" -out "$PKI/$name.crt" -preserveDN -notext \
        -startdate "$VALID_FROM" -enddate "$VALID_TO" -extensions "$ext" "$@" \
        >"$tmp.ca.log" 2>&1 || { cat "$tmp.ca.log" >&2; die "openssl ca failed for $name"; }
}

# new_ca_state: an empty `openssl ca` database in $CAPCERT_CA_DIR
new_ca_state() {
    export CAPCERT_CA_DIR="$WORK/ca-state"
    rm -rf "$CAPCERT_CA_DIR"
    mkdir -p "$CAPCERT_CA_DIR/newcerts"
    : >"$CAPCERT_CA_DIR/index.txt"
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
            ip -n "$ns" addr add "$V4_NET.$n/24" dev "$ifc"
            # IPv6 stays off the IPv4 link (its MTU is below the IPv6 minimum anyway)
            ip netns exec "$ns" sysctl -qw "net.ipv6.conf.$ifc.disable_ipv6=1" 2>/dev/null || true
        else
            ip -n "$ns" -6 addr add "$V6_NET::$n/64" dev "$ifc" nodad
        fi
        ip -n "$ns" link set "$ifc" up
    done
    wait_for "IPv6 address on $IF6_SRV" 10 bash -c \
        "ip -n $NS_SRV -6 addr show dev $IF6_SRV | grep -q '$V6_SRV/64' && ! ip -n $NS_SRV -6 addr show dev $IF6_SRV | grep -q tentative"
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


# ---------------------------------------------------------------- start

# begin_recipe: traps, required packages, the work directory.
begin_recipe() {
    trap cleanup EXIT
    trap 'exit 130' INT TERM
    trap 'log "command failed at line $LINENO: $BASH_COMMAND"' ERR
    check_requirements
    WORK=$(mktemp -d /tmp/capcert-captures.XXXXXX)
}
