#!/usr/bin/env bash
# make-tunnel-captures.sh - captures of TLS and DTLS carried inside other protocols: EAP
# (802.1X over a wired LAN, and inside RADIUS), OpenVPN's control channel, CAPWAP, TURN, and
# DTLS with the pre-standard version 0x0100.
#
# Run as root on Debian 12 (bookworm):   sudo ./test-captures/make-tunnel-captures.sh
# (make-captures.sh runs it at its end; run it alone to remake only this set).
#
# What it does (details in README.md, section "Tunnel captures"):
#   1. creates two network namespaces, i19bA (servers, the capture) and i19bB (clients),
#      joined by one veth pair with fixed MAC addresses (10.192.0.0/24, MTU 800, offloads off),
#   2. runs real software on both ends of each capture: FreeRADIUS 3.2 and eapol_test
#      (EAP-TLS, PEAP, EAP-TTLS, EAP-FAST), hostapd (driver=wired) and wpa_supplicant
#      (-D wired), OpenVPN 2.6 (--dev null) over UDP and TCP with and without tls-auth and with
#      tls-crypt / tls-crypt-v2, GnuTLS with DTLS 0.9, coturn relaying openssl DTLS for a
#      small TURN client (recipe/tunnel/turn_relay_client.py), and openssl DTLS carried in
#      CAPWAP by recipe/tunnel/capwap_dtls_relay.py (no CAPWAP implementation is packaged),
#   3. adds the captures' rows to expected.tsv and expected-handshakes.tsv (replacing this
#      script's earlier rows, keeping the others), written from the PEM files of pki/,
#   4. cross-checks them with tshark (recipe/verify-tunnel-captures.py) and fails on a difference.
# It reuses pki/ (root, intermediate, server, client), which make-captures.sh makes.
#
# Every run makes new random values, ports and session ids: commit the captures and both
# expected*.tsv files together.

set -Eeuo pipefail
export LC_ALL=C

source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/recipe/capture-lib.sh"
LOG_TAG=make-tunnel-captures
TUNNEL="$RECIPE/tunnel"

NS_SRV=i19bA                # servers and the capture (capture-lib's cleanup removes these)
NS_CLI=i19bB                # clients
IF_SRV=i19bvA
IF_CLI=i19bvB
MAC_SRV=02:00:00:19:2b:01   # the authenticator in 802.1X
MAC_CLI=02:00:00:19:2b:02   # the supplicant
S4=10.192.0.1
C4=10.192.0.2
PEER4=10.192.1.3            # the TURN peer, behind the relay (an address on the server side's lo)
SECRET=capcert-test         # RADIUS shared secret
NAS_ID=i19b-switch
SNI=server.capcert.test
TUNNEL_CAPTURES=(eap-tls-radius.pcap peap-radius.pcap ttls-radius.pcap eap-fast-radius.pcap
    eapol-wired-tls.pcap eapol-wired-peap.pcap eapol-wifi-radiotap.pcap
    openvpn-udp.pcap openvpn-udp-tls-auth.pcap openvpn-tcp.pcap openvpn-tcp-tls-auth.pcap
    openvpn-udp-tls-crypt.pcap openvpn-udp-tls-crypt-v2.pcap
    dtls-0100.pcap capwap-dtls.pcap turn-channeldata.pcap turn-send-indication.pcap turn-tcp.pcap)

