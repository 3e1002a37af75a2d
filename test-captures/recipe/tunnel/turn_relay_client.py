#!/usr/bin/env python3
"""A minimal TURN client (RFC 8656) that relays one local UDP application through a TURN server.

Test tooling for make-tunnel-captures.sh, Python 3 standard library only. It allocates a relayed
address on the TURN server (no authentication: the server runs with --no-auth), installs a
permission for the peer, and then carries every datagram a local application (openssl s_client
-dtls) sends to --listen to the peer, and the peer's datagrams back:

  --mode channel   ChannelBind, then ChannelData messages (4-byte header; over TCP padded to 4)
  --mode send      Send indications out, Data indications back (XOR-PEER-ADDRESS and DATA)

over UDP, or over TCP with --tcp (STUN framing on a stream, RFC 8656 section 12.5). It stops
after --seconds or when the application is silent for --idle seconds.
"""
import argparse
import ipaddress
import os
import select
import socket
import struct
import sys
import time

MAGIC_COOKIE = 0x2112A442
ALLOCATE = 0x0003
CREATE_PERMISSION = 0x0008
CHANNEL_BIND = 0x0009
SEND_INDICATION = 0x0016
DATA_INDICATION = 0x0017
SUCCESS = 0x0100
ATTR_CHANNEL_NUMBER = 0x000C
ATTR_LIFETIME = 0x000D
ATTR_XOR_PEER_ADDRESS = 0x0012
ATTR_DATA = 0x0013
ATTR_XOR_RELAYED_ADDRESS = 0x0016
ATTR_REQUESTED_TRANSPORT = 0x0019
CHANNEL = 0x4000
UDP_PROTOCOL = 17


def attribute(kind, value):
    padding = b"\0" * (-len(value) % 4)
    return struct.pack("!HH", kind, len(value)) + value + padding


def xor_address(host, port, transaction):
    addr = ipaddress.ip_address(host)
    key = struct.pack("!I", MAGIC_COOKIE) + transaction
    raw = bytes(a ^ b for a, b in zip(addr.packed, key))
    family = 0x01 if addr.version == 4 else 0x02
    return struct.pack("!BBH", 0, family, port ^ (MAGIC_COOKIE >> 16)) + raw


def parse_xor_address(value, transaction):
    family, xport = struct.unpack("!xBH", value[:4])
    size = 4 if family == 0x01 else 16
    key = struct.pack("!I", MAGIC_COOKIE) + transaction
    raw = bytes(a ^ b for a, b in zip(value[4:4 + size], key))
    return str(ipaddress.ip_address(raw)), xport ^ (MAGIC_COOKIE >> 16)


def message(kind, attributes, transaction=None):
    transaction = transaction or os.urandom(12)
    body = b"".join(attributes)
    return struct.pack("!HHI", kind, len(body), MAGIC_COOKIE) + transaction + body, transaction


def parse_attributes(body):
    out, i = {}, 0
    while i + 4 <= len(body):
        kind, length = struct.unpack("!HH", body[i:i + 4])
        out.setdefault(kind, body[i + 4:i + 4 + length])
        i += 4 + length + (-length % 4)
    return out


