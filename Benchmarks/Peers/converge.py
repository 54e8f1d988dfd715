#!/usr/bin/env python3
"""The real job, end to end: converge N event invoke configs over HTTP against eic-local (signatures verified),
with eic apply's defaults, terraform apply (when installed) and boto3 with 16 threads in standard mode, then the
no-op plan of the same N; once without a quota and once with `eic-local --quota lambda` (Lambda's 15 requests per
second per account and region), where eic also applies the same N split over two regions (two providers). Prints
one JSON object of wall times, throttled counts and ratios.

Usage: python3 Benchmarks/Peers/converge.py [N] [--no-terraform] [--bin .build/release]
Build first: swift build -c release --product eic && swift build -c release --product eic-local
"""
import concurrent.futures
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
KEY, SECRET = "AKIDCONVERGE", "converge-secret"


def start_server(bindir, seed, quota):
    env = dict(os.environ, AWS_ACCESS_KEY_ID=KEY, AWS_SECRET_ACCESS_KEY=SECRET)
    args = [os.path.join(bindir, "eic-local"), "--port", "0", "--seed", seed, "--verify-signatures"]
    if quota:
        args += ["--quota", "lambda"]
    process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, text=True)
    line = process.stdout.readline()
    return process, line.strip().rsplit(" ", 1)[-1]


def tf_json(n, endpoint, retries):
    resources = {
        "f%d" % i: {"function_name": "f%d" % i, "maximum_retry_attempts": retries} for i in range(n)
    }
    return {
        "terraform": {"required_providers": {"aws": {"source": "hashicorp/aws", "version": "5.100.0"}}},
        "provider": {"aws": {
            "region": "us-east-1", "skip_credentials_validation": True, "skip_requesting_account_id": True,
            "skip_metadata_api_check": True, "skip_region_validation": True, "endpoints": {"lambda": endpoint}}},
        "resource": {"aws_lambda_function_event_invoke_config": resources},
    }


