#!/usr/bin/env python3
"""Cross-check expected-verdicts.tsv with openssl, independently of capcert.

expected-verdicts.tsv is written by hand: it says which verdicts `capcert check`
must give for a capture, trust lists and options. This script recomputes each
row's severity from the certificates the capture carries (looked up by the
SHA-256 listed in expected.tsv, which verify-captures.py has checked against
the capture with tshark), the handshake facts of expected-handshakes.tsv and
the trust files, using `openssl verify` / `openssl x509` and the facts of
RULES.md, and fails when a row disagrees. It is a sanity check of the
specification, not an implementation of the verdicts: each rule is reduced to
the one question that decides it for these captures.

Usage: verify-verdicts.py [DIR]      (DIR defaults to test-captures/)
Exit status 0 when every row agrees, 1 otherwise.
"""
import csv
import functools
import glob
import hashlib
import os
import re
import struct
import subprocess
import sys
import tempfile
from datetime import datetime, timezone

SAN_LIMIT = 999  # NM5: Expressway ignores the SAN field past this many characters
RULES = "CH1 CH2 CH3 CH4 EK1 EK2 EK3 KU1 NM1 NM2 NM4 NM5 VD1 VD2 KS1 SG1 BC1 FM1 TV1 TV2 XT1 MF1 WB1".split()
SEVERITIES = ("none", "PASS", "INFO", "WARN", "FAIL")  # none: the rule says nothing about it
WEB_MAX_DAYS = 398  # WB1: CA/B Forum limit on a server certificate's validity
PEM_CERT = re.compile(r"-----BEGIN CERTIFICATE-----.*?-----END CERTIFICATE-----\n?", re.S)


def run(*cmd, data=None, ok=True):
    p = subprocess.run(cmd, input=data, capture_output=True)
    if ok and p.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)}: {p.stderr.decode(errors='replace')}")
    return p


