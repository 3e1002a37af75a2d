#!/usr/bin/env python3
"""Cross-check the captures in test-captures/ against expected.tsv and
expected-handshakes.tsv, using tshark as an independent dissector.

expected.tsv is written from the PEM files the servers were configured
with; this script extracts what the captures really carry and checks that
both agree exactly (same certificates, same order, same sender, same
endpoints), and that versions, SNI, Certificate-message counts and clear
text alerts agree with expected-handshakes.tsv. It also checks that every
frame fits the veth MTU and reports over how many TCP segments / DTLS
fragments each Certificate message was spread.

Usage: verify-captures.py [--mtu N] [DIR]     (DIR defaults to test-captures/)
Exit status 0 when everything matches, 1 otherwise.
"""
import argparse
import csv
import hashlib
import os
import subprocess
import sys
from collections import OrderedDict, defaultdict

STARTTLS_PORTS = {25, 587}  # left to tshark's own SMTP dissector (STARTTLS)
VERSIONS = {
    "0x0300": "SSL 3.0", "0x0301": "TLS 1.0", "0x0302": "TLS 1.1",
    "0x0303": "TLS 1.2", "0x0304": "TLS 1.3",
    "0xfeff": "DTLS 1.0", "0xfefd": "DTLS 1.2", "0xfefc": "DTLS 1.3",
    "0x0100": "DTLS 1.0 (OpenSSL pre-standard)",
}
# Rows of TLS carried inside other protocols: recipe/verify-tunnel-captures.py checks them.
TUNNELS = {"eapol", "radius", "openvpn-tcp", "openvpn-udp", "capwap", "turn-udp", "turn-tcp"}
ALERT_LEVELS = {"1": "warning", "2": "fatal"}
ALERT_DESCS = {
    "0": "close_notify", "10": "unexpected_message", "20": "bad_record_mac",
    "40": "handshake_failure", "42": "bad_certificate",
    "43": "unsupported_certificate", "44": "certificate_revoked",
    "45": "certificate_expired", "46": "certificate_unknown",
    "47": "illegal_parameter", "48": "unknown_ca", "49": "access_denied",
    "50": "decode_error", "51": "decrypt_error", "70": "protocol_version",
    "71": "insufficient_security", "80": "internal_error",
    "86": "inappropriate_fallback", "90": "user_canceled",
    "109": "missing_extension", "112": "unrecognized_name",
    "116": "certificate_required", "120": "no_application_protocol",
}