check_tunnel_requirements() {
    [ "$(id -u)" -eq 0 ] || die "must run as root (network namespaces, packet capture)"
    local missing=() spec cmd pkg
    for spec in ip:iproute2 ethtool:ethtool tcpdump:tcpdump tshark:tshark openssl:openssl \
                freeradius:freeradius eapol_test:eapoltest hostapd:hostapd wpa_supplicant:wpasupplicant \
                openvpn:openvpn turnserver:coturn gnutls-serv:gnutls-bin python3:python3 timeout:coreutils; do
        cmd=${spec%%:*}; pkg=${spec#*:}
        command -v "$cmd" >/dev/null 2>&1 || missing+=("$pkg")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        [ "${CAPCERT_NO_INSTALL:-0}" = 1 ] && die "missing packages: ${missing[*]}"
        log "installing missing packages: ${missing[*]}"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    fi
}

setup_tunnel_namespaces() {
    log "creating namespaces $NS_SRV/$NS_CLI: veth MTU $MTU, $S4 and $C4"
    delete_namespaces
    ip netns add "$NS_SRV"
    ip netns add "$NS_CLI"
    ip link add "$IF_SRV" netns "$NS_SRV" address "$MAC_SRV" type veth peer name "$IF_CLI" netns "$NS_CLI" address "$MAC_CLI"
    local ns ifc addr
    for spec in "$NS_SRV:$IF_SRV:$S4" "$NS_CLI:$IF_CLI:$C4"; do
        IFS=: read -r ns ifc addr <<<"$spec"
        ip -n "$ns" link set lo up
        ip -n "$ns" link set "$ifc" mtu "$MTU"
        ip netns exec "$ns" ethtool -K "$ifc" tx off rx off tso off gso off gro off >/dev/null 2>&1 ||
            ip netns exec "$ns" ethtool -K "$ifc" tx off tso off gso off >/dev/null
        ip -n "$ns" addr add "$addr/24" dev "$ifc"
        ip netns exec "$ns" sysctl -qw "net.ipv6.conf.$ifc.disable_ipv6=1" 2>/dev/null || true
        ip -n "$ns" link set "$ifc" up
    done
    ip -n "$NS_SRV" addr add "$PEER4/32" dev lo
    mkfifo "$WORK/server-stdin"
    exec {SRV_STDIN_FD}<>"$WORK/server-stdin"
}

# bg NAME NAMESPACE COMMAND...: a background process, logged to $WORK/NAME.log, stopped on exit
bg() {
    local name=$1 ns=$2
    shift 2
    ip netns exec "$ns" timeout 60 "$@" <"$WORK/server-stdin" >"$WORK/$name.log" 2>&1 &
    BG_PIDS+=("$!")
    LAST_PID=$!
}

# capture NAME FILTER, then the steps, then finish NAME
capture() {
    log "capture $1"
    start_capture "$WORK/$1" "$2" "$IF_SRV"
}

finish() {
    stop_capture
    mv "$WORK/$1" "$HERE/$1"
    chmod 644 "$HERE/$1"
}

stop() { # PID...: stop background processes
    local pid
    for pid in "$@"; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in "$@"; do wait_exit "$pid" 10; done
}

# ---------------------------------------------------------------- EAP

prepare_pki_copies() {
    # The servers read their certificates from here: FreeRADIUS drops privileges and must read them.
    RPKI="$WORK/pki"
    mkdir -p "$RPKI/empty-ca-path"
    cp "$PKI/server.key" "$PKI/root-ca.crt" "$PKI/client.key" "$RPKI/"
    cat "$PKI/server.crt" "$PKI/intermediate-ca.crt" "$PKI/root-ca.crt" >"$RPKI/server-fullchain.pem"
    cat "$PKI/client.crt" "$PKI/intermediate-ca.crt" >"$RPKI/client-chain.pem"
    chmod -R a+rX "$RPKI"
}

start_freeradius() {
    local raddb="$WORK/raddb"
    rm -rf "$raddb"
    cp -r /etc/freeradius/3.0 "$raddb"
    sed -e "s#@PKI@#$RPKI#g" -e "s#@TLS_MAX@#1.2#" "$TUNNEL/freeradius-eap" >"$raddb/mods-available/eap-capcert"
    rm -f "$raddb/mods-enabled/eap"
    ln -s ../mods-available/eap-capcert "$raddb/mods-enabled/eap"
    printf 'client capcert {\n\tipaddr = 10.192.0.0/16\n\tsecret = %s\n\tshortname = %s\n}\n' "$SECRET" "$NAS_ID" \
        >"$raddb/clients.conf"
    printf 'bob\tCleartext-Password := "hello"\n' | cat - /etc/freeradius/3.0/mods-config/files/authorize \
        >"$raddb/mods-config/files/authorize"
    chmod -R a+rX "$raddb"
    bg freeradius "$NS_SRV" freeradius -X -d "$raddb"
    RADIUS_PID=$LAST_PID
    wait_for "FreeRADIUS" 20 grep -q "Ready to process requests" "$WORK/freeradius.log"
}

# supplicant_conf FILE METHOD: wpa_supplicant / eapol_test network block
supplicant_conf() {
    local file=$1 method=$2
    {
        [ "${3:-}" = wired ] && printf 'ap_scan=0\neapol_version=2\n'
        printf 'network={\n\tkey_mgmt=IEEE8021X\n\teapol_flags=0\n\tfragment_size=500\n'
        printf '\tca_cert="%s"\n\tdomain_match="%s"\n' "$RPKI/root-ca.crt" "$SNI"
        case $method in
            TLS) printf '\teap=TLS\n\tidentity="client.capcert.test"\n\tclient_cert="%s"\n\tprivate_key="%s"\n' \
                     "$RPKI/client-chain.pem" "$RPKI/client.key" ;;
            PEAP) printf '\teap=PEAP\n\tidentity="bob"\n\tanonymous_identity="anonymous"\n\tpassword="hello"\n\tphase2="auth=MSCHAPV2"\n' ;;
            TTLS) printf '\teap=TTLS\n\tidentity="bob"\n\tanonymous_identity="anonymous"\n\tpassword="hello"\n\tphase2="auth=PAP"\n' ;;
            FAST) printf '\teap=FAST\n\tidentity="bob"\n\tanonymous_identity="anonymous"\n\tpassword="hello"\n'
                  printf '\tphase1="fast_provisioning=2"\n\tphase2="auth=MSCHAPV2"\n\tpac_file="blob://eap-fast-pac"\n' ;;
        esac
        printf '}\n'
    } >"$file"
}