def read_tsv(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


class Cert:
    """One certificate as openssl sees it."""

    def __init__(self, pem):
        self.pem = pem
        der = run("openssl", "x509", "-outform", "DER", data=pem.encode()).stdout
        self.sha256 = hashlib.sha256(der).hexdigest()
        text = run("openssl", "x509", "-noout", "-text", data=pem.encode()).stdout.decode()
        names = run("openssl", "x509", "-noout", "-subject", "-issuer", "-startdate", "-enddate",
                    "-serial", "-nameopt", "RFC2253", data=pem.encode()).stdout.decode()
        f = dict(line.split("=", 1) for line in names.splitlines())
        self.subject, self.issuer, self.serial = f["subject"], f["issuer"], f["serial"].upper()
        self.not_before, self.not_after = (datetime.strptime(f[k], "%b %d %H:%M:%S %Y %Z")
                                           .replace(tzinfo=timezone.utc) for k in ("notBefore", "notAfter"))
        self.key = run("openssl", "x509", "-noout", "-pubkey", data=pem.encode()).stdout
        self.bits = int(re.search(r"Public-Key: \((\d+) bit\)", text).group(1))
        self.sig_alg = re.search(r"Signature Algorithm: (\S+)", text).group(1)
        self.is_ca = "CA:TRUE" in text
        self.eku = self._ext(text, "X509v3 Extended Key Usage")
        self.key_usage = self._ext(text, "X509v3 Key Usage")
        self.san = self._ext(text, "X509v3 Subject Alternative Name")
        self.revocation_info = "CRL Distribution Points" in text or "OCSP - URI" in text
        self.version = int(re.search(r"Version: (\d+)", text).group(1))
        self.serial_int = int(f["serial"], 16)
        self.self_signed = self.subject == self.issuer
        self.has_aki = "X509v3 Authority Key Identifier" in text
        self.has_ski = "X509v3 Subject Key Identifier" in text
        self.bc_critical = "X509v3 Basic Constraints: critical" in text

    @staticmethod
    def _ext(text, name):
        m = re.search(re.escape(name) + r":[^\n]*\n\s*([^\n]*)", text)
        return m.group(1).strip() if m else ""

    def matches(self, host):
        out = run("openssl", "x509", "-noout", "-checkhost", host, data=self.pem.encode()).stdout.decode()
        return "does match" in out


@functools.lru_cache(maxsize=None)
def cert(pem):
    return Cert(pem)


@functools.lru_cache(maxsize=None)
def certs_in(path, password):
    """The certificates of a trust file, whatever its format."""
    ext = os.path.splitext(path)[1]
    if ext in (".jks", ".p12"):
        out = run("keytool", "-list", "-rfc", "-keystore", path, "-storepass", password).stdout
    elif ext == ".p7b":
        raw = open(path, "rb").read()
        form = "PEM" if raw.startswith(b"-----") else "DER"
        out = run("openssl", "pkcs7", "-inform", form, "-print_certs", data=raw).stdout
    elif ext == ".der":
        out = run("openssl", "x509", "-inform", "DER", "-in", path).stdout
    else:
        out = open(path, "rb").read()
    return tuple(cert(p) for p in PEM_CERT.findall(out.decode()))


def crl_entries(path):
    """(issuer RFC 2253, set of revoked serials) of a CRL file."""
    text = run("openssl", "crl", "-in", path, "-noout", "-text", "-nameopt", "RFC2253").stdout.decode()
    issuer = re.search(r"Issuer: (.*)", text).group(1).strip()
    return issuer, {s.upper() for s in re.findall(r"Serial Number: (\S+)", text)}


def first_packet_time(path):
    """The time of a classic pcap file's first packet (all verdict captures are pcap)."""
    with open(path, "rb") as f:
        head = f.read(32)
    for order in "<>":
        magic, = struct.unpack(order + "I", head[:4])
        if magic in (0xA1B2C3D4, 0xA1B23C4D):
            sec, frac = struct.unpack(order + "II", head[24:32])
            return datetime.fromtimestamp(sec + frac / (1e6 if magic == 0xA1B2C3D4 else 1e9), timezone.utc)
    raise ValueError(f"{path}: not a pcap file")


def parse_options(options):
    o = {"profile": "generic", "expect": [], "crl": [], "password": ""}
    words = [] if options == "-" else options.split()
    for flag, value in zip(words[::2], words[1::2]):
        if flag == "--profile":
            o["profile"] = value
        elif flag == "--expect-name":
            o["expect"].append(value)
        elif flag == "--crl":
            o["crl"].append(value)
        elif flag == "--trust-password":
            o["password"] = value
        else:
            raise ValueError(f"unknown option {flag}")
    return o


class Case:
    """One row's capture, trust lists and options, and the question per rule."""

    def __init__(self, d, row, handshake, sent, when):
        self.d, self.row, self.hs, self.sent, self.when = d, row, handshake, sent, when
        self.o = parse_options(row["options"])
        self.trust = []
        for t in ([] if row["trust_args"] == "-" else row["trust_args"].split(",")):
            self.trust.append(certs_in(os.path.join(d, t), self.o["password"]))
        self.expressway = self.o["profile"] == "expressway"
        self.role, self.pos = (None, None) if row["about"] == "-" else row["about"].split(":")
        self.pos = None if self.pos is None else int(self.pos)
        self.chain = sent.get(self.role, [])
        self.cert = self.chain[self.pos] if self.role else None

    def openssl_verify(self, leaf, chain, anchors, extra=()):
        with tempfile.TemporaryDirectory() as tmp:
            def write(name, certs):
                p = os.path.join(tmp, name)
                with open(p, "w") as f:
                    f.write("".join(c.pem for c in certs))
                return p
            cmd = ["openssl", "verify", "-attime", str(int(self.when.timestamp())),
                   "-CAfile", write("ca.pem", anchors), *extra]
            if chain:
                cmd += ["-untrusted", write("chain.pem", chain)]
            return run(*cmd, write("leaf.pem", [leaf]), ok=False).returncode == 0

    # --- one method per rule: the severity openssl and RULES.md give ---
    def CH1(self):
        links = zip(self.chain, self.chain[1:])
        ok = all(c.issuer == p.subject and self.openssl_verify(c, [], [p], ["-partial_chain"]) for c, p in links)
        return "PASS" if ok else "FAIL"

    def CH2(self):
        # The trust lists form one set; a path must end at a self-signed root of it (no -partial_chain).
        leaf, rest = self.chain[0], self.chain[1:]
        anchors = [c for t in self.trust for c in t]
        return "PASS" if self.openssl_verify(leaf, rest, anchors) else "FAIL"

    def CH3(self):
        for t in self.trust:
            keys = {}
            for c in t:
                keys.setdefault(c.subject, set()).add(c.key)
            if any(len(k) > 1 for k in keys.values()):
                return "FAIL"
        return "PASS"

    def CH4(self):
        # the leaf's issuer is nowhere, but a trusted CA of the same organisation is: renewed CA
        issuer = self.chain[0].issuer
        known = {c.subject for c in self.chain} | {c.subject for t in self.trust for c in t}
        same_org = lambda a, b: a.split(",", 1)[1:] == b.split(",", 1)[1:]
        if issuer not in known and any(c.is_ca and same_org(c.subject, issuer) for t in self.trust for c in t):
            return "WARN"
        return "PASS"

    def EK1(self):
        client_gave_up = any(a.startswith("client:fatal:") for a in self.alerts()) and "client" not in self.sent
        return "FAIL" if client_gave_up and self.hs["server_ip:port"].endswith(":7001") else "PASS"

    def EK2(self):
        both = "TLS Web Server Authentication" in self.cert.eku and "TLS Web Client Authentication" in self.cert.eku
        return "PASS" if both else "FAIL"

    def KU1(self):
        wanted = {"server": "TLS Web Server Authentication", "client": "TLS Web Client Authentication"}[self.role]
        eku_ok = not self.cert.eku or wanted in self.cert.eku
        ku_ok = not self.cert.key_usage or "Digital Signature" in self.cert.key_usage
        return "PASS" if eku_ok and ku_ok else "FAIL"

    def NM1(self):
        return "PASS" if self.cert.matches(self.hs["sni"]) else "FAIL"

    def NM2(self):
        return "PASS" if all(self.cert.matches(n) for n in self.o["expect"]) else "FAIL"

    def NM4(self):
        # An Expressway rule: other profiles say nothing about wildcards.
        if not self.expressway:
            return "none"
        wildcard = "*" in self.cert.san or "CN=*" in self.cert.subject
        return "FAIL" if wildcard else "PASS"

    def NM5(self):
        if not self.expressway:  # an Expressway limit, as NM4
            return "none"
        san = self.cert.san  # as openssl prints it: "DNS:a, DNS:b, ..."
        if len(san) <= SAN_LIMIT:
            return "PASS"
        late = [n for n in self.o["expect"] if san.find("DNS:" + n) + 4 + len(n) > SAN_LIMIT]
        return "FAIL" if late else "WARN"

    def VD1(self):
        return "PASS" if self.cert.not_before <= self.when <= self.cert.not_after else "FAIL"

    def VD2(self):
        crls = [crl_entries(os.path.join(self.d, f)) for f in self.o["crl"]]
        for issuer, revoked in crls:
            if issuer == self.cert.issuer:
                return "FAIL" if self.cert.serial in revoked else "PASS"
        return "INFO" if self.cert.revocation_info or crls else "PASS"

    def KS1(self):
        return "PASS" if self.cert.bits >= 2048 else "FAIL"

    def SG1(self):
        return "FAIL" if re.match(r"(sha1|md5|md2)", self.cert.sig_alg, re.I) else "PASS"

    def BC1(self):
        # a certificate that issued the one before it must be a CA
        return "PASS" if self.pos == 0 or self.cert.is_ca else "FAIL"

    def XT1(self):
        # RFC 5280's extension rules, as far as these captures exercise them: version 3, an AKI
        # unless self-signed, an SKI and a critical basicConstraints in a CA.
        c = self.cert
        ok = c.version == 3 and (c.has_aki or c.self_signed) and (not c.is_ca or (c.has_ski and c.bc_critical))
        return "PASS" if ok else "FAIL"

    def MF1(self):
        # Malformed encodings: none in these captures, so no verdict at all.
        return "none" if 0 < self.cert.serial_int < 2 ** 159 else "FAIL"

    def WB1(self):
        if self.o["profile"] != "web":
            return "none"
        days = (self.cert.not_after - self.cert.not_before).days
        return "WARN" if self.pos == 0 and days > WEB_MAX_DAYS else "PASS"

    def TV1(self):
        return "INFO" if self.hs["version"] == "TLS 1.3" else "PASS"

    def TV2(self):
        return "FAIL" if any(":fatal:" in a for a in self.alerts()) else "PASS"

    def alerts(self):
        return [] if self.hs["alerts"] == "-" else self.hs["alerts"].split(",")


def main():
    d = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    certs = read_tsv(os.path.join(d, "expected.tsv"))
    wanted = {c["sha256"] for c in certs}
    by_sha = {}
    for path in glob.glob(os.path.join(d, "pki", "**", "*.crt"), recursive=True):
        pem = open(path).read()
        if hashlib.sha256(run("openssl", "x509", "-outform", "DER", data=pem.encode()).stdout).hexdigest() in wanted:
            by_sha[cert(pem).sha256] = cert(pem)
    hands = {h["capture"]: h for h in read_tsv(os.path.join(d, "expected-handshakes.tsv"))}
    failures, checked, cache = 0, 0, {}
    for row in read_tsv(os.path.join(d, "expected-verdicts.tsv")):
        name = row["capture"]
        problems = []
        if row["rule"] not in RULES or row["severity"] not in SEVERITIES:
            problems.append("unknown rule or severity")
        if name not in cache:
            sent = {}
            for c in certs:
                if c["capture"] == name:
                    sent.setdefault(c["sender"], []).append(by_sha[c["sha256"]])
            cache[name] = (sent, first_packet_time(os.path.join(d, name)))
        sent, when = cache[name]
        if not problems:
            case = Case(d, row, hands[name], sent, when)
            got = getattr(case, row["rule"], None)
            if got is None:
                problems.append("no cross-check for this rule")
            elif got() != row["severity"]:
                problems.append(f"openssl says {got()}")
        checked += 1
        if problems:
            failures += 1
            print(f"FAIL {name} [{row['trust_args']}] [{row['options']}] {row['rule']} "
                  f"{row['severity']} {row['about']}: {'; '.join(problems)}")
    print(f"expected-verdicts.tsv: {checked - failures} rows agree with openssl, {failures} do not")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
