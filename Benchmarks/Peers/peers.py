#!/usr/bin/env python3
"""The Python peers of the Swift benchmarks, measured on the same work so that compare.py can report ratios from
one run:

- botocore_sign: botocore's SigV4Auth signing the reference Lambda PUT of SigV4Benchmarks (same path, query,
  headers, body, credentials and date);
- boto3_get: boto3's get_function_event_invoke_config answered in-process by a `before-send` hook with the same
  bytes the Swift Client.getInMemory benchmark's scripted transport answers (no network);
- moto_put_get: a Put then a Get through boto3 against moto's in-process `mock_aws` (InMemory.putGetRoundTrip's
  peer);
- moto_bulk1000: what plan + apply does for 1,000 functions (Get, Put, Get each) through boto3 against `mock_aws`
  (Lifecycle.applyBulk1000's peer).

Each figure is the median over batches of the time per operation, in nanoseconds. Prints one JSON object.
usage: peers.py [--quick]
"""
import datetime
import io
import json
import statistics
import sys
import time
import zipfile
from unittest import mock

import boto3
import botocore.auth
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest, AWSResponse
from botocore.credentials import Credentials

QUICK = "--quick" in sys.argv
BATCHES = 5 if QUICK else 15

BODY = (b'{"MaximumRetryAttempts":0,"MaximumEventAgeInSeconds":60,"DestinationConfig":{"OnFailure":{"Destination":'
        b'"arn:aws:sqs:us-east-1:123456789012:dlq"},"OnSuccess":{"Destination":"arn:aws:sns:us-east-1:123456789012:topic"}}}')
RECORD = (b'{"FunctionArn":"arn:aws:lambda:us-east-1:123456789012:function:my-function:$LATEST",'
          b'"LastModified":1577824406.719,"MaximumRetryAttempts":1,"MaximumEventAgeInSeconds":3600,'
          b'"DestinationConfig":{"OnFailure":{"Destination":"arn:aws:sqs:us-east-1:123456789012:dlq"}}}')
KEYS = dict(aws_access_key_id="AKIDEXAMPLE", aws_secret_access_key="wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")


def per_operation(run, count):
    """Median over BATCHES of the time per call of `run` (called `count` times a batch), after one warm batch."""
    run_batch = lambda: [run() for _ in range(count)]
    run_batch()
    samples = []
    for _ in range(BATCHES):
        start = time.perf_counter_ns()
        run_batch()
        samples.append((time.perf_counter_ns() - start) / count)
    return statistics.median(samples)


def botocore_sign():
    credentials = Credentials(KEYS["aws_access_key_id"], KEYS["aws_secret_access_key"], "FQoGZXIvYXdzEXAMPLETOKEN")
    signer = SigV4Auth(credentials, "lambda", "us-east-1")
    url = ("https://lambda.us-east-1.amazonaws.com/2019-09-25/functions/"
           "arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Amy-function/event-invoke-config"
           "?Qualifier=%24LATEST")
    fixed = datetime.datetime(2026, 11, 28, 12, 0, 0)

    # One request signed over and over (add_auth replaces its own headers), as the Swift benchmark signs one
    # SigV4Request; the clock is a plain function, not a mock object, so its call costs next to nothing.
    request = AWSRequest(method="PUT", url=url, data=BODY, headers={"content-type": "application/json"})
    with mock.patch.object(botocore.auth, "get_current_datetime", lambda *args, **kwargs: fixed):
        return per_operation(lambda: signer.add_auth(request), 200 if QUICK else 2000)


class _Raw:
    def __init__(self, body):
        self.body = body

    def stream(self, **_):
        yield self.body


def boto3_get():
    client = boto3.client("lambda", region_name="us-east-1", **KEYS)

    def answer(request, **_):
        return AWSResponse(request.url, 200, {"content-type": "application/json"}, _Raw(RECORD))

    client.meta.events.register("before-send.lambda.GetFunctionEventInvokeConfig", answer)
    name = "arn:aws:lambda:us-east-1:123456789012:function:my-function:$LATEST"
    return per_operation(lambda: client.get_function_event_invoke_config(FunctionName=name),
                         50 if QUICK else 500)


def moto_lambda(names):
    """A boto3 Lambda client on moto's in-process mock_aws (started by the caller) with these functions."""
    session = dict(region_name="us-east-1", **KEYS)
    role = boto3.client("iam", **session).create_role(
        RoleName="bench", AssumeRolePolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": []}))
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("index.py", "def handler(event, context):\n    return event\n")
    client = boto3.client("lambda", **session)
    for name in names:
        client.create_function(FunctionName=name, Runtime="python3.11", Role=role["Role"]["Arn"],
                               Handler="index.handler", Code={"ZipFile": archive.getvalue()})
    return client


def moto_put_get():
    from moto import mock_aws
    with mock_aws():
        client = moto_lambda(["my-function"])

        def pair():
            client.put_function_event_invoke_config(
                FunctionName="my-function", MaximumRetryAttempts=1, MaximumEventAgeInSeconds=60)
            client.get_function_event_invoke_config(FunctionName="my-function")

        return per_operation(pair, 20 if QUICK else 200)


def moto_bulk(count=1000):
    """Lifecycle.applyBulk1000's peer: for each of `count` functions, what plan + apply does — a Get (404: nothing
    yet), a Put, a Get to confirm — through boto3 against moto's in-process mock_aws. Functions are created before
    the clock starts. One pass (it takes seconds); the time for all `count` targets, in nanoseconds."""
    from moto import mock_aws
    from botocore.exceptions import ClientError
    count = 100 if QUICK else count
    with mock_aws():
        names = [f"function-{index}" for index in range(count)]
        client = moto_lambda(names)
        start = time.perf_counter_ns()
        for name in names:
            try:
                client.get_function_event_invoke_config(FunctionName=name)
            except ClientError:
                pass
            client.put_function_event_invoke_config(
                FunctionName=name, MaximumRetryAttempts=1, MaximumEventAgeInSeconds=60)
            client.get_function_event_invoke_config(FunctionName=name)
        return (time.perf_counter_ns() - start) * (1000 / count)


print(json.dumps({"botocore_sign_ns": botocore_sign(), "boto3_get_ns": boto3_get(),
                  "moto_put_get_ns": moto_put_get(), "moto_bulk1000_ns": moto_bulk()}))
