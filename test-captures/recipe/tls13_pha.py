#!/usr/bin/env python3
"""One TLS 1.3 connection with post-handshake client authentication (RFC 8446 section 4.6.2),
Python's ssl module on both ends, for make-keylog-captures.sh. Test tooling only.

  server HOST PORT CERT_CHAIN KEY CA      answers one connection; after the handshake it asks
                                         for the client's certificate (verify_client_post_handshake)
  client HOST PORT SNI CA CERT KEY KEYLOG  offers post_handshake_auth, writes its secrets to KEYLOG
"""
import socket
import ssl
import sys


def server(host, port, chain, key, ca):
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.minimum_version = ssl.TLSVersion.TLSv1_3
    context.load_cert_chain(chain, key)
    context.load_verify_locations(ca)
    context.verify_mode = ssl.CERT_OPTIONAL
    context.post_handshake_auth = True
    with socket.create_server((host, int(port))) as listener:
        connection, _ = listener.accept()
        with context.wrap_socket(connection, server_side=True) as tls:
            tls.recv(1024)
            tls.verify_client_post_handshake()
            tls.sendall(b"who are you?\n")
            tls.recv(1024)  # the client's certificate flight arrives with its next data
            peer = tls.getpeercert()
            subject = dict(x[0] for x in peer["subject"]) if peer else {}
            tls.sendall(("hello " + subject.get("commonName", "nobody") + "\n").encode())
            print("client certificate:", subject.get("commonName"))


def client(host, port, sni, ca, cert, key, keylog):
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.minimum_version = ssl.TLSVersion.TLSv1_3
    context.load_verify_locations(ca)
    context.load_cert_chain(cert, key)
    context.post_handshake_auth = True
    context.keylog_filename = keylog
    with socket.create_connection((host, int(port))) as connection:
        with context.wrap_socket(connection, server_hostname=sni) as tls:
            tls.sendall(b"hello\n")
            print(tls.recv(1024).decode(), end="")
            tls.sendall(b"here I am\n")
            print(tls.recv(1024).decode(), end="")


if __name__ == "__main__":
    {"server": server, "client": client}[sys.argv[1]](*sys.argv[2:])
