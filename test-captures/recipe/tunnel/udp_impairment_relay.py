#!/usr/bin/env python3
"""A UDP relay that loses, repeats and reorders a few datagrams, deterministically.

Test tooling for make-tunnel-captures.sh, Python 3 standard library only. The container has no
netem qdisc, so this stands in for a bad network between an OpenVPN client and its server: it
listens on --listen for the client, forwards to --server, and on the way

  --drop-to-server N     drops the client's Nth datagram (the capture, taken between the client
                         and the relay, has it; the server never gets it, so the client resends it)
  --drop-to-client N     drops the server's Nth datagram (the capture never sees it; the server
                         resends it later, out of order)
  --repeat-to-client N   sends the server's Nth datagram twice
  --swap-to-client N     holds the server's Nth datagram back until the next one has gone

Datagrams are counted from 1 in each direction. It stops after --seconds.
"""
import argparse
import select
import socket
import sys
import time


def endpoint(text):
    host, port = text.rsplit(":", 1)
    return host, int(port)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--listen", type=endpoint, required=True)
    ap.add_argument("--server", type=endpoint, required=True)
    ap.add_argument("--drop-to-server", type=int, default=0)
    ap.add_argument("--drop-to-client", type=int, default=0)
    ap.add_argument("--repeat-to-client", type=int, default=0)
    ap.add_argument("--swap-to-client", type=int, default=0)
    ap.add_argument("--seconds", type=float, default=30)
    args = ap.parse_args()

    outside = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    outside.bind(args.listen)
    inside = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    inside.connect(args.server)
    client = None
    to_server = to_client = 0
    held = None
    start = time.time()
    while time.time() - start < args.seconds:
        readable, _, _ = select.select([outside, inside], [], [], 0.2)
        if outside in readable:
            data, client = outside.recvfrom(65535)
            to_server += 1
            if to_server != args.drop_to_server:
                inside.send(data)
        if inside in readable and client:
            data = inside.recv(65535)
            to_client += 1
            if to_client == args.drop_to_client:
                continue
            if to_client == args.swap_to_client:
                held = data
                continue
            outside.sendto(data, client)
            if to_client == args.repeat_to_client:
                outside.sendto(data, client)
            if held is not None:
                outside.sendto(held, client)
                held = None
    return 0


if __name__ == "__main__":
    sys.exit(main())