def two_region_tf_json(n, endpoint, retries):
    """N targets, half in us-east-1 (the default provider) and half in eu-west-1 (provider aws.west)."""
    document = tf_json(n, endpoint, retries)
    west = dict(document["provider"]["aws"], region="eu-west-1", alias="west")
    document["provider"]["aws"] = [document["provider"]["aws"], west]
    for i in range(n // 2, n):
        document["resource"]["aws_lambda_function_event_invoke_config"]["f%d" % i]["provider"] = "aws.west"
    return document


def timed(args, env, cwd=None):
    start = time.monotonic()
    result = subprocess.run(args, env=env, cwd=cwd, capture_output=True, text=True)
    elapsed = time.monotonic() - start
    if result.returncode not in (0, 2):
        raise SystemExit("%s failed (%d):\n%s\n%s" % (args[:3], result.returncode, result.stdout[-2000:],
                                                     result.stderr[-2000:]))
    return elapsed, result


def boto3_job(n, endpoint, retries):
    import boto3
    from botocore.config import Config
    client = boto3.client(
        "lambda", region_name="us-east-1", endpoint_url=endpoint, aws_access_key_id=KEY,
        aws_secret_access_key=SECRET, config=Config(retries={"mode": "standard"}, max_pool_connections=16))

    def one(i):
        try:
            client.put_function_event_invoke_config(FunctionName="f%d" % i, MaximumRetryAttempts=retries)
            client.get_function_event_invoke_config(FunctionName="f%d" % i)
            return 0
        except client.exceptions.TooManyRequestsException:
            return 1  # standard mode gave up after its attempts: the target is not converged

    start = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(16) as pool:
        failed = sum(pool.map(one, range(n)))
    return time.monotonic() - start, failed


def terraform_cli(directory):
    mirror = os.environ.get("EIC_TERRAFORM_MIRROR")
    if not mirror:
        for top in ("/opt", "/usr/local/share", "/root"):
            for dirpath, dirnames, _ in os.walk(top):
                if "registry.terraform.io" in dirnames:
                    mirror = dirpath
                    break
                if dirpath.count(os.sep) - top.count(os.sep) >= 2:
                    dirnames[:] = []
            if mirror:
                break
    with open(os.path.join(directory, "cli.tfrc"), "w") as f:
        f.write('provider_installation {\n  filesystem_mirror {\n    path = "%s"\n'
                '    include = ["registry.terraform.io/*/*"]\n  }\n'
                '  direct { exclude = ["registry.terraform.io/*/*"] }\n}\n' % mirror)
    return os.path.join(directory, "cli.tfrc")


def main():
    n = int(next((a for a in sys.argv[1:] if a.isdigit()), "1000"))
    bindir = sys.argv[sys.argv.index("--bin") + 1] if "--bin" in sys.argv else os.path.join(ROOT, ".build/release")
    use_terraform = "--no-terraform" not in sys.argv and shutil.which("terraform")
    work = tempfile.mkdtemp(prefix="eic-converge-")
    seed = os.path.join(work, "seed.json")
    with open(seed, "w") as f:
        json.dump({"functions": [{"name": "f%d" % i} for i in range(n)]}, f)
    seed_two_regions = os.path.join(work, "seed-two-regions.json")
    with open(seed_two_regions, "w") as f:
        json.dump({"functions": [{"name": "f%d" % i, "region": "us-east-1" if i < n // 2 else "eu-west-1"}
                                 for i in range(n)]}, f)
    env = dict(os.environ, AWS_ACCESS_KEY_ID=KEY, AWS_SECRET_ACCESS_KEY=SECRET, AWS_REGION="us-east-1",
               HOME=work, TF_IN_AUTOMATION="1")
    eic = os.path.join(bindir, "eic")
    report = {"n": n, "bin": bindir}
    for quota in (False, True):
        label = "quota" if quota else "free"
        figures = {}
        # eic: N creates with its defaults, then the no-op plan.
        server, endpoint = start_server(bindir, seed, quota)
        path = os.path.join(work, "eic.tf.json")
        with open(path, "w") as f:
            json.dump(tf_json(n, endpoint, 0), f)
        figures["eic_apply_s"], result = timed([eic, "apply", "-f", path, "-auto-approve"], env)
        last = [l for l in result.stderr.splitlines() if "progress" in l][-1:]
        figures["eic_apply_last_progress"] = last
        throttled = int(re.search(r"(\d+) throttled", last[0]).group(1)) if last else 0
        # Requests: one read per target (plan), one Put per target (apply), and the throttled ones retried.
        figures["eic_apply_throttled"] = throttled
        figures["eic_apply_throttled_share"] = throttled / (2 * n + throttled)
        figures["eic_plan_noop_s"], _ = timed([eic, "plan", "-f", path], env)
        server.terminate()
        server.wait()
        if quota:
            # The same N split over two regions: each region has its own quota, and eic runs them side by side.
            server, endpoint = start_server(bindir, seed_two_regions, quota)
            path = os.path.join(work, "eic-two-regions.tf.json")
            with open(path, "w") as f:
                json.dump(two_region_tf_json(n, endpoint, 0), f)
            figures["eic_apply_two_regions_s"], _ = timed([eic, "apply", "-f", path, "-auto-approve"], env)
            figures["two_regions_floor_s"] = 2 * (n // 2) / 15
            server.terminate()
            server.wait()
        # boto3: Put + Get per target, 16 threads, standard mode.
        server, endpoint = start_server(bindir, seed, quota)
        figures["boto3_16_threads_s"], figures["boto3_targets_failed"] = boto3_job(n, endpoint, 0)
        server.terminate()
        server.wait()
        if use_terraform:
            server, endpoint = start_server(bindir, seed, quota)
            directory = os.path.join(work, "tf-" + label)
            os.makedirs(directory)
            with open(os.path.join(directory, "main.tf.json"), "w") as f:
                json.dump(tf_json(n, endpoint, 0), f)
            tf_env = dict(env, TF_CLI_CONFIG_FILE=terraform_cli(directory))
            timed(["terraform", "init", "-no-color"], tf_env, cwd=directory)
            figures["terraform_apply_s"], _ = timed(
                ["terraform", "apply", "-auto-approve", "-no-color", "-parallelism=16"], tf_env, cwd=directory)
            figures["terraform_plan_noop_s"], _ = timed(["terraform", "plan", "-no-color"], tf_env, cwd=directory)
            server.terminate()
            server.wait()
            figures["terraform_over_eic_apply"] = figures["terraform_apply_s"] / figures["eic_apply_s"]
        figures["eic_apply_over_boto3"] = figures["eic_apply_s"] / figures["boto3_16_threads_s"]
        if quota:
            figures["floor_2n_over_15_s"] = 2 * n / 15
            figures["noop_floor_n_over_15_s"] = n / 15
        report[label] = figures
    shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