# radius NAME METHOD EXPECT(SUCCESS|FAILURE)
radius() {
    local name=$1 method=$2 expect=$3
    supplicant_conf "$WORK/$name.conf" "$method"
    capture "$name" "udp port 1812"
    ip netns exec "$NS_CLI" timeout "$STEP_TIMEOUT" eapol_test -c "$WORK/$name.conf" -a "$S4" -s "$SECRET" -A "$C4" \
        -M "$MAC_CLI" -N "32:s:$NAS_ID" -N "4:x:0ac00002" >"$WORK/$name.eapol.log" 2>&1 || true
    finish "$name"
    tail -n 1 "$WORK/$name.eapol.log" | grep -qx "$expect" || { tail -n 20 "$WORK/$name.eapol.log" >&2; die "$name: eapol_test did not end in $expect"; }
}

eap_captures() {
    start_freeradius
    radius eap-tls-radius.pcap TLS SUCCESS
    radius peap-radius.pcap PEAP SUCCESS
    radius ttls-radius.pcap TTLS SUCCESS
    # EAP-FAST: the TLS handshake completes; FreeRADIUS 3.2.1 then rejects wpa_supplicant 2.10's
    # Crypto-Binding in phase 2, so the authentication itself fails (Access-Reject).
    radius eap-fast-radius.pcap FAST FAILURE
    stop "$RADIUS_PID"

    # Wired 802.1X: hostapd (driver=wired, its own EAP server) and wpa_supplicant -D wired
    cat >"$WORK/hostapd.eap_user" <<'EOF'
"client.capcert.test"	TLS
"anonymous"	PEAP
"bob"	MSCHAPV2	"hello"	[2]
EOF
    cat >"$WORK/hostapd.conf" <<EOF
interface=$IF_SRV
driver=wired
logger_stdout=-1
logger_stdout_level=2
ieee8021x=1
eapol_version=2
eap_server=1
eap_user_file=$WORK/hostapd.eap_user
ca_cert=$RPKI/root-ca.crt
server_cert=$RPKI/server-fullchain.pem
private_key=$RPKI/server.key
fragment_size=500
EOF
    local method name
    for method in TLS PEAP; do
        name=eapol-wired-${method,,}.pcap
        supplicant_conf "$WORK/$name.conf" "$method" wired
        capture "$name" "ether proto 0x888e"
        bg "$name.hostapd" "$NS_SRV" hostapd "$WORK/hostapd.conf"
        local hostapd=$LAST_PID
        wait_for "hostapd" 10 grep -q "$IF_SRV: interface state" "$WORK/$name.hostapd.log"
        bg "$name.wpa" "$NS_CLI" wpa_supplicant -D wired -i "$IF_CLI" -c "$WORK/$name.conf"
        local wpa=$LAST_PID
        wait_for "the supplicant's EAP result" 20 grep -q "CTRL-EVENT-EAP-SUCCESS" "$WORK/$name.wpa.log"
        sleep 0.5
        stop "$wpa" "$hostapd"
        finish "$name"
    done
    # Wi-Fi: no Wi-Fi driver or mac80211_hwsim in this kernel, so the wired capture is rewritten
    # frame by frame as radiotap + 802.11 data frames (recipe/relink.py, the input captures' tool):
    # the supplicant's frames To DS, the authenticator's From DS, EAPOL behind LLC/SNAP.
    python3 "$RECIPE/relink.py" radiotap "$HERE/eapol-wired-tls.pcap" "$HERE/eapol-wifi-radiotap.pcap"
    chmod 644 "$HERE/eapol-wifi-radiotap.pcap"
}

