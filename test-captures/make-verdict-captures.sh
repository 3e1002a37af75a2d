#!/usr/bin/env bash
# make-verdict-captures.sh - the captures, PKI and trust lists behind the
# verdict tests (`capcert check`): one small TLS 1.2 capture per failure mode of
# ../shared/docs/RULES.md, made with openssl s_server / s_client.
#
# Run as root on Debian 12 (bookworm):   sudo ./test-captures/make-verdict-captures.sh
# (make-captures.sh runs it at its end; run it alone to remake only this set).
#
# What it does (details in README.md, section "Verdict captures"):
#   1. makes pki/verdicts/ under the root and intermediate of pki/ (which it
#      reuses, never rewrites): Expressway-E/C-like leaves and their faulty
#      variants, a renewed intermediate "G2", two CUCM-like self-signed
#      certificates with one subject, a revoked leaf,
#   2. writes trust/: trust lists in PEM, DER, PKCS#7, JKS and PKCS#12, and
#      two CRLs,
#   3. captures one handshake per case in the namespaces of
#      recipe/capture-lib.sh (the helpers make-captures.sh uses too),
#   4. adds the cases' rows to expected.tsv and expected-handshakes.tsv
#      (replacing this script's earlier rows, keeping the others),
#   5. cross-checks the captures with tshark (recipe/verify-captures.py) and
#      expected-verdicts.tsv with openssl (recipe/verify-verdicts.py).
# expected-verdicts.tsv itself is written by hand: it is the specification.
#
# Every run makes new keys, so commit pki/verdicts/, trust/, the captures and
# both expected*.tsv files together.

set -Eeuo pipefail
export LC_ALL=C

source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/recipe/capture-lib.sh"
LOG_TAG=make-verdict-captures

V=verdicts                     # pki/verdicts/
TRUST="$HERE/trust"
EXPIRED_TO=20250630235959Z     # the expired leaf's notAfter
REVOKED_AT=250601000000Z       # revocation date written into the CA database (UTCTime)
CRL_FROM=20250601000000Z       # fixed thisUpdate / nextUpdate of both CRLs
CRL_TO=$VALID_TO
E=expe.capcert.test            # Expressway-E-like server
EDGE=collab-edge.capcert.test  # the MRA SRV name Expressway-E must carry (NM2)
CUCM=cucm1.capcert.test

# ---------------------------------------------------------------- PKI

