#!/usr/bin/env python3
"""Run an x509-limbo style test suite (limbo.json) through `capcert check-cert`.

Each testcase becomes one check-cert run, one process, mapped as README's "Conformance" section
says: every trusted certificate a --trust file (with --partial-chain: any trusted certificate may
end a path, as the x509-limbo harnesses allow), every untrusted intermediate a --chain file, every
CRL a --crl file, validation_time as --at, for SERVER validation the first DNS or IP peer name as
--server-name and any other as --expect-name, for CLIENT validation --purpose client and the peer
names as --expect-name, each required EKU as --eku (none: --eku anyExtendedKeyUsage), max_chain_depth
as --max-depth, and --profile web for the webpki::* cases. Exit 0 is SUCCESS, 3 is FAILURE,
anything else an ERROR. key_usage and signature_algorithms are not expressed.

Usage: bench/limbo.py [--jar target/capcert.jar] [--jvm-options OPTIONS] [--only PREFIX]...
                      [--report FILE.tsv] [--keep DIR] [--dry-run] LIMBO.json
--dry-run prints each case's arguments as a JSON line (file names relative to the case's folder)
and runs nothing. Exit status: 0 when every case agrees, 1 otherwise.
"""
import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone

EXIT_ACCEPT, EXIT_REJECT = 0, 3


def instant(text):
    """limbo's validation_time (ISO 8601, with Z or an offset) as an instant check-cert's --at takes."""
    t = datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(timezone.utc)
    fraction = f".{t.microsecond:06d}".rstrip("0") if t.microsecond else ""
    return t.strftime("%Y-%m-%dT%H:%M:%S") + fraction + "Z"


def arguments(case, folder):
    """The check-cert arguments of one testcase, its files written to folder."""
    def write(name, pem):
        path = os.path.join(folder, name)
        with open(path, "w") as f:
            f.write(pem if pem.endswith("\n") else pem + "\n")
        return path

    args = ["check-cert", "--no-color", "--partial-chain"]
    if case.get("validation_time"):
        args += ["--at", instant(case["validation_time"])]
    for i, pem in enumerate(case.get("trusted_certs") or []):
        args += ["--trust", write(f"trusted-{i}.pem", pem)]
    for i, pem in enumerate(case.get("untrusted_intermediates") or []):
        args += ["--chain", write(f"untrusted-{i}.pem", pem)]
    for i, pem in enumerate(case.get("crls") or []):
        args += ["--crl", write(f"crl-{i}.pem", pem)]
    if case["id"].startswith("webpki::"):
        args += ["--profile", "web"]
    client = case.get("validation_kind") == "CLIENT"
    if client:
        args += ["--purpose", "client"]
    names = []
    if case.get("expected_peer_name"):
        names.append(case["expected_peer_name"])
    names += case.get("expected_peer_names") or []
    server_named = False
    for name in names:
        if not client and not server_named and name["kind"] in ("DNS", "IP"):
            args += ["--server-name", name["value"]]
            server_named = True
        else:
            args += ["--expect-name", name["value"]]
    ekus = case.get("extended_key_usage") or []
    for eku in ekus or ["anyExtendedKeyUsage"]:
        args += ["--eku", eku]
    if case.get("max_chain_depth") is not None:
        args += ["--max-depth", str(case["max_chain_depth"])]
    args.append(write("peer.pem", case["peer_certificate"]))
    return args


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("limbo")
    p.add_argument("--jar", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "target", "capcert.jar"))
    p.add_argument("--java", default="java")
    p.add_argument("--jvm-options", default="-XX:TieredStopAtLevel=1",
                   help="options for java, default those the launchers (packaging/bin) give check-cert")
    p.add_argument("--only", action="append", default=[], help="run only the cases whose id starts so (repeatable)")
    p.add_argument("--report", help="write one line per case: id, expected, got, wall and CPU seconds")
    p.add_argument("--keep", help="write the cases' files here instead of a temporary folder")
    p.add_argument("--timeout", type=float, default=30)
    p.add_argument("--dry-run", action="store_true")
    o = p.parse_args()
    with open(o.limbo) as f:
        cases = json.load(f)["testcases"]
    if o.only:
        cases = [c for c in cases if any(c["id"].startswith(prefix) for prefix in o.only)]
    root = o.keep or tempfile.mkdtemp(prefix="capcert-limbo-")
    rows, times, cpus = [], [], []
    try:
        for n, case in enumerate(cases):
            folder = os.path.join(root, f"{n:04d}")
            os.makedirs(folder, exist_ok=True)
            args = arguments(case, folder)
            if o.dry_run:
                print(json.dumps({"id": case["id"], "args": [a.replace(folder + os.sep, "") for a in args]}))
                continue
            start = time.monotonic()
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            try:
                run = subprocess.run([o.java, *o.jvm_options.split(), "-jar", o.jar, *args], capture_output=True,
                                     timeout=o.timeout)
                code, err = run.returncode, run.stderr.decode(errors="replace").strip().splitlines()
            except subprocess.TimeoutExpired:
                code, err = None, ["timed out"]
            seconds = time.monotonic() - start
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
            times.append(seconds)
            cpus.append(cpu)
            got = {EXIT_ACCEPT: "SUCCESS", EXIT_REJECT: "FAILURE"}.get(code, "ERROR")
            rows.append((case["id"], case["expected_result"], got, seconds, err[0] if got == "ERROR" and err else "", cpu))
    finally:
        if not o.keep:
            shutil.rmtree(root, ignore_errors=True)
    if o.dry_run:
        return 0
    if o.report:
        with open(o.report, "w") as f:
            f.write("id\texpected\tgot\tseconds\tcpu_seconds\n")
            for r in rows:
                f.write(f"{r[0]}\t{r[1]}\t{r[2]}\t{r[3]:.3f}\t{r[5]:.3f}\n")
    bad = [r for r in rows if r[1] != r[2]]
    for r in bad:
        kind = "ERROR" if r[2] == "ERROR" else ("false accept" if r[2] == "SUCCESS" else "false reject")
        print(f"{kind}: {r[0]} expected {r[1]}, got {r[2]} {r[4]}")
    slow = [r for r in rows if r[3] >= 1.0]
    agree = len(rows) - len(bad)
    print(f"{agree} of {len(rows)} cases agree ({100.0 * agree / max(1, len(rows)):.1f} %); "
          f"{sum(1 for r in bad if r[2] == 'SUCCESS')} false accepts, {sum(1 for r in bad if r[2] == 'FAILURE')} false rejects, "
          f"{sum(1 for r in bad if r[2] == 'ERROR')} errors")
    if times:
        print(f"seconds per case (whole process): wall median {statistics.median(times):.3f}, max {max(times):.3f}, "
              f"{len(slow)} at 1 s or more; CPU median {statistics.median(cpus):.3f}, max {max(cpus):.3f}")
    return 0 if not bad else 1


if __name__ == "__main__":
    sys.exit(main())