def read_tsv(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def endpoint(ip4, ip6, port):
    return f"[{ip6}]:{port}" if ip6 else f"{ip4}:{port}"


def port_of(ep):
    return int(ep.rsplit(":", 1)[1])


class Capture:
    def __init__(self, path, transport, server_ports):
        self.path = path
        self.transport = transport
        self.p = "dtls" if transport == "udp" else "tls"
        self.decode_as = []
        for port in sorted(server_ports):
            if transport == "tcp" and port not in STARTTLS_PORTS:
                self.decode_as += ["-d", f"tcp.port=={port},tls"]
            elif transport == "udp":
                self.decode_as += ["-d", f"udp.port=={port},dtls"]

    def fields(self, display_filter, *fields):
        cmd = ["tshark", "-r", self.path, "-n",
               "-o", "tcp.reassemble_out_of_order:TRUE", *self.decode_as,
               "-Y", display_filter, "-T", "fields", "-E", "separator=\t",
               "-E", "occurrence=a", "-E", "aggregator=,"]
        for f in fields:
            cmd += ["-e", f]
        out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
        return [line.split("\t") for line in out.splitlines() if line.strip()]

    def endpoints(self, display_filter, *extra):
        t = self.transport
        rows = self.fields(display_filter, "ip.src", "ipv6.src", f"{t}.srcport",
                           "ip.dst", "ipv6.dst", f"{t}.dstport", *extra)
        for r in rows:
            r += [""] * (6 + len(extra) - len(r))
            yield endpoint(r[0], r[1], r[2]), endpoint(r[3], r[4], r[5]), r[6:]


def certificate_messages(msg_lens, cert_lens, certs_hex):
    """The DER certificates of each Certificate message of a frame, from tshark's aggregated fields."""
    ders = [bytes.fromhex(h.replace(":", "")) for h in certs_hex.split(",") if h]
    lens = [int(x) for x in cert_lens.split(",") if x]
    for msg_len in (int(x) for x in msg_lens.split(",")):
        # split the frame's certificates between its Certificate messages
        n, used = 0, 0
        while used < msg_len:
            used += 3 + lens[n]
            n += 1
        mine, ders, lens = ders[:n], ders[n:], lens[n:]
        yield mine


def subject_of(der):
    out = subprocess.run(["openssl", "x509", "-inform", "DER", "-noout", "-subject",
                          "-nameopt", "RFC2253"], input=der, capture_output=True,
                         check=True).stdout.decode()
    return out.strip().removeprefix("subject=")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir", nargs="?", default=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    ap.add_argument("--mtu", type=int, default=0, help="check every IPv4 frame fits MTU + 14 (Ethernet)")
    ap.add_argument("--mtu6", type=int, default=0, help="same for IPv6 frames")
    args = ap.parse_args()

    certs = read_tsv(os.path.join(args.dir, "expected.tsv"))
    hands = read_tsv(os.path.join(args.dir, "expected-handshakes.tsv"))
    failures = 0

    by_capture = OrderedDict()
    tunnelled = {h["capture"] for h in hands if h["transport"] in TUNNELS}
    for h in hands:
        if h["capture"] not in tunnelled:
            by_capture.setdefault(h["capture"], {"hands": [], "certs": []})["hands"].append(h)
    for c in certs:
        if c["capture"] in tunnelled:
            continue
        if c["capture"] not in by_capture:
            print(f"FAIL {c['capture']}: in expected.tsv but not in expected-handshakes.tsv")
            failures += 1
            continue
        by_capture[c["capture"]]["certs"].append(c)

    for name, exp in by_capture.items():
        path = os.path.join(args.dir, name)
        transports = {h["transport"] for h in exp["hands"]}
        assert len(transports) == 1, f"{name}: one transport per capture expected"
        transport = transports.pop()
        cap = Capture(path, transport, {port_of(h["server_ip:port"]) for h in exp["hands"]})
        servers = {h["server_ip:port"] for h in exp["hands"]}
        p = cap.p
        problems = []

        # --- certificates actually carried, as tshark dissects them ---
        seg_field = "tcp.segment.count" if transport == "tcp" else "dtls.fragment.count"
        got_certs = []
        cert_msgs = defaultdict(int)
        spread = []
        for src, dst, (msg_lens, cert_lens, certs_hex, segs) in cap.endpoints(
                f"{p}.handshake.type == 11", f"{p}.handshake.certificates_length",
                f"{p}.handshake.certificate_length", f"{p}.handshake.certificate", seg_field):
            if not msg_lens:
                continue  # a DTLS fragment: the reassembled message comes later
            if src in servers:
                sender, server, client = "server", src, dst
            else:
                sender, server, client = "client", dst, src
            for mine in certificate_messages(msg_lens, cert_lens, certs_hex):
                cert_msgs[(client, server)] += 1
                if not mine:
                    spread.append(f"{sender} Certificate empty")
                    continue
                spread.append(f"{sender} Certificate in {segs or 1} "
                              f"{'segments' if transport == 'tcp' else 'fragments'}")
                if transport == "tcp" and (not segs or int(segs) < 2):
                    problems.append(f"{sender} Certificate message fits one TCP segment")
                for pos, der in enumerate(mine):
                    got_certs.append((transport, server, sender, str(pos),
                                      hashlib.sha256(der).hexdigest(), subject_of(der)))
        want_certs = [(c["transport"], c["server_ip:port"], c["sender"], c["position"],
                       c["sha256"], c["subject_rfc2253"]) for c in exp["certs"]]
        if got_certs != want_certs:
            problems.append("certificates differ:\n      expected " + "\n               ".join(
                map(str, want_certs)) + "\n      in capture " + "\n               ".join(map(str, got_certs)))

        # --- handshakes: ClientHello endpoints + SNI, ServerHello version, alerts ---
        got_hands = OrderedDict()
        for src, dst, (sni,) in cap.endpoints(f"{p}.handshake.type == 1",
                                              f"{p}.handshake.extensions_server_name"):
            got_hands.setdefault((src, dst), {"sni": sni or "-", "version": "?", "alerts": []})
        for src, dst, (ver, supported) in cap.endpoints(
                f"{p}.handshake.type == 2", f"{p}.handshake.version",
                f"{p}.handshake.extensions.supported_version"):
            key = (dst, src)
            if key in got_hands:
                got_hands[key]["version"] = VERSIONS.get(supported or ver, supported or ver)
        for src, dst, (levels, descs) in cap.endpoints(
                f"{p}.alert_message.desc", f"{p}.alert_message.level", f"{p}.alert_message.desc"):
            key = (src, dst) if (src, dst) in got_hands else (dst, src)
            who = "client" if key[0] == src else "server"
            for lv, ds in zip(levels.split(","), descs.split(",")):
                got_hands.setdefault(key, {"sni": "?", "version": "?", "alerts": []})["alerts"].append(
                    f"{who}:{ALERT_LEVELS.get(lv, lv)}:{ALERT_DESCS.get(ds, ds)}")
        got_h = [(transport, c, s, v["version"], v["sni"], str(cert_msgs[(c, s)]),
                  ",".join(v["alerts"]) or "-") for (c, s), v in got_hands.items()]
        want_h = [(h["transport"], h["client_ip:port"], h["server_ip:port"], h["version"],
                   h["sni"], h["cert_messages"], h["alerts"]) for h in exp["hands"]]
        if got_h != want_h:
            problems.append(f"handshakes differ:\n      expected {want_h}\n      in capture {got_h}")

        # --- frame sizes ---
        for fam, mtu in (("ip", args.mtu), ("ipv6", args.mtu6)):
            sizes = [int(r[0]) for r in cap.fields(fam, "frame.len")] if mtu else []
            if sizes and max(sizes) > mtu + 14:
                problems.append(f"largest {fam} frame {max(sizes)} > MTU {mtu} + 14")

        status = "FAIL" if problems else "OK  "
        detail = f"{len(got_certs)} certs, " + ", ".join(f"{h[3]}" for h in got_h)
        if spread:
            detail += "; " + "; ".join(spread)
        print(f"{status} {name}: {detail}")
        for pr in problems:
            print(f"     - {pr}")
        failures += bool(problems)

    print(f"{len(by_capture) - failures} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
