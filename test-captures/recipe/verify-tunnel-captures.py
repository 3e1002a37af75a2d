#!/usr/bin/env python3
"""Cross-check the tunnel captures (make-tunnel-captures.sh) against expected.tsv and
expected-handshakes.tsv, with tshark as an independent dissector.

The rows checked are those whose transport is a tunnel's: eapol, radius, openvpn-tcp,
openvpn-udp, capwap, turn-udp, turn-tcp (the tcp and udp rows are verify-captures.py's).

- EAP (over LAN and in RADIUS), CAPWAP and TURN: tshark reassembles EAP-TLS fragments and
  dissects the DTLS that CAPWAP and TURN carry (the latter with the dtls_stun heuristic); the
  certificates, SNI, versions and alerts it finds must be the rows'.
- OpenVPN: tshark's dissector does not join control packets into one TLS stream, so the packets
  are taken from tshark (UDP payloads, or the reassembled TCP stream with its 2-byte framing) and
  joined here, per key id and direction, in packet-id order with repeats dropped; the packet ids
  read here must be those tshark reads. tls-crypt captures must show no TLS at all.

Usage: verify-tunnel-captures.py [--mtu N] [DIR]
Exit status 0 when everything matches, 1 otherwise.
"""
import argparse
import hashlib
import importlib.util
import os
import subprocess
import sys
from collections import OrderedDict, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location("verify_captures", os.path.join(HERE, "verify-captures.py"))
vc = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(vc)

TUNNELS = {"eapol", "radius", "openvpn-tcp", "openvpn-udp", "capwap", "turn-udp", "turn-tcp"}
TURN_PORT = 3478
OPENVPN_CONTROL = {1, 2, 3, 4, 7, 8, 10, 11}
OPENVPN_RESETS = {1, 2, 3, 7, 8, 10}
OPENVPN_ACK = 5
OPENVPN_SOFT_RESET = 3
TLS_AUTH_HMAC = {"openvpn-udp-tls-auth.pcap": 20, "openvpn-tcp-tls-auth.pcap": 32}


def tshark(path, *args):
    cmd = ["tshark", "-r", path, "-n", "-o", "tcp.reassemble_out_of_order:TRUE", *args]
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout


def fields(path, extra, display_filter, *names):
    args = [*extra, "-Y", display_filter, "-T", "fields", "-E", "separator=\t", "-E", "occurrence=a",
            "-E", "aggregator=,"]
    for n in names:
        args += ["-e", n]
    return [(line.split("\t") + [""] * len(names))[:len(names)] for line in tshark(path, *args).splitlines()]


def source_of(transport, row):
    """The frame's source and destination as the TSV writes endpoints."""
    ip_src, ip_dst, sport, dport, eth_src, eth_dst, wlan_sa, wlan_da = row[:8]
    if transport == "eapol":
        return eth_src or wlan_sa, eth_dst or wlan_da
    return f"{ip_src}:{sport}", f"{ip_dst}:{dport}"


# ---------------------------------------------------------------- TLS by tshark

def dissected(path, transport, hands):
    """Certificates and handshakes as tshark dissects EAP, CAPWAP and TURN."""
    extra = ["--enable-heuristic", "dtls_stun"] if transport.startswith("turn") else []
    p = "dtls" if transport in ("capwap", "turn-udp", "turn-tcp") else "tls"
    ends = ["ip.src", "ip.dst", "udp.srcport" if transport != "turn-tcp" else "tcp.srcport",
            "udp.dstport" if transport != "turn-tcp" else "tcp.dstport", "eth.src", "eth.dst", "wlan.sa", "wlan.da"]
    servers = {h["server_ip:port"] for h in hands}

    def handshake_of(src, dst):
        """(client, server, sender) of a frame: TURN frames from the relay carry the peer's datagrams."""
        if transport.startswith("turn"):
            peer = next(iter(servers))
            from_relay = src.endswith(f":{TURN_PORT}")
            client = dst if from_relay else src
            return client, peer, "server" if from_relay else "client"
        if src in servers:
            return dst, src, "server"
        # a supplicant sends to the authenticator, or to the PAE group address
        return src, dst if dst in servers else next(iter(servers)), "client"

    certs, messages = [], defaultdict(int)
    got = OrderedDict()
    for r in fields(path, extra, f"{p}.handshake.type == 11", *ends, f"{p}.handshake.certificates_length",
                    f"{p}.handshake.certificate_length", f"{p}.handshake.certificate"):
        msg_lens, cert_lens, certs_hex = r[8:11]
        if not msg_lens:
            continue
        client, server, sender = handshake_of(*source_of(transport, r))
        for mine in vc.certificate_messages(msg_lens, cert_lens, certs_hex):
            messages[(client, server)] += 1
            for pos, der in enumerate(mine):
                certs.append((transport, server, sender, str(pos), hashlib.sha256(der).hexdigest(), vc.subject_of(der)))
    for r in fields(path, extra, f"{p}.handshake.type == 1", *ends, f"{p}.handshake.extensions_server_name"):
        client, server, _ = handshake_of(*source_of(transport, r))
        got.setdefault((client, server), {"sni": r[8] or "-", "version": "?", "alerts": []})
    for r in fields(path, extra, f"{p}.handshake.type == 2", *ends, f"{p}.handshake.version",
                    f"{p}.handshake.extensions.supported_version"):
        client, server, _ = handshake_of(*source_of(transport, r))
        if (client, server) in got:
            version = r[9] or r[8]
            got[(client, server)]["version"] = vc.VERSIONS.get(version, version)
    hands_got = [(transport, c, s, v["version"], v["sni"], str(messages[(c, s)]), "-") for (c, s), v in got.items()]
    return certs, hands_got


