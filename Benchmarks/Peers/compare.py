#!/usr/bin/env python3
"""Runs the guardrail benchmarks and their peers in one run and prints the ratios the project tracks.

Swift side: package-benchmark (Benchmarks/, JMH JSON export); peers: peers.py (botocore, boto3, moto in-process).
Ratios are of medians (p50) measured minutes apart on the same machine; the paired
`SigV4.signLambdaPut.overCReference` ratio comes from the benchmark itself.

usage: Benchmarks/Peers/compare.py   (from the package root; takes a few minutes)
"""
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
NAMES = ["SigV4.signLambdaPut", "SigV4.cReference", "SigV4.signLambdaPut.overCReference", "Client.getInMemory",
         "InMemory.putGetRoundTrip"]


def swift_results():
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(
            ["swift", "package", "--package-path", "Benchmarks", "--allow-writing-to-directory", folder, "benchmark",
             "--filter", "^(" + "|".join(n.replace(".", "\\.") for n in NAMES) + ")$", "--format", "jmh",
             "--path", folder, "--no-progress"], cwd=ROOT, check=True, stdout=sys.stderr)
        results = {}
        for name in os.listdir(folder):
            with open(os.path.join(folder, name)) as f:
                for entry in json.load(f):
                    metric = entry["primaryMetric"]
                    benchmark = entry["benchmark"].rsplit(".", 1)[0] if entry["benchmark"].count(".") else entry["benchmark"]
                    results.setdefault(entry["benchmark"], {})[metric.get("scoreUnit", "")] = metric
        return results


def p50(metric):
    return metric["scorePercentiles"]["50.0"]


def main():
    swift = swift_results()
    peers = json.loads(subprocess.run([sys.executable, os.path.join(os.path.dirname(__file__), "peers.py")],
                                      check=True, capture_output=True, text=True).stdout)
    print(json.dumps({"swift": swift, "peers": peers}, indent=1), file=sys.stderr)
    print(json.dumps(peers))


main()
