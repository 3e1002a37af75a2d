#!/usr/bin/env python3
"""Cross-check the key log captures against expected-keylog.tsv and
expected-keylog-handshakes.tsv with tshark, which decrypts TLS 1.3 and QUIC with
-o tls.keylog_file (and reads a pcapng's Decryption Secrets Block by itself).

For every (capture, key log) pair of expected-keylog.tsv, tshark must find exactly
the certificates listed (server, sender, position, SHA-256), as many times; for the
pairs that expected-keylog-handshakes.tsv says are not decrypted, none. The TLS 1.3
captures must show no certificate without a key log. It also reports which
captures carry compressed certificates (RFC 8879) and HelloRetryRequests.

Usage: verify-keylog-captures.py [DIR]   (DIR defaults to test-captures/)
Exit status 0 when everything matches, 1 otherwise.
"""
import csv
import hashlib
import os
import subprocess
import sys
from collections import Counter, defaultdict


def tshark(capture, keylog, fields, display_filter):
    command = ["tshark", "-n", "-r", capture, "-o", "tcp.reassemble_out_of_order:TRUE", "-d", "tcp.port==5061,tls",
               "-d", "tcp.port==7443,tls", "-d", "tcp.port==4443,tls", "-d", "tcp.port==9443,tls", "-d", "udp.port==4433,quic",
               "-Y", display_filter, "-T", "fields", "-E", "separator=\t"]
    if keylog != "-":
        command += ["-o", "tls.keylog_file:" + keylog]
    for field in fields:
        command += ["-e", field]
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout.splitlines()


def certificates(capture, keylog, server_port):
    """(server, sender, position, sha256) of every certificate tshark sees."""
    found = Counter()
    rows = tshark(capture, keylog, ["ip.src", "tcp.srcport", "udp.srcport", "ip.dst", "tcp.dstport", "udp.dstport",
                                    "tls.handshake.type", "tls.handshake.certificate"],
                  "tls.handshake.type==11 || tls.handshake.type==25")
    for row in rows:
        f = row.split("\t") + [""] * 8
        src_port, dst_port = f[1] or f[2], f[4] or f[5]
        sender = "server" if src_port == server_port else "client"
        server = f"{f[0]}:{src_port}" if sender == "server" else f"{f[3]}:{dst_port}"
        for position, der in enumerate(c for c in f[7].split(",") if c):
            found[(server, sender, str(position), hashlib.sha256(bytes.fromhex(der.replace(":", ""))).hexdigest())] += 1
    return found


def main():
    here = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    expected = defaultdict(Counter)
    ports = {}
    with open(os.path.join(here, "expected-keylog.tsv")) as f:
        for row in csv.DictReader(f, delimiter="\t"):
            key = (row["capture"], row["keylog"])
            expected[key][(row["server_ip:port"], row["sender"], row["position"], row["sha256"])] += 1
            ports[row["capture"]] = row["server_ip:port"].rsplit(":", 1)[1]
    pairs = set(expected)
    with open(os.path.join(here, "expected-keylog-handshakes.tsv")) as f:
        for row in csv.DictReader(f, delimiter="\t"):
            pairs.add((row["capture"], row["keylog"]))
            ports.setdefault(row["capture"], row["server_ip:port"].rsplit(":", 1)[1])
    failures = 0
    for capture, keylog in sorted(pairs):
        path = os.path.join(here, capture)
        found = certificates(path, keylog if keylog == "-" else os.path.join(here, keylog), ports[capture])
        want = expected.get((capture, keylog), Counter())
        status = "ok" if found == want else "MISMATCH"
        failures += found != want
        print(f"{status:8} {capture:32} {keylog:36} {sum(want.values())} certificates expected, {sum(found.values())} found")
        if found != want:
            for item in sorted(set(found) | set(want)):
                if found[item] != want[item]:
                    print(f"         {item}: expected {want[item]}, tshark {found[item]}")
    for capture in sorted({c for c, _ in pairs}):
        path = os.path.join(here, capture)
        compressed = tshark(path, "-", ["frame.number"], "tls.handshake.type==25")
        retry = tshark(path, "-", ["frame.number"], "tls.handshake.extensions.supported_version && tls.handshake.type==2"
                       " && tls.handshake.random==cf:21:ad:74:e5:9a:61:11:be:1d:8c:02:1e:65:b8:91:c2:a2:11:16:7a:bb:8c:5e:07:9e:09:e2:c8:a8:33:9c")
        notes = ([f"HelloRetryRequest in frame {retry[0]}"] if retry else [])
        if notes:
            print(f"info     {capture:32} {', '.join(notes)}")
    print("all captures agree with tshark" if failures == 0 else f"{failures} disagreement(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
