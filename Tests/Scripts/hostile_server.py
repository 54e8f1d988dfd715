"""A deliberately hostile HTTP server for the client's and eic's limits, on a free 127.0.0.1 (or ::1) port.

Usage: hostile_server.py MODE [--ipv6]

Prints the port on the first line of standard output, then serves until standard input closes. Every request is
counted; `GET /__count` answers the count (not counted itself). Modes:

  repeat-marker    every List page has one record and the same NextMarker
  html-500         500 with an HTML body and no error type
  json-403         403 with a JSON body without __type or x-amzn-ErrorType
  escapes          400 whose x-amzn-ErrorType and message carry terminal escape sequences
  big              200 with an 8 MiB body (no Content-Length: chunked)
  big-declared     200 declaring Content-Length: 200000000, then closing
  drip             200 whose body arrives one byte a second
  hang             accepts and never answers
  list-no-member   200 List answer without FunctionEventInvokeConfigs
  ok               a valid Get answer
  redirect-S:PORT  status S (301, 302, 303, 307, 308) with Location http://127.0.0.1:PORT and the same path
"""
import socket
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MODE = sys.argv[1]
IPV6 = "--ipv6" in sys.argv
RECORD = ('{"FunctionArn":"arn:aws:lambda:us-east-1:123456789012:function:f:$LATEST",'
          '"LastModified":1577824406.719,"MaximumRetryAttempts":1,'
          '"DestinationConfig":{"OnSuccess":{},"OnFailure":{}}}')
count = 0
lock = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def reply(self, status, body, headers=()):
        data = body.encode() if isinstance(body, str) else body
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def handle_any(self):
        global count
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        if self.path == "/__count":
            with lock:
                self.reply(200, str(count))
            return
        with lock:
            count += 1
        json = ("Content-Type", "application/json")
        if MODE.startswith("redirect-"):
            status, port = MODE[len("redirect-"):].split(":")
            self.reply(int(status), "", [("Location", "http://127.0.0.1:%s%s" % (port, self.path))])
        elif MODE == "repeat-marker":
            self.reply(200, '{"FunctionEventInvokeConfigs":[%s],"NextMarker":"again"}' % RECORD, [json])
        elif MODE == "html-500":
            self.reply(500, "<html><body><h1>Internal Server Error</h1></body></html>", [("Content-Type", "text/html")])
        elif MODE == "json-403":
            self.reply(403, '{"message":"Forbidden"}', [json])
        elif MODE == "escapes":
            self.reply(400, '{"message":"bad \\u001b[31mred\\u001b]0;title\\u0007 \\u001b[2J cleared\\nnext line"}',
                       [json, ("x-amzn-ErrorType", "Evil\x1b[5mType")])
        elif MODE == "big":
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            chunk = b" " * 65536
            try:
                for _ in range(128):
                    self.wfile.write(b"%x\r\n" % len(chunk) + chunk + b"\r\n")
                self.wfile.write(b"0\r\n\r\n")
            except OSError:
                pass
        elif MODE == "big-declared":
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", "200000000")
            self.end_headers()
            self.close_connection = True
        elif MODE == "drip":
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(RECORD)))
            self.end_headers()
            try:
                for byte in RECORD.encode():
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(1)
            except OSError:
                pass
        elif MODE == "hang":
            time.sleep(3600)
        elif MODE == "list-no-member":
            self.reply(200, '{"NextMarker":null}', [json])
        else:
            self.reply(200, RECORD, [json])

    do_GET = do_PUT = do_POST = do_DELETE = handle_any


class Server(ThreadingHTTPServer):
    daemon_threads = True
    address_family = socket.AF_INET6 if IPV6 else socket.AF_INET


server = Server(("::1" if IPV6 else "127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
threading.Thread(target=server.serve_forever, daemon=True).start()
sys.stdin.read()