# ---------------------------------------------------------------- OpenVPN

# openvpn_capture NAME udp|tcp SECONDS: server in A, client in B, both --dev null, TLS 1.2,
# control packets of at most 600 bytes (certificates span several), and the options of the
# arrays SERVER_EXTRA / CLIENT_EXTRA. With IMPAIR=1 the client talks to
# recipe/tunnel/udp_impairment_relay.py, which drops, repeats and reorders some datagrams on
# their way, so that OpenVPN retransmits and the capture holds repeats and reorderings.
openvpn_capture() {
    local name=$1 proto=$2 seconds=$3
    local port=1194 server_address=$S4 server_port=1194 sp=udp cp=udp relay=""
    [ "$proto" = tcp ] && { sp=tcp-server; cp=tcp-client; }
    local common=(--dev null --dh none --ca "$RPKI/root-ca.crt" --tls-version-max 1.2 --max-packet-size 600
                  --tls-timeout 1 --verb 3)
    capture "$name" "$proto port $port"
    if [ "${IMPAIR:-0}" = 1 ]; then
        server_address=127.0.0.1
        server_port=1195
        bg "$name.relay" "$NS_SRV" python3 "$TUNNEL/udp_impairment_relay.py" --listen "$S4:$port" \
            --server "$server_address:$server_port" --drop-to-server 9 --repeat-to-client 3 --drop-to-client 5 --swap-to-client 7
        relay=$LAST_PID
    fi
    bg "$name.server" "$NS_SRV" openvpn --proto "$sp" --local "$server_address" --port "$server_port" --tls-server \
        --cert "$PKI/server.crt" --key "$RPKI/server.key" --extra-certs "$PKI/intermediate-ca.crt" "${common[@]}" \
        "${SERVER_EXTRA[@]}"
    local server=$LAST_PID
    sleep 1
    bg "$name.client" "$NS_CLI" openvpn --proto "$cp" --remote "$S4" "$port" --tls-client --cert "$PKI/client.crt" \
        --key "$RPKI/client.key" --extra-certs "$PKI/intermediate-ca.crt" "${common[@]}" "${CLIENT_EXTRA[@]}"
    local client=$LAST_PID
    wait_for "the OpenVPN client of $name" 30 grep -q "Initialization Sequence Completed" "$WORK/$name.client.log"
    # with RENEGOTIATE=1: one soft reset, stopped long before the next (--reneg-sec 2 on the server)
    [ "${RENEGOTIATE:-0}" = 1 ] && wait_for "the renegotiation of $name" 10 grep -q "TLS: soft reset" "$WORK/$name.server.log"
    sleep "$seconds"
    stop "$client" "$server" $relay
    finish "$name"
}

