#!/usr/bin/env python3
"""A loopback stand-in for the credential endpoints the providers call: the EC2 instance metadata service
(IMDSv2), the ECS/EKS container endpoint and the IAM Identity Center portal's GetRoleCredentials.

Prints its port on the first line of stdout and serves 127.0.0.1 until stdin closes. Every request is recorded;
GET /__log returns them as JSON (method, path, headers) and clears the record. POST /__fail?count=N makes the next
N credential requests answer 500.

Fixed answers:
- PUT /latest/api/token (needs x-aws-ec2-metadata-token-ttl-seconds) -> "imds-session-token"
- GET /latest/meta-data/iam/security-credentials/ (needs the token) -> "eic-test-role"
- GET /latest/meta-data/iam/security-credentials/eic-test-role -> credentials ASIAIMDS
- GET /container/credentials (needs Authorization: container-auth-token when /__container_token is unset,
  or the value posted there) -> credentials ASIACONTAINER
- GET /federation/credentials?account_id=111122223333&role_name=Admin (needs x-amz-sso_bearer_token:
  sso-access-token) -> roleCredentials ASIASSO; another token -> 401
"""
import datetime
import json
import os
import socket
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

LOCK = threading.Lock()
LOG = []
STATE = {"fail": 0}


def exit_when_stdin_closes():
    while sys.stdin.buffer.read(4096):
        pass
    os._exit(0)


def expiry():
    later = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=1)
    return later.strftime("%Y-%m-%dT%H:%M:%SZ")


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def reply(self, status, body, content_type="application/json"):
        data = body.encode() if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def handle_any(self):
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        url = urlparse(self.path)
        if url.path == "/__log":
            with LOCK:
                entries = list(LOG)
                LOG.clear()
            return self.reply(200, json.dumps(entries))
        if url.path == "/__fail":
            with LOCK:
                STATE["fail"] = int(parse_qs(url.query).get("count", ["1"])[0])
            return self.reply(200, "{}")
        with LOCK:
            LOG.append({"method": self.command, "path": self.path,
                        "headers": {k.lower(): v for k, v in self.headers.items()}})
            failing = STATE["fail"] > 0
            if failing:
                STATE["fail"] -= 1
        if failing:
            return self.reply(500, "temporarily broken")
        token = self.headers.get("x-aws-ec2-metadata-token")
        if self.command == "PUT" and url.path == "/latest/api/token":
            if not self.headers.get("x-aws-ec2-metadata-token-ttl-seconds"):
                return self.reply(400, "missing ttl")
            return self.reply(200, "imds-session-token", "text/plain")
        if url.path.startswith("/latest/meta-data/iam/security-credentials/"):
            if token != "imds-session-token":
                return self.reply(401, "")
            role = url.path[len("/latest/meta-data/iam/security-credentials/"):]
            if role == "":
                return self.reply(200, "eic-test-role", "text/plain")
            if role != "eic-test-role":
                return self.reply(404, "")
            return self.reply(200, json.dumps({
                "Code": "Success", "Type": "AWS-HMAC", "AccessKeyId": "ASIAIMDS",
                "SecretAccessKey": "imds-secret-value", "Token": "imds-session-credential-token",
                "Expiration": expiry(), "LastUpdated": "2026-12-07T00:00:00Z"}))
        if url.path == "/container/credentials":
            if self.headers.get("Authorization") != "container-auth-token":
                return self.reply(403, json.dumps({"Message": "bad authorization"}))
            return self.reply(200, json.dumps({
                "AccessKeyId": "ASIACONTAINER", "SecretAccessKey": "container-secret-value",
                "Token": "container-session-token", "Expiration": expiry(), "AccountId": "111122223333"}))
        if url.path == "/federation/credentials":
            query = parse_qs(url.query)
            if self.headers.get("x-amz-sso_bearer_token") != "sso-access-token":
                return self.reply(401, json.dumps({"message": "Session token not found or invalid"}))
            if query.get("account_id") != ["111122223333"] or query.get("role_name") != ["Admin"]:
                return self.reply(403, json.dumps({"message": "No access"}))
            later = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=1)
            return self.reply(200, json.dumps({"roleCredentials": {
                "accessKeyId": "ASIASSO", "secretAccessKey": "sso-secret-value",
                "sessionToken": "sso-session-token", "expiration": int(later.timestamp() * 1000)}}))
        return self.reply(404, "not found")

    do_GET = handle_any
    do_PUT = handle_any
    do_POST = handle_any


threading.Thread(target=exit_when_stdin_closes, daemon=True).start()
server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
server.serve_forever()