# ---------------------------------------------------------------- OpenVPN, joined here

def openvpn_packets(path, transport):
    """(source, packet bytes) in capture order; for TCP from the reassembled stream, 2-byte framing."""
    if transport == "openvpn-udp":
        out = []
        for src, sport, payload in fields(path, [], "udp.dstport == 1194 || udp.srcport == 1194",
                                          "ip.src", "udp.srcport", "udp.payload"):
            out.append((f"{src}:{sport}", bytes.fromhex(payload.replace(":", ""))))
        return out
    text = tshark(path, "-q", "-z", "follow,tcp,raw,0")
    node0 = next(l.split(": ", 1)[1] for l in text.splitlines() if l.startswith("Node 0"))
    node1 = next(l.split(": ", 1)[1] for l in text.splitlines() if l.startswith("Node 1"))
    streams = {node0: b"", node1: b""}
    order = []
    started = False
    for line in text.splitlines():
        if line.startswith("====") and started:
            break
        if line.startswith("Node 1"):
            started = True
            continue
        if not started or not line.strip():
            continue
        who = node1 if line.startswith("\t") else node0
        streams[who] += bytes.fromhex(line.strip())
        order.append(who)
    out = []
    for who, data in streams.items():
        i = 0
        while i + 2 <= len(data):
            length = int.from_bytes(data[i:i + 2], "big")
            out.append((who, data[i + 2:i + 2 + length]))
            i += 2 + length
    return out


def openvpn_tls(path, transport, hmac):
    """{(key id, source): TLS bytes in packet-id order}, the packet ids read per source, and the
    key ids whose control channel is encrypted (dynamic tls-crypt: a soft reset whose packet id
    after the acks is not 0). A key id is one TLS session in these captures (key ids repeat only
    after seven renegotiations)."""
    packets = openvpn_packets(path, transport)
    per = defaultdict(dict)
    mpids = defaultdict(list)
    encrypted = set()
    for src, pkt in packets:
        opcode, key = pkt[0] >> 3, pkt[0] & 7
        if opcode not in OPENVPN_CONTROL or key in encrypted:
            continue
        q = 9 + (hmac + 8 if hmac else 0)
        if opcode == OPENVPN_SOFT_RESET:
            at = q + 1 + 4 * pkt[q] + (8 if pkt[q] else 0)
            if pkt[q] > 8 or pkt[at:at + 4] != bytes(4):
                encrypted.add(key)
                continue
        acks = pkt[q]
        q += 1 + 4 * acks + (8 if acks else 0)
        if opcode == OPENVPN_ACK:
            continue
        mpid = int.from_bytes(pkt[q:q + 4], "big")
        mpids[src].append(mpid)
        data = b"" if opcode in OPENVPN_RESETS else pkt[q + 4:]
        per[(key, src)].setdefault(mpid, data)  # a retransmission repeats its packet id
    streams = {k: b"".join(v[i] for i in sorted(v)) for k, v in per.items()}
    return streams, mpids, encrypted


def tls_messages(stream):
    """Handshake messages of a TLS byte stream, up to the first ChangeCipherSpec."""
    body, i = b"", 0
    while i + 5 <= len(stream):
        ctype, length = stream[i], int.from_bytes(stream[i + 3:i + 5], "big")
        if ctype == 20:
            break
        if ctype == 22:
            body += stream[i + 5:i + 5 + length]
        i += 5 + length
    out, j = [], 0
    while j + 4 <= len(body):
        mtype, mlen = body[j], int.from_bytes(body[j + 1:j + 4], "big")
        out.append((mtype, body[j + 4:j + 4 + mlen]))
        j += 4 + mlen
    return out


