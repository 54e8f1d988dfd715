#!/usr/bin/env python3
"""Writes Tests/EventInvokeConfigSigV4Tests/Fixtures/reference-signatures.json: requests signed by botocore's
SigV4Auth that the generated differential cases do not reach (secrets of every length from 0 to 100 bytes, longer
than a hash block included; requests with hundreds of headers, a long path, a large body and a long token).

Deterministic (fixed signing time 2026-11-28T12:00:00Z); run it again only to change the cases.
usage: make_reference_signatures.py > Tests/EventInvokeConfigSigV4Tests/Fixtures/reference-signatures.json
"""
import base64
import datetime
import json
from unittest import mock

import botocore.auth
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

FIXED = datetime.datetime(2026, 11, 28, 12, 0, 0)


def sign(method, host, path, query, headers, body, secret, token, region):
    url = f"https://{host}{path}" + (f"?{query}" if query else "")
    request = AWSRequest(method=method, url=url, data=body, headers=dict())
    for name, value in headers:
        request.headers[name] = value
    signer = SigV4Auth(Credentials("AKIDEXAMPLE", secret, token), "lambda", region)
    with mock.patch.object(botocore.auth, "get_current_datetime", return_value=FIXED):
        signer.add_auth(request)
    return {"method": method, "path": path, "query": query, "headers": headers, "region": region,
            "body": base64.b64encode(body).decode(), "secret": secret, "token": token,
            "authorization": request.headers["Authorization"]}


cases = []
for length in range(101):
    secret = "".join(chr(0x21 + i % 90) for i in range(length))
    host = "lambda.eu-west-1.amazonaws.com"
    cases.append(sign("GET", host, "/2019-09-25/functions/f/event-invoke-config", "", [("Host", host)], b"",
                      secret, None, "eu-west-1"))
segment = "arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Af"
for scale in (1, 40, 400):
    host = "lambda.us-east-1.amazonaws.com"
    headers = [("Host", host)] + [(f"X-Custom-{i % 7}", f"  value   {i}  ") for i in range(scale)]
    query = "&".join(f"k{i % 5}=v%24{i}" for i in range(scale))
    cases.append(sign("PUT", host, "/" + "/".join([segment] * scale), query, headers, b"a" * (100 * scale),
                      "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "T" * (10 * scale), "us-east-1"))
print(json.dumps(cases, indent=0))
