#!/usr/bin/env python3
"""Checks that capcert, tshark and the generator's expected list name the same certificates.

    compare.py --capcert LIST.json [--tshark FIELDS.tsv] [--expected CAPTURE.expected.tsv]

LIST.json     output of `capcert list --json CAPTURE`
FIELDS.tsv    output of tshark -T fields -e frame.number -e ip.src -e ipv6.src -e tcp.srcport
              -e ip.dst -e ipv6.dst -e tcp.dstport -e tls.handshake.certificate
CAPTURE.expected.tsv  written by GenerateCapture.java: server_ip:port, sender, position, sha256

Compares the multisets of certificate SHA-256s, then the multisets of
(server ip:port, sender, position, sha256) rows. Exit status 0 when every given source agrees,
1 when they differ, 2 on bad input.
"""
import argparse
import collections
import hashlib
import ipaddress
import json
import sys

SHOW = 12  # differences printed per pair


def endpoint(text):
    """'10.0.0.1:443' or '[fd00::1]:443' -> canonical 'ip:port' / '[ip]:port'."""
    text = text.strip()
    if text.startswith('['):
        host, _, port = text[1:].partition(']:')
    else:
        host, _, port = text.rpartition(':')
    addr = ipaddress.ip_address(host)
    return (f'[{addr.compressed}]' if addr.version == 6 else str(addr)) + ':' + str(int(port))


def read_expected(path):
    rows = []
    with open(path, encoding='utf-8') as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip('\n')
            if not line or line.startswith('server_ip:port') or line.startswith('#'):
                continue
            parts = line.split('\t')
            if len(parts) < 4:
                raise ValueError(f'{path}:{n}: expected 4 tab-separated columns')
            rows.append((endpoint(parts[0]), parts[1], int(parts[2]), parts[3].lower()))
    return rows


def read_capcert(path):
    with open(path, encoding='utf-8') as f:
        doc = json.load(f)
    rows, subjects, problems, notes = [], {}, [], collections.Counter()
    for cap in doc.get('captures', []):
        for p in cap.get('problems', []) or []:
            problems.append(f"{cap.get('file')}: frame {p.get('frame')}: {p.get('message')}")
        for hs in cap.get('handshakes', []):
            for note in hs.get('notes', []) or []:
                notes[note] += 1
            server = endpoint(hs['server'])
            for c in hs.get('certificates', []) or []:
                sha = c['sha256'].lower()
                rows.append((server, c['role'], int(c['position']), sha))
                if c.get('subject'):
                    subjects[sha] = c['subject']
    return rows, subjects, problems, notes


def read_tshark(path, servers):
    """One output line per frame that completed one (or more) Certificate messages."""
    rows, lines = [], 0
    with open(path, encoding='utf-8', errors='replace') as f:
        for line in f:
            line = line.rstrip('\n')
            if not line.strip():
                continue
            parts = line.split('\t')
            if len(parts) < 8:
                raise ValueError(f'{path}: unexpected tshark line: {line[:200]}')
            lines += 1
            _frame, ip4s, ip6s, sport, ip4d, ip6d, dport, certs = parts[:8]
            src = endpoint((ip4s or f'[{ip6s}]') + ':' + sport)
            dst = endpoint((ip4d or f'[{ip6d}]') + ':' + dport)
            if servers:
                sender_is_server = src in servers or dst not in servers
            else:
                sender_is_server = int(sport) < int(dport)
            server = src if sender_is_server else dst
            sender = 'server' if sender_is_server else 'client'
            for pos, h in enumerate(x for x in certs.split(',') if x):
                der = bytes.fromhex(h.replace(':', ''))
                rows.append((server, sender, pos, hashlib.sha256(der).hexdigest()))
    return rows, lines


def diff(name_a, a, name_b, b, label):
    """Prints what one multiset has that the other lacks; returns True when equal."""
    ca, cb = collections.Counter(a), collections.Counter(b)
    if ca == cb:
        return True
    only_a, only_b = ca - cb, cb - ca
    print(f'  DIFFERENT {label}: {sum(only_a.values())} only in {name_a}, {sum(only_b.values())} only in {name_b}')
    for title, only in ((f'only in {name_a}', only_a), (f'only in {name_b}', only_b)):
        for row, n in sorted(only.items())[:SHOW]:
            print(f'    {title}: {n} x {row}')
        if len(only) > SHOW:
            print(f'    ... and {len(only) - SHOW} more kinds')
    return False


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--capcert', required=True)
    ap.add_argument('--tshark')
    ap.add_argument('--expected')
    a = ap.parse_args()
    try:
        cap_rows, subjects, problems, notes = read_capcert(a.capcert)
        exp_rows = read_expected(a.expected) if a.expected else None
        servers = {r[0] for r in exp_rows} if exp_rows else {r[0] for r in cap_rows}
        ts_rows, ts_lines = read_tshark(a.tshark, servers) if a.tshark else (None, 0)
    except (OSError, ValueError, KeyError, json.JSONDecodeError) as e:
        print(f'compare.py: {e}', file=sys.stderr)
        return 2

    sources = [('capcert', cap_rows)]
    if ts_rows is not None:
        sources.append(('tshark', ts_rows))
    if exp_rows is not None:
        sources.append(('expected', exp_rows))

    print('Certificates found (one per certificate per Certificate message):')
    for name, rows in sources:
        extra = f' ({ts_lines} Certificate frames)' if name == 'tshark' else ''
        print(f'  {name:9s} {len(rows):8d}{extra}')
    if problems:
        print(f'  capcert reported {len(problems)} problem(s), first: {problems[0]}')
    for note, n in notes.most_common(3):
        print(f'  capcert note x{n}: {note}')

    counts = {name: collections.Counter(r[3] for r in rows) for name, rows in sources}
    shas = sorted(set().union(*counts.values()), key=lambda s: -max(c[s] for c in counts.values()))
    print('  per certificate:  ' + ''.join(f'{n:>10s}' for n, _ in sources) + '  subject')
    for sha in shas[:20]:
        print(f'    {sha[:16]}  ' + ''.join(f'{counts[n][sha]:10d}' for n, _ in sources)
              + '  ' + subjects.get(sha, '?')[:60])
    if len(shas) > 20:
        print(f'    ... {len(shas) - 20} more distinct certificates')

    ok = True
    ref_name, ref = sources[-1] if exp_rows is not None else sources[0]
    for name, rows in sources:
        if name == ref_name:
            continue
        ok &= diff(name, [r[3] for r in rows], ref_name, [r[3] for r in ref], 'SHA-256 multisets')
        ok &= diff(name, rows, ref_name, ref, '(server, sender, position, sha256) rows')
    print('AGREE: ' + ', '.join(n for n, _ in sources) + ' name the same certificates' if ok
          else 'DISAGREE: see the differences above')
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
