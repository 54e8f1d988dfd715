#!/usr/bin/env python3
"""Runs the guardrail benchmarks and their Python peers in one run and prints the ratios the project tracks.

Swift side: package-benchmark (the Benchmarks/ package), text output parsed for the p0 and p50 of each benchmark;
peers: peers.py (botocore, boto3 and moto in-process, on the same work). The two sides run one after the other
(minutes apart) on the same machine; `SigV4.signLambdaPut.overCReference` and the loopback `…oursOverBare…`
ratios are paired inside the benchmark itself.

usage: python3 Benchmarks/Peers/compare.py     (from the package root)
"""
import json
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FILTER = ("SigV4\\.signLambdaPut|SigV4\\.cReference|SigV4\\.signLambdaPut\\.overCReference|Client\\.getInMemory|"
          "InMemory\\.putGetRoundTrip|Client\\.getLoopback\\.oursOverBare\\.c(1|32)|Lifecycle\\.applyBulk(1000)?$")
UNITS = {"ns": 1, "μs": 1e3, "us": 1e3, "ms": 1e6, "s": 1e9}
SCALE = {"": 1, "K": 1e3, "M": 1e6}


def swift_results():
    """{benchmark: {"p0": value, "p50": value, "unit": "ns" | "ratio"}} from package-benchmark's text tables."""
    output = subprocess.run(
        ["swift", "package", "--package-path", "Benchmarks", "benchmark", "--filter", FILTER, "--no-progress"],
        cwd=ROOT, check=True, capture_output=True, text=True).stdout
    sys.stderr.write(output)
    results, name = {}, None
    for line in output.splitlines():
        if re.match(r"^[A-Za-z][\w.]+$", line.strip()) and "=" not in line:
            name = line.strip()
            continue
        cells = [cell.strip() for cell in line.split("│") if cell.strip()]
        if not name or len(cells) < 4:
            continue
        time = re.match(r"Time \(wall clock\) \((\w+)\)", cells[0])
        ratio = re.match(r".*×1000(?: \((K|M)\))?$", cells[0])
        if time:
            factor = UNITS.get(time.group(1), 1)
            results[name] = {"p0": float(cells[1]) * factor, "p50": float(cells[3]) * factor, "unit": "ns"}
        elif ratio:
            factor = SCALE[ratio.group(1) or ""] / 1000
            results[name] = {"p0": float(cells[1]) * factor, "p50": float(cells[3]) * factor, "unit": "ratio"}
    return results


def main():
    swift = swift_results()
    peers = json.loads(subprocess.run([sys.executable, os.path.join(os.path.dirname(__file__), "peers.py")],
                                      check=True, capture_output=True, text=True).stdout)
    rows = []

    def p50(name):
        return swift.get(name, {}).get("p50")

    sign, get, pair = p50("SigV4.signLambdaPut"), p50("Client.getInMemory"), p50("InMemory.putGetRoundTrip")
    rows.append(("warm signature / C reference (paired, p50)", p50("SigV4.signLambdaPut.overCReference"), "≤ 1.5"))
    rows.append(("botocore signature / ours (p50)", sign and peers["botocore_sign_ns"] / sign, "≥ 25"))
    rows.append(("boto3 Get answered in-process / ours over a scripted transport (p50)",
                 get and peers["boto3_get_ns"] / get, "≥ 10"))
    rows.append(("moto mock_aws Put+Get / ours on InMemoryLambda (p50)", pair and peers["moto_put_get_ns"] / pair, "≥ 20"))
    bulk = p50("Lifecycle.applyBulk1000")
    rows.append(("boto3 loop on moto mock_aws / ours, plan+apply of 1,000 functions (p50)",
                 bulk and peers["moto_bulk1000_ns"] / bulk, "≥ 20"))
    for concurrency in (1, 32):
        overhead = p50(f"Client.getLoopback.oursOverBare.c{concurrency}")
        rows.append((f"loopback Get over bare AsyncHTTPClient, c{concurrency} (paired, p50)", overhead, "≤ 1.20"))
    print(json.dumps({"swift": swift, "peers_ns": peers}, indent=1))
    for label, value, target in rows:
        shown = "n/a" if value is None else f"{value:.2f}"
        print(f"{label:75} {shown:>8}   guardrail {target}")


main()
