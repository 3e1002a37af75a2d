#!/usr/bin/env python3
"""A TLS client that gives up as soon as the server's first bytes arrive, the way browsers and
apps drop a connection they no longer want: it sends a real ClientHello (Python's ssl, TLS 1.2),
reads once, then half-closes (FIN) and closes with SO_LINGER 0, which makes the kernel send an
RST at once. The rest of the server's flight is then still in flight towards it.

usage: reset_client.py HOST PORT SNI
"""
import socket
import ssl
import struct
import sys

host, port, sni = sys.argv[1], int(sys.argv[2]), sys.argv[3]
context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
context.check_hostname = False
context.verify_mode = ssl.CERT_NONE
context.maximum_version = ssl.TLSVersion.TLSv1_2
incoming, outgoing = ssl.MemoryBIO(), ssl.MemoryBIO()
tls = context.wrap_bio(incoming, outgoing, server_hostname=sni)
try:
    tls.do_handshake()
except ssl.SSLWantReadError:
    pass
client_hello = outgoing.read()

sock = socket.create_connection((host, port), timeout=10)
sock.sendall(client_hello)
first = sock.recv(4096)
print(f"sent a {len(client_hello)}-byte ClientHello, read {len(first)} bytes, then FIN and RST", flush=True)
sock.shutdown(socket.SHUT_WR)
sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
sock.close()
