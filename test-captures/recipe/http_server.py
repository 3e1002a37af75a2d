#!/usr/bin/env python3
"""A small HTTP/1.1 file server (Python's http.server) for the evidence captures: files served with
the type Python's mimetypes gives their extension (.crt application/x-x509-ca-cert, .cer
application/pkix-cert, .crl application/pkix-crl, .p7c application/pkcs7-mime), with
Content-Length, or chunked when the URL ends in ?chunked; connections kept alive; a POST (an
upload) is read whole and answered 201. Serves until killed.

usage: http_server.py ADDRESS PORT DIRECTORY
"""
import http.server
import mimetypes
import os
import sys

address, port, directory = sys.argv[1], int(sys.argv[2]), sys.argv[3]


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        path, _, query = self.path.partition("?")
        file = os.path.join(directory, os.path.basename(path))
        if not os.path.isfile(file):
            self.send_error(404)
            return
        body = open(file, "rb").read()
        self.send_response(200)
        self.send_header("Content-Type", mimetypes.guess_type(file)[0] or "application/octet-stream")
        if query == "chunked":
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for i in range(0, len(body), 500):
                part = body[i:i + 500]
                self.wfile.write(b"%x\r\n%s\r\n" % (len(part), part))
            self.wfile.write(b"0\r\n\r\n")
        else:
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        received = self.rfile.read(length)
        answer = b"received %d bytes\n" % len(received)
        self.send_response(201)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)


http.server.ThreadingHTTPServer((address, port), Handler).serve_forever()