openvpn_captures() {
    (cd "$WORK" && openvpn --genkey secret ta.key && openvpn --genkey tls-crypt-v2-server v2-server.key &&
        openvpn --genkey tls-crypt-v2-client v2-client.key --tls-crypt-v2 v2-server.key) >/dev/null
    SERVER_EXTRA=() CLIENT_EXTRA=()
    IMPAIR=1 openvpn_capture openvpn-udp.pcap udp 1
    openvpn_capture openvpn-tcp.pcap tcp 1
    SERVER_EXTRA=(--tls-auth "$WORK/ta.key" 0) CLIENT_EXTRA=(--tls-auth "$WORK/ta.key" 1)
    openvpn_capture openvpn-udp-tls-auth.pcap udp 1
    # SHA-256 HMACs, and a renegotiation (a soft reset, key id 1) two seconds in
    SERVER_EXTRA+=(--auth SHA256 --reneg-sec 2) CLIENT_EXTRA+=(--auth SHA256)
    RENEGOTIATE=1 openvpn_capture openvpn-tcp-tls-auth.pcap tcp 1
    SERVER_EXTRA=(--tls-crypt "$WORK/ta.key") CLIENT_EXTRA=(--tls-crypt "$WORK/ta.key")
    openvpn_capture openvpn-udp-tls-crypt.pcap udp 1
    SERVER_EXTRA=(--tls-crypt-v2 "$WORK/v2-server.key") CLIENT_EXTRA=(--tls-crypt-v2 "$WORK/v2-client.key")
    openvpn_capture openvpn-udp-tls-crypt-v2.pcap udp 1
}

# ---------------------------------------------------------------- DTLS variants

dtls_captures() {
    # DTLS 0.9, the pre-standard version 0x0100 (old OpenSSL, Cisco AnyConnect): GnuTLS speaks it
    # (VERS-DTLS0.9); OpenSSL 3.0's s_server cannot. No cookie exchange, as AnyConnect's DTLS.
    capture dtls-0100.pcap "udp port 4433"
    bg dtls-0100.server "$NS_SRV" gnutls-serv --udp --nocookie --mtu 500 -p 4433 --x509certfile "$RPKI/server-fullchain.pem" \
        --x509keyfile "$RPKI/server.key" --priority 'NORMAL:-VERS-ALL:+VERS-DTLS0.9'
    local server=$LAST_PID
    wait_for "gnutls-serv" 10 grep -q "listening on IPv4" "$WORK/dtls-0100.server.log"
    { echo hello; sleep 1; } | ip netns exec "$NS_CLI" timeout "$STEP_TIMEOUT" gnutls-cli --udp --mtu 500 -p 4433 "$S4" \
        --sni-hostname "$SNI" --x509cafile "$RPKI/root-ca.crt" --verify-hostname "$SNI" \
        --priority 'NORMAL:-VERS-ALL:+VERS-DTLS0.9' >"$WORK/dtls-0100.client.log" 2>&1 ||
        { cat "$WORK/dtls-0100.client.log" >&2; die "dtls-0100: gnutls-cli failed"; }
    grep -q "Handshake was completed" "$WORK/dtls-0100.client.log" || die "dtls-0100: no handshake"
    stop "$server"
    finish dtls-0100.pcap

    # CAPWAP: the control (5246) and data (5247) channels, mutual DTLS 1.2 each, between an
    # access point (B) and a controller (A), after a clear Discovery Request
    capture capwap-dtls.pcap "udp port 5246 or udp port 5247"
    local port inner wtp server ac
    for port in 5246 5247; do
        inner=$((port - 5246 + 4433))
        wtp=$((port - 5246 + 6000))
        bg "capwap-$port.server" "$NS_SRV" openssl s_server -dtls1_2 -accept "127.0.0.1:$inner" -naccept 1 -mtu 500 \
            -cert "$PKI/server.crt" -key "$RPKI/server.key" -cert_chain "$PKI/chain-intermediate-root.pem" \
            -Verify 2 -CAfile "$RPKI/root-ca.crt" -verify_return_error
        server=$LAST_PID
        bg "capwap-$port.ac" "$NS_SRV" python3 "$TUNNEL/capwap_dtls_relay.py" --role ac --listen "$S4:$port" --server "127.0.0.1:$inner"
        ac=$LAST_PID
        bg "capwap-$port.wtp" "$NS_CLI" python3 "$TUNNEL/capwap_dtls_relay.py" --role wtp --listen "127.0.0.1:$wtp" \
            --controller "$S4:$port" --local "$C4"
        local wtp_pid=$LAST_PID
        wait_for "the CAPWAP relays" 10 grep -q ready "$WORK/capwap-$port.wtp.log"
        wait_for "the CAPWAP relays" 10 grep -q ready "$WORK/capwap-$port.ac.log"
        { echo hello; sleep 1; } | ip netns exec "$NS_CLI" timeout "$STEP_TIMEOUT" openssl s_client -dtls1_2 \
            -connect "127.0.0.1:$wtp" -mtu 500 -CAfile "$RPKI/root-ca.crt" -verify_return_error \
            -cert "$PKI/client.crt" -key "$RPKI/client.key" -cert_chain "$PKI/intermediate-ca.crt" \
            >"$WORK/capwap-$port.client.log" 2>&1 || { cat "$WORK/capwap-$port.client.log" >&2; die "capwap $port: client failed"; }
        stop "$wtp_pid" "$ac" "$server"
    done
    finish capwap-dtls.pcap

    # TURN: coturn relays DTLS 1.2 between a TURN client (B) and a peer (A's $PEER4:4433)
    local mode tcp name proto relay_client
    for spec in turn-channeldata.pcap:channel: turn-send-indication.pcap:send: turn-tcp.pcap:channel:--tcp; do
        IFS=: read -r name mode tcp <<<"$spec"
        proto=udp
        [ -n "$tcp" ] && proto=tcp
        capture "$name" "$proto port 3478"
        bg "$name.turnserver" "$NS_SRV" turnserver -n --no-auth -L "$S4" -E "$S4" --no-tls --no-dtls --no-cli \
            --min-port 49152 --max-port 49200 --allowed-peer-ip="$PEER4" --log-file stdout --simple-log
        local turnserver=$LAST_PID
        bg "$name.peer" "$NS_SRV" openssl s_server -dtls1_2 -accept "$PEER4:4433" -naccept 1 -mtu 500 \
            -cert "$PKI/server.crt" -key "$RPKI/server.key" -cert_chain "$PKI/chain-intermediate-root.pem"
        server=$LAST_PID
        wait_for "coturn" 10 grep -q "Total General servers" "$WORK/$name.turnserver.log"
        bg "$name.relay" "$NS_CLI" python3 "$TUNNEL/turn_relay_client.py" --server "$S4" --local "$C4" \
            --peer "$PEER4:4433" --listen 127.0.0.1:5000 --mode "$mode" $tcp
        relay_client=$LAST_PID
        wait_for "the TURN client" 10 grep -q ready "$WORK/$name.relay.log"
        { echo hello; sleep 1; } | ip netns exec "$NS_CLI" timeout "$STEP_TIMEOUT" openssl s_client -dtls1_2 \
            -connect 127.0.0.1:5000 -mtu 500 -servername "$SNI" -CAfile "$RPKI/root-ca.crt" -verify_return_error \
            -verify_hostname "$SNI" >"$WORK/$name.client.log" 2>&1 || { cat "$WORK/$name.client.log" >&2; die "$name: client failed"; }
        stop "$relay_client" "$server" "$turnserver"
        finish "$name"
    done
}

