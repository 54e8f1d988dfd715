#!/usr/bin/env python3
"""Signs one request with botocore's SigV4Auth and prints the Authorization header.

usage: botocore_sign_request.py JSON
JSON: {"method", "url", "headers": [[name, value], ...], "body": base64, "service", "region",
       "accessKeyId", "secretAccessKey", "sessionToken" (or null), "epoch": seconds}
"""
import base64
import datetime
import json
import sys
from unittest import mock

import botocore.auth
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

case = json.loads(sys.argv[1])
request = AWSRequest(method=case["method"], url=case["url"], data=base64.b64decode(case["body"]), headers=dict())
for name, value in case["headers"]:
    request.headers[name] = value
signer = SigV4Auth(
    Credentials(case["accessKeyId"], case["secretAccessKey"], case["sessionToken"]), case["service"], case["region"])
moment = datetime.datetime.fromtimestamp(case["epoch"], datetime.timezone.utc).replace(tzinfo=None)
with mock.patch.object(botocore.auth, "get_current_datetime", return_value=moment):
    signer.add_auth(request)
print(request.headers["Authorization"])