class Server:
    """The connection to the TURN server, UDP or TCP, one STUN or ChannelData message at a time."""

    def __init__(self, host, port, tcp, local):
        self.tcp = tcp
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM if tcp else socket.SOCK_DGRAM)
        self.sock.bind((local, 0))
        self.sock.connect((host, port))
        self.pending = b""

    def send(self, data):
        if self.tcp:
            self.sock.sendall(data + b"\0" * (-len(data) % 4 if data[0] & 0xC0 == 0x40 else 0))
        else:
            self.sock.send(data)

    def receive(self):
        if not self.tcp:
            return [self.sock.recv(65535)]
        chunk = self.sock.recv(65535)
        if not chunk:
            raise EOFError("TURN server closed the connection")
        self.pending += chunk
        messages = []
        while len(self.pending) >= 4:
            kind, length = struct.unpack("!HH", self.pending[:4])
            total = 20 + length if kind & 0xC000 == 0 else 4 + length + (-length % 4)
            if len(self.pending) < total:
                break
            messages.append(self.pending[:total])
            self.pending = self.pending[total:]
        return messages

    def transact(self, kind, attributes):
        request, transaction = message(kind, attributes)
        self.send(request)
        deadline = time.time() + 5
        while time.time() < deadline:
            for reply in self.receive():
                if reply[8:20] == transaction:
                    rkind, length = struct.unpack("!HH", reply[:4])
                    if rkind != kind | SUCCESS:
                        raise RuntimeError(f"TURN request 0x{kind:04x} failed: 0x{rkind:04x}")
                    return parse_attributes(reply[20:20 + length]), transaction
        raise TimeoutError(f"no answer to TURN request 0x{kind:04x}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--server", required=True)
    ap.add_argument("--port", type=int, default=3478)
    ap.add_argument("--local", required=True, help="address to reach the TURN server from")
    ap.add_argument("--peer", required=True, help="peer host:port, reached through the relay")
    ap.add_argument("--listen", required=True, help="host:port the local application sends to")
    ap.add_argument("--mode", choices=["channel", "send"], default="channel")
    ap.add_argument("--tcp", action="store_true")
    ap.add_argument("--seconds", type=float, default=20)
    ap.add_argument("--idle", type=float, default=3)
    args = ap.parse_args()
    peer_host, peer_port = args.peer.rsplit(":", 1)
    peer_port = int(peer_port)
    listen_host, listen_port = args.listen.rsplit(":", 1)

    server = Server(args.server, args.port, args.tcp, args.local)
    transport = attribute(ATTR_REQUESTED_TRANSPORT, struct.pack("!BBBB", UDP_PROTOCOL, 0, 0, 0))
    reply, tid = server.transact(ALLOCATE, [transport, attribute(ATTR_LIFETIME, struct.pack("!I", 600))])
    relayed = parse_xor_address(reply[ATTR_XOR_RELAYED_ADDRESS], tid)
    print(f"relayed address {relayed[0]}:{relayed[1]}", flush=True)
    if args.mode == "channel":
        tid = os.urandom(12)
        server.transact(CHANNEL_BIND, [attribute(ATTR_CHANNEL_NUMBER, struct.pack("!HH", CHANNEL, 0)),
                                       attribute(ATTR_XOR_PEER_ADDRESS, xor_address(peer_host, peer_port, tid))])
    else:
        tid = os.urandom(12)
        server.transact(CREATE_PERMISSION, [attribute(ATTR_XOR_PEER_ADDRESS, xor_address(peer_host, peer_port, tid))])

    app = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    app.bind((listen_host, int(listen_port)))
    print("ready", flush=True)
    app_address = None
    start = last = time.time()
    while time.time() - start < args.seconds and (app_address is None or time.time() - last < args.idle):
        readable, _, _ = select.select([app, server.sock], [], [], 0.2)
        if app in readable:
            data, app_address = app.recvfrom(65535)
            last = time.time()
            if args.mode == "channel":
                server.send(struct.pack("!HH", CHANNEL, len(data)) + data)
            else:
                tid = os.urandom(12)
                indication, _ = message(SEND_INDICATION, [attribute(ATTR_XOR_PEER_ADDRESS, xor_address(peer_host, peer_port, tid)),
                                                          attribute(ATTR_DATA, data)], tid)
                server.send(indication)
        if server.sock in readable:
            for reply in server.receive():
                kind, length = struct.unpack("!HH", reply[:4])
                if kind & 0xC000 == 0x4000:
                    data = reply[4:4 + length]
                elif kind == DATA_INDICATION:
                    data = parse_attributes(reply[20:20 + length]).get(ATTR_DATA)
                else:
                    continue
                if data and app_address:
                    app.sendto(data, app_address)
                    last = time.time()
    return 0


if __name__ == "__main__":
    sys.exit(main())
