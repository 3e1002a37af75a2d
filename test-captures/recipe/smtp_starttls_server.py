#!/usr/bin/env python3
"""Tiny one-shot SMTP server with STARTTLS, used by ../make-captures.sh.

It accepts exactly one connection, speaks just enough SMTP (greeting, EHLO,
STARTTLS) for `openssl s_client -starttls smtp`, wraps the socket with
Python's ssl module (TLS 1.2 forced so that the Certificate message stays
in clear text), answers EHLO/QUIT inside TLS and exits. Every socket
operation has a timeout, so it can never hang for long.
"""
import argparse
import socket
import ssl
import sys

HOSTNAME = "server.capcert.test"


def read_line(sock_or_tls):
    """Read one CRLF-terminated line byte by byte (no read-ahead past it)."""
    buf = bytearray()
    while not buf.endswith(b"\n"):
        b = sock_or_tls.recv(1)
        if not b:
            break
        buf += b
        if len(buf) > 4096:
            raise ValueError("line too long")
    return buf.decode("ascii", "replace").rstrip("\r\n")


def send(sock_or_tls, *lines):
    sock_or_tls.sendall("".join(line + "\r\n" for line in lines).encode("ascii"))


def ehlo_reply(sock_or_tls, with_starttls):
    lines = [f"250-{HOSTNAME} greets you", "250-PIPELINING", "250-8BITMIME"]
    lines.append("250 STARTTLS" if with_starttls else "250 SIZE 1000000")
    send(sock_or_tls, *lines)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--host", required=True)
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--cert", required=True, help="PEM: leaf first, then chain")
    ap.add_argument("--key", required=True)
    ap.add_argument("--timeout", type=float, default=20.0)
    args = ap.parse_args()

    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    ctx.maximum_version = ssl.TLSVersion.TLSv1_2
    ctx.load_cert_chain(certfile=args.cert, keyfile=args.key)

    family = socket.AF_INET6 if ":" in args.host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as srv:
        srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        srv.bind((args.host, args.port))
        srv.listen(1)
        srv.settimeout(args.timeout)
        print(f"listening on {args.host}:{args.port}", flush=True)
        conn, peer = srv.accept()
    conn.settimeout(args.timeout)
    print(f"connection from {peer}", flush=True)

    send(conn, f"220 {HOSTNAME} ESMTP capcert-test")
    while True:
        line = read_line(conn)
        print(f"C: {line}", flush=True)
        verb = line.split(" ", 1)[0].upper()
        if verb in ("EHLO", "HELO"):
            ehlo_reply(conn, with_starttls=True)
        elif verb == "STARTTLS":
            send(conn, "220 2.0.0 Ready to start TLS")
            break
        elif verb == "QUIT" or not line:
            send(conn, "221 2.0.0 Bye")
            conn.close()
            return 1
        else:
            send(conn, "502 5.5.2 Command not recognized")

    tls = ctx.wrap_socket(conn, server_side=True)
    print(f"TLS established: {tls.version()} {tls.cipher()[0]}", flush=True)
    try:
        while True:
            line = read_line(tls)
            print(f"C (TLS): {line}", flush=True)
            verb = line.split(" ", 1)[0].upper()
            if verb in ("EHLO", "HELO"):
                ehlo_reply(tls, with_starttls=False)
            elif verb == "QUIT" or not line:
                if line:
                    send(tls, "221 2.0.0 Bye")
                break
            else:
                send(tls, "502 5.5.2 Command not recognized")
        try:
            tls.unwrap()
        except (ssl.SSLError, OSError):
            pass
    finally:
        tls.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