# leaf NAME SERIAL OU CN EKU SAN ISSUER [OPENSSL_CA_OPTION...]: a pki/verdicts/
# leaf with [ ext_verdict_leaf ]; makes an RSA 2048 key unless NAME has one.
leaf() {
    local name=$1 serial=$2 ou=$3 cn=$4 issuer=$7
    local -x CAPCERT_EKU=$5 CAPCERT_SAN=$6 CAPCERT_ISSUER=${7##*/}
    shift 7
    [ -e "$PKI/$V/$name.key" ] || newkey rsa "$V/$name"
    issue "$V/$name" "/O=capcert/OU=$ou/CN=$cn" ext_verdict_leaf "$serial" "$issuer" "$@"
}

# gencrl ISSUER OUT: a CRL over the CA database as it stands, fixed dates
gencrl() {
    echo 01 >"$CAPCERT_CA_DIR/crlnumber"
    openssl ca -batch -config "$CNF" -name capcert_signer -gencrl -crlexts capcert_crl \
        -cert "$PKI/$1.crt" -keyfile "$PKI/$1.key" \
        -crl_lastupdate "$CRL_FROM" -crl_nextupdate "$CRL_TO" -out "$2" 2>"$WORK/gencrl.log" ||
        { cat "$WORK/gencrl.log" >&2; die "openssl ca -gencrl failed for $1"; }
}

make_verdict_pki() {
    log "making pki/$V/ under pki/root-ca and pki/intermediate-ca"
    local f
    for f in root-ca intermediate-ca other-root-ca; do
        [ -s "$PKI/$f.crt" ] && [ -s "$PKI/$f.key" ] || die "pki/$f is missing: run make-captures.sh"
    done
    [ "$(date -u +%Y%m%d%H%M%S)" -gt "${EXPIRED_TO%Z}" ] ||
        die "the clock says $(date -u): the expired and revoked cases need a date after ${EXPIRED_TO%Z}"
    rm -rf "$PKI/$V"
    mkdir -p "$PKI/$V"
    new_ca_state

    # a renewed intermediate under the same root (CH4)
    newkey rsa "$V/intermediate-ca-g2"
    issue "$V/intermediate-ca-g2" "/O=capcert/OU=Test PKI/CN=capcert Test Intermediate CA G2" \
        ext_intermediate 2002 root-ca

    # Expressway-E-like leaves: the good one and one fault each
    local both="serverAuth, clientAuth" e_sans="DNS:$E, DNS:$EDGE" long_sans n
    leaf expe                 5001 Expressway-E "$E" "$both" "$e_sans" intermediate-ca
    leaf expe-server-only-eku 5002 Expressway-E "$E" serverAuth "$e_sans" intermediate-ca
    leaf expe-no-collab-edge  5003 Expressway-E "$E" "$both" "DNS:$E" intermediate-ca
    leaf expe-wildcard        5004 Expressway-E "*.capcert.test" "$both" "DNS:*.capcert.test" intermediate-ca
    # 60 node names put collab-edge far past character 999 of the SAN field (NM5)
    long_sans="DNS:$E"
    for n in $(seq -w 1 60); do long_sans+=", DNS:node-$n.longsubdomain.capcert.test"; done
    leaf expe-long-san        5005 Expressway-E "$E" "$both" "$long_sans, DNS:$EDGE" intermediate-ca
    leaf expe-expired         5006 Expressway-E "$E" "$both" "$e_sans" intermediate-ca -enddate "$EXPIRED_TO"
    leaf expe-revoked         5007 Expressway-E "$E" "$both" "$e_sans" intermediate-ca
    leaf expe-g2              5008 Expressway-E "$E" "$both" "$e_sans" "$V/intermediate-ca-g2"
    newkey rsa "$V/expe-weak" 1024
    leaf expe-weak            5009 Expressway-E "$E" "$both" "$e_sans" intermediate-ca -md sha1
    # a server certificate (CA:FALSE) used to sign another one (BC1)
    leaf leaf-used-as-ca      5010 "Test Servers" server2.capcert.test "$both" DNS:server2.capcert.test intermediate-ca
    leaf expe-under-leaf      5011 Expressway-E "$E" "$both" "$e_sans" "$V/leaf-used-as-ca"
    # Expressway-C-like clients
    leaf expc                 5101 Expressway-C expc.capcert.test "$both" DNS:expc.capcert.test intermediate-ca
    leaf expc-server-only-eku 5102 Expressway-C expc.capcert.test serverAuth DNS:expc.capcert.test intermediate-ca

    # CUCM's self-signed tomcat and CallManager certificates: same subject, different keys (CH3)
    for f in cucm-tomcat:6001 cucm-callmanager:6002; do
        newkey rsa "$V/${f%:*}"
        issue "$V/${f%:*}" "/O=capcert/OU=Test CUCM/CN=$CUCM" ext_cucm_self_signed "${f#*:}" self
    done
    openssl x509 -in "$PKI/$V/expe.crt" -outform DER -out "$PKI/$V/expe.der"   # FM1

    # revoke expe-revoked; the CA database holds every leaf above, only it revoked
    openssl ca -batch -config "$CNF" -name capcert_signer -cert "$PKI/intermediate-ca.crt" \
        -keyfile "$PKI/intermediate-ca.key" -revoke "$PKI/$V/expe-revoked.crt" \
        -crl_reason keyCompromise 2>"$WORK/revoke.log" || { cat "$WORK/revoke.log" >&2; die "revoke failed"; }
    sed -i -E "s/^(R\t[0-9]+Z\t)[0-9]+Z/\1$REVOKED_AT/" "$CAPCERT_CA_DIR/index.txt"
    gencrl intermediate-ca "$WORK/intermediate-ca.crl"
    new_ca_state
    gencrl root-ca "$WORK/root-ca.crl"   # revokes nothing

    # sanity: what should chain does, what should not does not, for openssl too
    openssl verify -CAfile "$PKI/root-ca.crt" -untrusted "$PKI/intermediate-ca.crt" \
        "$PKI/$V"/expe{,-server-only-eku,-no-collab-edge,-wildcard,-long-san,-revoked,-weak}.crt \
        "$PKI/$V"/expc{,-server-only-eku}.crt >/dev/null
    openssl verify -CAfile "$PKI/root-ca.crt" -untrusted "$PKI/$V/intermediate-ca-g2.crt" "$PKI/$V/expe-g2.crt" >/dev/null
    ! openssl verify -CAfile "$PKI/root-ca.crt" -untrusted "$PKI/intermediate-ca.crt" \
        "$PKI/$V/expe-expired.crt" >/dev/null 2>&1 || die "expe-expired verifies"
    ! openssl verify -CAfile "$PKI/root-ca.crt" -untrusted "$PKI/intermediate-ca.crt" -crl_check \
        -CRLfile "$WORK/intermediate-ca.crl" "$PKI/$V/expe-revoked.crt" >/dev/null 2>&1 || die "expe-revoked verifies"
    openssl verify -CAfile "$PKI/root-ca.crt" -untrusted "$PKI/intermediate-ca.crt" -crl_check \
        -CRLfile "$WORK/intermediate-ca.crl" "$PKI/$V/expe.crt" >/dev/null
    find "$PKI/$V" -type f -exec chmod 644 {} +
}

# ---------------------------------------------------------------- trust lists

make_trust_files() {
    log "writing trust/"
    local t=$TRUST
    rm -rf "$t"
    mkdir -p "$t"
    cp "$WORK/intermediate-ca.crl" "$WORK/root-ca.crl" "$t/"
    cp "$PKI/root-ca.crt" "$t/root-only.pem"
    openssl x509 -in "$PKI/root-ca.crt" -outform DER -out "$t/root-only.der"
    openssl crl2pkcs7 -nocrl -certfile "$PKI/root-ca.crt" -outform DER -out "$t/root-only.p7b"
    cat "$PKI/root-ca.crt" "$PKI/intermediate-ca.crt" >"$t/root-and-intermediate.pem"
    openssl crl2pkcs7 -nocrl -certfile "$t/root-and-intermediate.pem" -out "$t/root-and-intermediate.p7b"
    cat "$PKI/root-ca.crt" "$PKI/intermediate-ca.crt" "$PKI/$V/intermediate-ca-g2.crt" \
        >"$t/root-and-intermediates-g1-g2.pem"
    cp "$PKI/intermediate-ca.crt" "$t/intermediate-only.pem"
    cp "$PKI/other-root-ca.crt" "$t/other-root.pem"
    # tomcat first: a verifier that stops at the first subject match never finds CallManager
    cat "$PKI/$V/cucm-tomcat.crt" "$PKI/$V/cucm-callmanager.crt" >"$t/cucm-duplicate-subject.pem"
    cp "$PKI/$V/cucm-callmanager.crt" "$t/cucm-callmanager.pem"
    local type
    for type in JKS:jks PKCS12:p12; do
        keytool -importcert -noprompt -alias capcert-test-root -file "$PKI/root-ca.crt" \
            -keystore "$t/root-only.${type#*:}" -storetype "${type%:*}" -storepass "$P12_PASS" \
            >"$WORK/keytool.log" 2>&1 || { cat "$WORK/keytool.log" >&2; die "keytool failed"; }
    done
    chmod 644 "$t"/*
}

# ---------------------------------------------------------------- captures

MUTUAL=(-Verify 2 -CAfile "$PKI/root-ca.crt" -verify_return_error)
WEAK=(-cipher 'DEFAULT:@SECLEVEL=0')
VERDICT_CAPTURES=()

# server PORT LEAF CHAIN... [-- S_SERVER_OPTION...]: SERVER sends LEAF then CHAIN
server() {
    local port=$1 leaf=$2 c
    shift 2
    SERVER_SENDS=("$leaf.crt")
    SERVER=(openssl s_server -accept "$V4_SRV:$port" -naccept 1 -tls1_2
            -cert "$PKI/$leaf.crt" -key "$PKI/$leaf.key")
    while [ $# -gt 0 ] && [ "$1" != -- ]; do SERVER_SENDS+=("$1.crt"); shift; done
    [ $# -eq 0 ] || shift
    if [ ${#SERVER_SENDS[@]} -gt 1 ]; then
        for c in "${SERVER_SENDS[@]:1}"; do cat "$PKI/$c"; done >"$WORK/server-chain.pem"
        SERVER+=(-cert_chain "$WORK/server-chain.pem")
    fi
    SERVER+=("$@")
}

# client PORT SNI CAFILE CERT|- [S_CLIENT_OPTION...]: CAFILE relative to test-captures/;
# a client CERT is sent with intermediate-ca when the server asks for one
client() {
    local port=$1 sni=$2 cafile=$3 cert=$4
    shift 4
    CLIENT_SENDS=()
    CLIENT=(openssl s_client -connect "$V4_SRV:$port" -servername "$sni" -tls1_2
            -CAfile "$HERE/$cafile" -verify_return_error)
    if [ "$cert" != - ]; then
        CLIENT_SENDS=("$cert.crt" intermediate-ca.crt)
        CLIENT+=(-cert "$PKI/$cert.crt" -key "$PKI/$cert.key" -cert_chain "$PKI/intermediate-ca.crt")
    fi
    CLIENT+=("$@")
}

# shoot NAME PORT SNI OUTCOME NOTE [LOG_REGEX]: capture SERVER and CLIENT and
# write the expected rows. OUTCOME is ok (the client's log must say TLS 1.2) or
# client:ALERT / server:ALERT (that side rejects its peer's chain with a fatal
# ALERT; LOG_REGEX, the verification error, must be in its log).
shoot() {
    local name=$1 port=$2 sni=$3 outcome=$4 note=$5 why=${6:-} ok=1 alerts=- messages=1
    local input="hello from $name\n"
    [ "$outcome" = ok ] || { ok=0; input=''; alerts="${outcome%%:*}:fatal:${outcome#*:}"; }
    run_capture "$name" tcp "$port" "$input" "$ok"
    if [ $ok = 1 ]; then
        grep -Eq 'Protocol *: TLSv1\.2' "$WORK/$name.client.log" || die "$name: the client did not report TLS 1.2"
    else
        grep -Eq "$why" "$WORK/$name.${outcome%%:*}.log" ||
            { tail -n 20 "$WORK/$name".*.log >&2; die "$name: no '$why' in the ${outcome%%:*}'s log"; }
    fi
    VERDICT_CAPTURES+=("$name")
    expect_certs "$name" tcp "$V4_SRV:$port" server "${SERVER_SENDS[@]}"
    # the client's chain is sent when asked for, unless the client gave up first
    if [ ${#CLIENT_SENDS[@]} -gt 0 ] && [ "${outcome%%:*}" != client ]; then
        expect_certs "$name" tcp "$V4_SRV:$port" client "${CLIENT_SENDS[@]}"
        messages=2
    fi
    expect_handshake "$name" tcp "$V4_SRV:$port" "TLS 1.2" "$sni" "$messages" "$alerts" "$note"
}

# keep_rows FILE: FILE without this script's rows (first column in VERDICT_CAPTURES)
keep_rows() {
    awk -F'\t' -v drop="${VERDICT_CAPTURES[*]}" \
        'BEGIN { n = split(drop, d, " "); for (i = 1; i <= n; i++) skip[d[i]] = 1 } !($1 in skip)' "$1"
}

make_captures() {
    local R=pki/root-ca.crt
    # traversal zone (7001): E serves, C is the client, both send leaf + intermediate
    server 7001 "$V/expe" intermediate-ca -- "${MUTUAL[@]}"
    client 7001 "$E" "$R" "$V/expc" -verify_hostname "$E"
    shoot expe-good.pcap 7001 "$E" ok \
        "traversal zone, mutual TLS: Expressway-E-like server and Expressway-C-like client, both EKUs; the PASS baseline"

    server 7001 "$V/expe-server-only-eku" intermediate-ca -- "${MUTUAL[@]}"
    client 7001 "$E" "$R" "$V/expc" -verify_hostname "$E"
    shoot expe-server-only-eku.pcap 7001 "$E" ok "traversal zone, mutual TLS; the server's leaf has EKU serverAuth only"

    server 7001 "$V/expe" intermediate-ca -- "${MUTUAL[@]}"
    client 7001 "$E" "$R" "$V/expc-server-only-eku" -verify_hostname "$E"
    shoot client-server-only-eku.pcap 7001 "$E" server:unsupported_certificate \
        "traversal zone, mutual TLS; the client's leaf has EKU serverAuth only and the server rejects it" \
        "unsuitable certificate purpose"

    server 7001 "$V/expe"
    client 7001 "$E" trust/root-and-intermediate.pem - -verify_hostname "$E"
    shoot leaf-only-sent.pcap 7001 "$E" ok "the server sends its leaf alone; the client has the intermediate in its trust list"

    server 8443 "$V/expe-no-collab-edge" intermediate-ca
    client 8443 "$EDGE" "$R" -
    shoot missing-collab-edge.pcap 8443 "$EDGE" ok \
        "SNI $EDGE, which the leaf lacks (the client checks the chain, not the name)"

    server 443 "$V/expe-wildcard" intermediate-ca
    client 443 "$EDGE" "$R" - -verify_hostname "$EDGE"
    shoot wildcard.pcap 443 "$EDGE" ok "wildcard leaf *.capcert.test"

    server 8443 "$V/expe-long-san" intermediate-ca
    client 8443 "$E" "$R" - -verify_hostname "$EDGE"
    shoot san-over-999.pcap 8443 "$E" ok "62 SANs; $EDGE comes after character 999 of the SAN field"

    server 9443 "$V/expe-expired" intermediate-ca
    client 9443 "$E" "$R" - -verify_hostname "$E"
    shoot expired.pcap 9443 "$E" client:certificate_expired \
        "the server's leaf expired on 2025-06-30; the client rejects it" "certificate has expired"

    server 5061 "$V/cucm-callmanager"
    client 5061 "$CUCM" trust/cucm-duplicate-subject.pem - -verify_hostname "$CUCM"
    # OpenSSL, like Expressway, stops at the first trusted certificate with the
    # subject it looks for: tomcat comes first, so CallManager is rejected
    shoot cucm-self-signed.pcap 5061 "$CUCM" client:unknown_ca \
        "CUCM-like self-signed CallManager certificate; the client's trust list has its same-subject tomcat twin first and rejects it" \
        "self-signed certificate"

    server 7001 "$V/expe-g2"
    client 7001 "$E" trust/root-and-intermediates-g1-g2.pem - -verify_hostname "$E"
    shoot renewed-intermediate.pcap 7001 "$E" ok \
        "leaf issued by the renewed Intermediate CA G2, sent alone; the client trusts root, G1 and G2"

    server 7001 "$V/expe" intermediate-ca -- "${MUTUAL[@]}"
    client 7001 "$E" trust/other-root.pem "$V/expc" -verify_hostname "$E"
    shoot unknown-ca-7001.pcap 7001 "$E" client:unknown_ca \
        "traversal zone, mutual TLS; the client trusts another root: unknown_ca after the server's Certificate, no client Certificate" \
        "unable to get local issuer certificate"

    server 8443 "$V/expe-revoked" intermediate-ca
    client 8443 "$E" "$R" - -verify_hostname "$E" -crl_check -CRL "$TRUST/intermediate-ca.crl"
    shoot revoked.pcap 8443 "$E" client:certificate_revoked \
        "the server's leaf is on trust/intermediate-ca.crl; the client checks the CRL and rejects it" "certificate revoked"

    server 8443 "$V/expe-weak" intermediate-ca -- "${WEAK[@]}"
    client 8443 "$E" "$R" - -verify_hostname "$E" "${WEAK[@]}"
    shoot weak-key-sha1.pcap 8443 "$E" ok "RSA 1024 leaf signed with SHA-1 (both sides at OpenSSL security level 0)"

    server 8443 "$V/expe-under-leaf" "$V/leaf-used-as-ca" intermediate-ca
    client 8443 "$E" "$R" - -verify_hostname "$E"
    shoot issuer-not-ca.pcap 8443 "$E" client:unknown_ca \
        "the leaf's issuer is a server certificate (CA:FALSE); the client rejects the chain" "invalid CA certificate"
}

# ---------------------------------------------------------------- main

begin_recipe
make_verdict_pki
make_trust_files
setup_namespaces
EXPECTED="$WORK/expected.tsv"
HANDSHAKES="$WORK/expected-handshakes.tsv"
: >"$EXPECTED"
: >"$HANDSHAKES"
make_captures

log "adding the rows of ${#VERDICT_CAPTURES[@]} captures to expected.tsv and expected-handshakes.tsv"
keep_rows "$HERE/expected.tsv" | cat - "$EXPECTED" >"$WORK/all-expected.tsv"
keep_rows "$HERE/expected-handshakes.tsv" | cat - "$HANDSHAKES" >"$WORK/all-handshakes.tsv"
cp "$WORK/all-expected.tsv" "$HERE/expected.tsv"
cp "$WORK/all-handshakes.tsv" "$HERE/expected-handshakes.tsv"

log "cross-checking with tshark and openssl"
python3 "$RECIPE/verify-captures.py" --mtu "$MTU" --mtu6 "$MTU6" "$HERE"
python3 "$RECIPE/verify-verdicts.py" "$HERE"
ls -l "${VERDICT_CAPTURES[@]/#/$HERE/}" >&2
log "done"