# ---------------------------------------------------------------- expectations

# first_source CAPTURE FILTER: ip:port of the first packet matching FILTER
first_source() {
    tshark -r "$HERE/$1" -n -Y "$2" -T fields -e ip.src -e udp.srcport -e tcp.srcport 2>/dev/null |
        head -n1 | awk -F'\t' '{ printf "%s:%s%s", $1, $2, $3 }'
}

# handshake CAPTURE TRANSPORT CLIENT SERVER VERSION SNI CERT_MESSAGES ALERTS NOTE
handshake() {
    [ -n "$3" ] || die "no client endpoint found in $1"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$@" >>"$HANDSHAKES"
}

FULL=(server.crt intermediate-ca.crt root-ca.crt)
CLIENT_CHAIN=(client.crt intermediate-ca.crt)

write_expectations() {
    local name client method transport
    for spec in eap-tls-radius.pcap:EAP-TLS peap-radius.pcap:PEAP ttls-radius.pcap:EAP-TTLS eap-fast-radius.pcap:EAP-FAST; do
        IFS=: read -r name method <<<"$spec"
        client=$(first_source "$name" "udp.dstport == 1812")
        expect_certs "$name" radius "$S4:1812" server "${FULL[@]}"
        if [ "$method" = EAP-TLS ]; then
            expect_certs "$name" radius "$S4:1812" client "${CLIENT_CHAIN[@]}"
            handshake "$name" radius "$client" "$S4:1812" "TLS 1.2" - 2 - \
                "FreeRADIUS 3.2 / eapol_test, EAP-TLS with a client certificate; EAP fragments of 500 bytes over 15 Access-Request/Challenge round trips"
        elif [ "$method" = EAP-FAST ]; then
            handshake "$name" radius "$client" "$S4:1812" "TLS 1.2" - 1 - \
                "FreeRADIUS 3.2 / eapol_test, EAP-FAST authenticated provisioning (A-ID in the Start); phase 2 fails on a Crypto-Binding mismatch: Access-Reject"
        else
            handshake "$name" radius "$client" "$S4:1812" "TLS 1.2" - 1 - \
                "FreeRADIUS 3.2 / eapol_test, $method; the server proposes EAP-TLS first, the supplicant answers with a Nak"
        fi
    done
    for method in tls peap wifi; do
        name=eapol-wired-$method.pcap
        [ $method = wifi ] && name=eapol-wifi-radiotap.pcap
        expect_certs "$name" eapol "$MAC_SRV" server "${FULL[@]}"
        if [ "$method" = tls ]; then
            expect_certs "$name" eapol "$MAC_SRV" client "${CLIENT_CHAIN[@]}"
            handshake "$name" eapol "$MAC_CLI" "$MAC_SRV" "TLS 1.2" - 2 - \
                "hostapd (driver=wired, own EAP server) / wpa_supplicant -D wired, EAP-TLS; EAPOL-Start to 01:80:c2:00:00:03"
        elif [ "$method" = wifi ]; then
            expect_certs "$name" eapol "$MAC_SRV" client "${CLIENT_CHAIN[@]}"
            handshake "$name" eapol "$MAC_CLI" "$MAC_SRV" "TLS 1.2" - 2 - \
                "eapol-wired-tls.pcap rewritten as radiotap + 802.11 data frames (recipe/relink.py), EAPOL behind LLC/SNAP"
        else
            handshake "$name" eapol "$MAC_CLI" "$MAC_SRV" "TLS 1.2" - 1 - \
                "hostapd (driver=wired, own EAP server) / wpa_supplicant -D wired, PEAP/MSCHAPv2"
        fi
    done
    for spec in openvpn-udp.pcap:udp openvpn-udp-tls-auth.pcap:udp openvpn-tcp.pcap:tcp openvpn-tcp-tls-auth.pcap:tcp; do
        IFS=: read -r name transport <<<"$spec"
        client=$(first_source "$name" "$transport.dstport == 1194")
        expect_certs "$name" "openvpn-$transport" "$S4:1194" server server.crt intermediate-ca.crt
        expect_certs "$name" "openvpn-$transport" "$S4:1194" client "${CLIENT_CHAIN[@]}"
        case $name in
            openvpn-udp.pcap) note="OpenVPN 2.6 over UDP; a relay dropped, repeated and reordered datagrams, so both sides retransmitted" ;;
            openvpn-udp-tls-auth.pcap) note="OpenVPN 2.6 over UDP with tls-auth (HMAC-SHA1, 20 bytes)" ;;
            openvpn-tcp.pcap) note="OpenVPN 2.6 over TCP (2-byte length framing); certificates span several control packets" ;;
            openvpn-tcp-tls-auth.pcap) note="OpenVPN 2.6 over TCP with tls-auth (HMAC-SHA256)" ;;
        esac
        handshake "$name" "openvpn-$transport" "$client" "$S4:1194" "TLS 1.2" - 2 - "$note"
        [ "$name" = openvpn-tcp-tls-auth.pcap ] && handshake "$name" "openvpn-$transport" "$client" "$S4:1194" - - 0 - \
            "the server renegotiates after 2 s (key id 1): two OpenVPN 2.6 peers wrap it in dynamic tls-crypt, certificates not visible"
    done
    for name in openvpn-udp-tls-crypt.pcap openvpn-udp-tls-crypt-v2.pcap; do
        client=$(first_source "$name" "udp.dstport == 1194")
        handshake "$name" openvpn-udp "$client" "$S4:1194" - - 0 - \
            "OpenVPN ${name#openvpn-udp-}: control channel encrypted, certificates not visible"
    done
    client=$(first_source dtls-0100.pcap "udp.dstport == 4433")
    expect_certs dtls-0100.pcap udp "$S4:4433" server "${FULL[@]}"
    handshake dtls-0100.pcap udp "$client" "$S4:4433" "DTLS 1.0 (OpenSSL pre-standard)" "$SNI" 2 - \
        "GnuTLS gnutls-serv / gnutls-cli, VERS-DTLS0.9: record and hello version 0x0100, no cookie; the server asks for a client certificate, the client sends an empty Certificate"
    local port
    for port in 5246 5247; do
        client=$(first_source capwap-dtls.pcap "udp.dstport == $port && dtls")
        expect_certs capwap-dtls.pcap capwap "$S4:$port" server "${FULL[@]}"
        expect_certs capwap-dtls.pcap capwap "$S4:$port" client "${CLIENT_CHAIN[@]}"
        handshake capwap-dtls.pcap capwap "$client" "$S4:$port" "DTLS 1.2" - 2 - \
            "openssl DTLS 1.2 (mutual) in CAPWAP DTLS headers, $([ $port = 5246 ] && echo control || echo data) channel"
    done
    for spec in turn-channeldata.pcap:udp turn-send-indication.pcap:udp turn-tcp.pcap:tcp; do
        IFS=: read -r name transport <<<"$spec"
        client=$(first_source "$name" "$transport.dstport == 3478")
        expect_certs "$name" "turn-$transport" "$PEER4:4433" server "${FULL[@]}"
        handshake "$name" "turn-$transport" "$client" "$PEER4:4433" "DTLS 1.2" "$SNI" 1 - \
            "coturn relays openssl DTLS 1.2 between a TURN client and the peer $PEER4:4433 ($(
                case $name in turn-channeldata.pcap) echo ChannelData ;; turn-send-indication.pcap) echo Send/Data indications ;;
                    *) echo 'ChannelData over TCP' ;; esac))"
    done
}

