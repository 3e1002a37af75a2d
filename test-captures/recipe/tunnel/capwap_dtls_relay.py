#!/usr/bin/env python3
"""Carry a real DTLS session inside CAPWAP (RFC 5415) between an access point and a controller.

Test tooling for make-tunnel-captures.sh, Python 3 standard library only. No CAPWAP
implementation is packaged for Debian, so the CAPWAP framing is applied here, per RFC 5415,
around the DTLS datagrams of openssl s_client / s_server:

  --role wtp   the access point's side: takes the datagrams openssl s_client sends to --listen,
               sends each to the controller (--controller) behind the 4-byte CAPWAP DTLS header
               (preamble version 0, type 1, 24 reserved bits: section 4.1), and hands the
               controller's answers back without it. Before the first one it sends a clear
               CAPWAP Discovery Request (preamble type 0, section 5.1), as an access point does.
  --role ac    the controller's side: receives on --listen (UDP 5246 control or 5247 data), strips
               the header, passes the DTLS datagram to openssl s_server at --server, and sends its
               answers back with the header.

It stops after --seconds, or when nothing moved for --idle seconds after the first datagram.
"""
import argparse
import select
import socket
import struct
import sys
import time

DTLS_HEADER = bytes([0x01, 0, 0, 0])  # preamble: version 0, type 1 (CAPWAP DTLS header); reserved
DISCOVERY_REQUEST = 1
DISCOVERY_TYPE = 20


def discovery_request():
    """A clear CAPWAP control message: header (HLEN 2, WBID 1 = IEEE 802.11), Discovery Request."""
    header = bytes([0x00, 0x10, 0x02, 0x00]) + struct.pack("!HH", 0, 0)
    element = struct.pack("!HHB", DISCOVERY_TYPE, 1, 0)  # Discovery Type: unknown
    control = struct.pack("!IBHB", DISCOVERY_REQUEST, 0, 2 + 1 + len(element), 0) + element
    return header + control


def endpoint(text):
    host, port = text.rsplit(":", 1)
    return host, int(port)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--role", choices=["wtp", "ac"], required=True)
    ap.add_argument("--listen", required=True, type=endpoint)
    ap.add_argument("--controller", type=endpoint, help="wtp: the controller's CAPWAP address")
    ap.add_argument("--local", help="wtp: the address to send from")
    ap.add_argument("--server", type=endpoint, help="ac: openssl s_server's address")
    ap.add_argument("--seconds", type=float, default=20)
    ap.add_argument("--idle", type=float, default=3)
    args = ap.parse_args()

    inside = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)   # towards openssl
    outside = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)  # the CAPWAP link
    if args.role == "wtp":
        inside.bind(args.listen)
        outside.bind((args.local, 0))
        outside.connect(args.controller)
    else:
        outside.bind(args.listen)
        inside.bind(("127.0.0.1", 0))
        inside.connect(args.server)
    print("ready", flush=True)

    openssl_address = None
    wtp_address = None
    discovered = False
    start, last = time.time(), None
    while time.time() - start < args.seconds and (last is None or time.time() - last < args.idle):
        readable, _, _ = select.select([inside, outside], [], [], 0.2)
        if inside in readable:
            data, source = inside.recvfrom(65535)
            last = time.time()
            if args.role == "wtp":
                openssl_address = source
                if not discovered:
                    outside.send(discovery_request())
                    discovered = True
                outside.send(DTLS_HEADER + data)
            elif wtp_address:
                outside.sendto(DTLS_HEADER + data, wtp_address)
        if outside in readable:
            data, source = outside.recvfrom(65535)
            last = time.time()
            if data[:1] != DTLS_HEADER[:1]:
                continue  # clear CAPWAP (the discovery): no controller logic here
            if args.role == "wtp":
                if openssl_address:
                    inside.sendto(data[4:], openssl_address)
            else:
                wtp_address = source
                inside.send(data[4:])
    return 0


if __name__ == "__main__":
    sys.exit(main())
