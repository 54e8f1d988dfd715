#!/usr/bin/env python3
"""Bootstraps a running moto server for the integration tests: an IAM role, function `demo-fn`, its version 1 and
alias `live`. Prints JSON with the function's ARN.

usage: moto_setup.py ENDPOINT_URL
"""
import io
import json
import sys
import time
import urllib.request
import zipfile

import boto3

endpoint = sys.argv[1]
deadline = time.time() + 30
while True:
    try:
        urllib.request.urlopen(endpoint + "/moto-api/", timeout=2).read()
        break
    except OSError:
        if time.time() > deadline:
            raise
        time.sleep(0.1)
session = dict(endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="AKIDMOTO",
               aws_secret_access_key="moto-secret")
iam = boto3.client("iam", **session)
lam = boto3.client("lambda", **session)
role = iam.create_role(RoleName="eic-test-role", AssumeRolePolicyDocument=json.dumps({
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}],
}))["Role"]["Arn"]
archive = io.BytesIO()
with zipfile.ZipFile(archive, "w") as z:
    z.writestr("index.py", "def handler(event, context):\n    return event\n")
function = lam.create_function(FunctionName="demo-fn", Runtime="python3.11", Role=role, Handler="index.handler",
                               Code={"ZipFile": archive.getvalue()}, Publish=False)
version = lam.publish_version(FunctionName="demo-fn")["Version"]
lam.create_alias(FunctionName="demo-fn", Name="live", FunctionVersion=version)
print(json.dumps({"functionArn": function["FunctionArn"], "version": version, "alias": "live"}))