# keep_rows FILE: FILE without this script's rows (first column in TUNNEL_CAPTURES)
keep_rows() {
    awk -F'\t' -v drop="${TUNNEL_CAPTURES[*]}" \
        'BEGIN { n = split(drop, d, " "); for (i = 1; i <= n; i++) skip[d[i]] = 1 } !($1 in skip)' "$1"
}

# ---------------------------------------------------------------- main

trap cleanup EXIT
trap 'exit 130' INT TERM
trap 'log "command failed at line $LINENO: $BASH_COMMAND"' ERR
check_tunnel_requirements
WORK=$(mktemp -d /tmp/capcert-tunnel-captures.XXXXXX)
chmod 755 "$WORK"
setup_tunnel_namespaces
prepare_pki_copies
rm -f "${TUNNEL_CAPTURES[@]/#/$HERE/}"
eap_captures
openvpn_captures
dtls_captures

EXPECTED="$WORK/expected.tsv"
HANDSHAKES="$WORK/expected-handshakes.tsv"
: >"$EXPECTED"
: >"$HANDSHAKES"
write_expectations
log "adding the rows of ${#TUNNEL_CAPTURES[@]} captures to expected.tsv and expected-handshakes.tsv"
keep_rows "$HERE/expected.tsv" | cat - "$EXPECTED" >"$WORK/all-expected.tsv"
keep_rows "$HERE/expected-handshakes.tsv" | cat - "$HANDSHAKES" >"$WORK/all-handshakes.tsv"
cp "$WORK/all-expected.tsv" "$HERE/expected.tsv"
cp "$WORK/all-handshakes.tsv" "$HERE/expected-handshakes.tsv"

log "cross-checking with tshark"
python3 "$RECIPE/verify-tunnel-captures.py" --mtu "$MTU" "$HERE"
python3 "$RECIPE/verify-captures.py" --mtu "$MTU" --mtu6 "$MTU6" "$HERE"
ls -l "${TUNNEL_CAPTURES[@]/#/$HERE/}" >&2
log "done"
