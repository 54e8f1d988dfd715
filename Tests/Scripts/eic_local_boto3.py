"""Drives eic-local with boto3 and prints what botocore parsed, one JSON object per step.

Usage: eic_local_boto3.py ENDPOINT

botocore serializes every request and parses every answer exactly as it does against AWS, so this sees the
emulator the way every AWS SDK does. The Swift test that runs this script asserts on the printed JSON.
"""
import io
import json
import sys
import zipfile

import boto3
from botocore.exceptions import ClientError

endpoint = sys.argv[1]
lam = boto3.client(
    "lambda", endpoint_url=endpoint, region_name="us-east-1",
    aws_access_key_id="AKIDEICLOCAL", aws_secret_access_key="eic-local-secret")

archive = io.BytesIO()
with zipfile.ZipFile(archive, "w") as zipped:
    zipped.writestr("handler.py", "def handler(event, context):\n    return event\n")

steps = []


def step(name, call, keep=()):
    try:
        response = call()
        result = {"step": name, "ok": True, "status": response["ResponseMetadata"]["HTTPStatusCode"]}
        for key in keep:
            value = response.get(key)
            result[key] = value.timestamp() if hasattr(value, "timestamp") else value
    except ClientError as error:
        result = {
            "step": name, "ok": False, "status": error.response["ResponseMetadata"]["HTTPStatusCode"],
            "code": error.response["Error"]["Code"], "message": error.response["Error"]["Message"],
        }
    steps.append(result)


queue = "arn:aws:sqs:us-east-1:123456789012:dlq"
record = ("FunctionArn", "LastModified", "MaximumRetryAttempts", "MaximumEventAgeInSeconds", "DestinationConfig")
step("create", lambda: lam.create_function(
    FunctionName="orders", Role="arn:aws:iam::123456789012:role/lambda-role", Runtime="python3.12",
    Handler="handler.handler", Code={"ZipFile": archive.getvalue()}), ("FunctionArn", "Version"))
step("publish", lambda: lam.publish_version(FunctionName="orders"), ("Version", "FunctionArn"))
step("alias", lambda: lam.create_alias(FunctionName="orders", Name="live", FunctionVersion="1"), ("AliasArn",))
step("put-empty-missing", lambda: lam.put_function_event_invoke_config(FunctionName="missing"))
step("put-missing", lambda: lam.put_function_event_invoke_config(FunctionName="missing", MaximumRetryAttempts=1))
step("get-none", lambda: lam.get_function_event_invoke_config(FunctionName="orders"))
step("put", lambda: lam.put_function_event_invoke_config(
    FunctionName="orders", Qualifier="live", MaximumRetryAttempts=0,
    DestinationConfig={"OnFailure": {"Destination": queue}}), record)
step("get-arn", lambda: lam.get_function_event_invoke_config(
    FunctionName="arn:aws:lambda:us-east-1:123456789012:function:orders:live"), record)
step("update", lambda: lam.update_function_event_invoke_config(
    FunctionName="orders:live", MaximumEventAgeInSeconds=120), record)
step("list", lambda: lam.list_function_event_invoke_configs(FunctionName="orders"), ("FunctionEventInvokeConfigs",))
step("mismatch", lambda: lam.get_function_event_invoke_config(FunctionName="orders:live", Qualifier="1"))
step("self", lambda: lam.put_function_event_invoke_config(
    FunctionName="orders", DestinationConfig={
        "OnSuccess": {"Destination": "arn:aws:lambda:us-east-1:123456789012:function:orders"}}))
step("service", lambda: lam.put_function_event_invoke_config(
    FunctionName="orders", DestinationConfig={"OnSuccess": {"Destination": "arn:aws:iam::123456789012:role/x"}}))
step("fifo", lambda: lam.put_function_event_invoke_config(
    FunctionName="orders", DestinationConfig={
        "OnFailure": {"Destination": "arn:aws:sqs:us-east-1:123456789012:jobs.fifo"}}), record)
step("delete", lambda: lam.delete_function_event_invoke_config(FunctionName="orders", Qualifier="live"))
step("delete-again", lambda: lam.delete_function_event_invoke_config(FunctionName="orders", Qualifier="live"))
step("delete-alias", lambda: lam.delete_alias(FunctionName="orders", Name="live"))
step("delete-function", lambda: lam.delete_function(FunctionName="orders"))
step("list-gone", lambda: lam.list_function_event_invoke_configs(FunctionName="orders"))
print(json.dumps(steps, default=lambda value: value.timestamp()))
