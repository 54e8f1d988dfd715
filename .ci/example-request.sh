#!/usr/bin/env bash
# Runs the example service (Examples/HummingbirdService, built beforehand into .build-example) against eic-local
# (built by `swift build` into .build) and checks one Put and one Get through its endpoint. Exits non-zero on failure.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT

# The first line a server prints, within 60 s, or fail with what it printed.
first_line() {
    for _ in $(seq 600); do
        if [[ -s "$1" ]] && grep -q "$2" "$1"; then grep -m1 "$2" "$1"; return 0; fi
        sleep 0.1
    done
    echo "no '$2' from the server; it printed:" >&2
    cat "$1" >&2
    return 1
}

export AWS_ACCESS_KEY_ID=AKIDEXAMPLESERVICE AWS_SECRET_ACCESS_KEY=example-service-secret AWS_REGION=us-east-1
echo '{"functions": [{"name": "orders", "versions": 1}]}' > "$work/seed.json"
.build/debug/eic-local --port 0 --seed "$work/seed.json" --verify-signatures > "$work/local.out" 2>&1 &
pids+=($!)
local_port=$(first_line "$work/local.out" "listening on" | sed -E 's/.*:([0-9]+)$/\1/')

service_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
PORT=$service_port AWS_ENDPOINT_URL=http://127.0.0.1:$local_port HOME=$work AWS_EC2_METADATA_DISABLED=true \
    .build-example/debug/HummingbirdService > "$work/service.out" 2>&1 &
pids+=($!)
first_line "$work/service.out" "listening on" > /dev/null

python3 - "$service_port" <<'PY'
import json, sys, urllib.request
base = "http://127.0.0.1:%s/functions/orders/event-invoke-config" % sys.argv[1]
put = urllib.request.Request(base, method="PUT", headers={"Content-Type": "application/json"},
                             data=json.dumps({"maximumRetryAttempts": 0, "maximumEventAgeInSeconds": 600}).encode())
stored = json.load(urllib.request.urlopen(put, timeout=30))
read = json.load(urllib.request.urlopen(base, timeout=30))
assert stored["maximumRetryAttempts"] == 0 and read["maximumRetryAttempts"] == 0, (stored, read)
assert read["maximumEventAgeInSeconds"] == 600, read
assert read["functionARN"].endswith(":function:orders:$LATEST"), read
print("example service: Put and Get through eic-local, signatures verified:", read["functionARN"])
PY