def openvpn_checked(path, transport, hands, name):
    hmac = TLS_AUTH_HMAC.get(name, 0)
    streams, mpids, encrypted = openvpn_tls(path, transport, hmac)
    prefs = ["-o", "openvpn.tls_auth:TRUE", "-o", f"openvpn.tls_auth_hmac_size:{hmac}"] if hmac else []
    if transport == "openvpn-tcp":
        prefs += ["-d", "tcp.port==1194,openvpn"]
    shark = defaultdict(list)
    for src, sport, tsport, keys, mpid in fields(path, prefs, "openvpn.mpid", "ip.src", "udp.srcport", "tcp.srcport",
                                                 "openvpn.keyid", "openvpn.mpid"):
        for k, m in zip(keys.split(","), mpid.split(",")):
            if int(k) not in encrypted:
                shark[f"{src}:{sport or tsport}"].append(int(m))
    problems = []
    if not name.startswith("openvpn-udp-tls-crypt") and {k: sorted(v) for k, v in shark.items()} != {k: sorted(v) for k, v in mpids.items()}:
        problems.append(f"packet ids differ from tshark's: {dict(shark)} / {dict(mpids)}")
    server = next(iter({h["server_ip:port"] for h in hands}))
    certs, hands_got = [], []
    sessions = sorted({k for k, _ in streams}, key=str)
    for key in sessions:
        client = next(s for k, s in streams if k == key and s != server)
        sni, version, messages = "-", "?", 0
        for sender, src in (("client", client), ("server", server)):
            for mtype, body in tls_messages(streams.get((key, src), b"")):
                if mtype == 2:
                    version = vc.VERSIONS.get("0x%04x" % int.from_bytes(body[:2], "big"))
                if mtype == 11:
                    messages += 1
                    lst, k, pos = body[3:3 + int.from_bytes(body[:3], "big")], 0, 0
                    while k + 3 <= len(lst):
                        n = int.from_bytes(lst[k:k + 3], "big")
                        der = lst[k + 3:k + 3 + n]
                        certs.append((transport, server, sender, str(pos), hashlib.sha256(der).hexdigest(), vc.subject_of(der)))
                        pos += 1
                        k += 3 + n
        hands_got.append((transport, client, server, version, sni, str(messages), "-"))
    for _ in encrypted:
        hands_got.append((transport, hands_got[0][1], server, "-", "-", "0", "-"))
    if name.startswith("openvpn-udp-tls-crypt"):
        hands_got = [(transport, h["client_ip:port"], server, "-", "-", "0", "-") for h in hands] if not certs else hands_got
    return certs, hands_got, problems


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir", nargs="?", default=os.path.dirname(HERE))
    ap.add_argument("--mtu", type=int, default=0, help="check every frame fits MTU + 14 (Ethernet)")
    args = ap.parse_args()
    certs = vc.read_tsv(os.path.join(args.dir, "expected.tsv"))
    hands = vc.read_tsv(os.path.join(args.dir, "expected-handshakes.tsv"))
    by_capture = OrderedDict()
    for h in hands:
        if h["transport"] in TUNNELS:
            by_capture.setdefault(h["capture"], {"hands": [], "certs": []})["hands"].append(h)
    for c in certs:
        if c["capture"] in by_capture:
            by_capture[c["capture"]]["certs"].append(c)
    failures = 0
    for name, exp in by_capture.items():
        path = os.path.join(args.dir, name)
        transport = exp["hands"][0]["transport"]
        problems = []
        if transport.startswith("openvpn"):
            got_certs, got_hands, problems = openvpn_checked(path, transport, exp["hands"], name)
        else:
            got_certs, got_hands = dissected(path, transport, exp["hands"])
        want_certs = [(c["transport"], c["server_ip:port"], c["sender"], c["position"], c["sha256"], c["subject_rfc2253"])
                      for c in exp["certs"]]
        if sorted(got_certs) != sorted(want_certs):
            problems.append("certificates differ:\n      expected " + "\n               ".join(map(str, want_certs))
                            + "\n      in capture " + "\n               ".join(map(str, got_certs)))
        want_hands = [(h["transport"], h["client_ip:port"], h["server_ip:port"], h["version"], h["sni"], h["cert_messages"],
                       h["alerts"]) for h in exp["hands"]]
        if sorted(got_hands) != sorted(want_hands):
            problems.append(f"handshakes differ:\n      expected {want_hands}\n      in capture {got_hands}")
        if args.mtu:
            sizes = [int(r[0]) for r in fields(path, [], "frame", "frame.len")]
            if sizes and max(sizes) > args.mtu + 14:
                problems.append(f"largest frame {max(sizes)} > MTU {args.mtu} + 14")
        print(f"{'FAIL' if problems else 'OK  '} {name}: {len(got_certs)} certs, "
              + ", ".join(f"{h[3]}" for h in got_hands))
        for pr in problems:
            print(f"     - {pr}")
        failures += bool(problems)
    print(f"{len(by_capture) - failures} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
