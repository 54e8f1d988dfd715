#!/usr/bin/env python3
"""Differential SigV4 cases: generates Lambda-shaped requests and signs each with botocore's SigV4Auth.

Prints a JSON list; the Swift test signs the same requests and compares the Authorization header and the
canonical request. Deterministic: fixed seed and a fixed signing time (2026-11-28T12:00:00Z).

usage: botocore_sigv4_cases.py [COUNT] [SEED]
"""
import base64
import datetime
import json
import random
import sys
from unittest import mock
from urllib.parse import quote

import botocore.auth
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

COUNT = int(sys.argv[1]) if len(sys.argv) > 1 else 2500
SEED = int(sys.argv[2]) if len(sys.argv) > 2 else 20261128
FIXED = datetime.datetime(2026, 11, 28, 12, 0, 0)
rng = random.Random(SEED)

PARTITIONS = [("aws", "us-east-1"), ("aws", "eu-west-3"), ("aws-cn", "cn-north-1"), ("aws-us-gov", "us-gov-west-1"),
              ("aws-iso", "us-iso-east-1"), ("aws-iso-b", "us-isob-east-1"), ("aws-eusc", "eusc-de-east-1")]
NAME_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_"
MARKER_CHARS = NAME_CHARS + "+/=&?%#:@ !*'()$,;[]~." + "éü漢😀"
HEADER_VALUE_CHARS = NAME_CHARS + " ,;=:/\"'()[]{}<>@.!#$%&*+?^`|~"


def word(chars, low, high):
    return "".join(rng.choice(chars) for _ in range(rng.randint(low, high)))


def qualifier():
    return rng.choice(["$LATEST", "$LATEST.PUBLISHED", str(rng.randint(1, 999)), word(NAME_CHARS[:52], 1, 20)])


def function_reference():
    name = word(NAME_CHARS, 1, 64)
    account = "".join(rng.choice("0123456789") for _ in range(12))
    partition, region = rng.choice(PARTITIONS)
    base = rng.choice([name, f"{account}:function:{name}",
                       f"arn:{partition}:lambda:{region}:{account}:function:{name}"])
    return base + (":" + qualifier() if rng.random() < 0.4 else "")


def odd_spacing(value):
    return rng.choice(["", " ", "  ", "\t"]) + value.replace(" ", rng.choice([" ", "   ", " \t "])) + \
        rng.choice(["", " ", "   "])


def case(index):
    partition, region = rng.choice(PARTITIONS)
    reference = function_reference()
    listing = rng.random() < 0.25
    path = "/2019-09-25/functions/" + quote(reference, safe="") + "/event-invoke-config" + ("/list" if listing else "")
    params = []
    if listing:
        if rng.random() < 0.6:
            params.append(("Marker", word(MARKER_CHARS, 0, 40)))
        if rng.random() < 0.6:
            params.append(("MaxItems", str(rng.randint(1, 50))))
        method = "GET"
    else:
        if rng.random() < 0.6:
            params.append(("Qualifier", qualifier()))
        method = rng.choice(["PUT", "POST", "GET", "DELETE"])
    rng.shuffle(params)
    query = "&".join(quote(k, safe="-_.~") + "=" + quote(v, safe="-_.~") for k, v in params)
    host = f"lambda.{region}.amazonaws.com"
    headers = [("Host", host)]
    if method in ("PUT", "POST"):
        headers.append((rng.choice(["Content-Type", "content-type", "CONTENT-TYPE"]), "application/json"))
    for _ in range(rng.randint(0, 4)):
        name = rng.choice(["X-Custom", "x-amz-meta-a", "X-Amz-Meta-B", "My-Header", "x-amz-target-ish",
                           "User-Agent", "X-Amzn-Trace-Id", "Expect", "Connection", "amz-sdk-request"])
        headers.append((name, odd_spacing(word(HEADER_VALUE_CHARS, 1, 30).strip() or "v")))
    body = b""
    if method in ("PUT", "POST"):
        body = json.dumps({"MaximumRetryAttempts": rng.randint(0, 2), "MaximumEventAgeInSeconds": rng.randint(60, 21600),
                           "Note": word(MARKER_CHARS, 0, 30)}, ensure_ascii=False).encode("utf-8")
    token = None
    if rng.random() < 0.5:
        token = base64.b64encode(rng.randbytes(rng.randint(16, 300))).decode()
    url = f"https://{host}{path}" + (f"?{query}" if query else "")
    request = AWSRequest(method=method, url=url, data=body, headers=dict())
    for name, value in headers:
        request.headers[name] = value
    credentials = Credentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", token)
    signer = SigV4Auth(credentials, "lambda", region)
    captured = {}
    original = signer.canonical_request

    def capture(req):
        captured["canonical"] = original(req)
        return captured["canonical"]

    with mock.patch.object(botocore.auth, "get_current_datetime", return_value=FIXED), \
            mock.patch.object(signer, "canonical_request", side_effect=capture):
        signer.add_auth(request)
    return {
        "index": index, "method": method, "path": path, "query": query, "headers": headers,
        "body": base64.b64encode(body).decode(), "region": region, "token": token,
        "authorization": request.headers["Authorization"], "canonicalRequest": captured["canonical"],
    }


print(json.dumps([case(i) for i in range(COUNT)]))
