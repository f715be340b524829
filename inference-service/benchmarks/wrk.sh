#!/usr/bin/env bash
# POST /classify under load with wrk (Debian's package: apt-get install wrk), one thread, keep-alive, a JPEG of the
# served model's input size as the body, at concurrency 1, 8 and 32 (10 s each after a 4 s warm-up).
# Server and client share this machine's cores; WRK_CPU=1 pins wrk to that core (taskset) for a second figure.
#   inference-service/benchmarks/wrk.sh [URL]      (default http://127.0.0.1:8083, e.g. after deploy/semisup.sh demo)
# One caller gets semisup.rate-limit.classify classifications per second (5,000 by default, fewer than the service
# answers for a small model): start the platform for this benchmark with
#   SEMISUP_JAVA_OPTS=-Dsemisup.rate-limit.classify=1000000 deploy/semisup.sh up --no-build
# or the errors column fills with 429s.
# API_KEY_FILE: a key with the viewer role or more (default: the embedded default's admin key, run/security/admin.key).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
url="${1:-http://127.0.0.1:8083}"
command -v wrk > /dev/null || { echo "wrk is not installed: apt-get install wrk"; exit 1; }
export API_KEY; API_KEY="$(cat "${API_KEY_FILE:-$here/../../run/security/admin.key}")"
size=$(curl -fsS -H "X-API-Key: $API_KEY" "$url/models/active" | sed -n 's/.*"inputSize":\([0-9]*\).*/\1/p')
[ -n "$size" ] || { echo "no model is active at $url"; exit 1; }
export IMAGE; IMAGE="$(mktemp --suffix=.jpg)"
java "$here/TestImage.java" "$size" "$IMAGE"
pin=(); [ -n "${WRK_CPU:-}" ] && pin=(taskset -c "$WRK_CPU")
echo "model input ${size}x${size}, body $(stat -c %s "$IMAGE") bytes of JPEG; ${WRK_CPU:+wrk pinned to CPU $WRK_CPU}"
echo "| concurrency | requests/s | p50 ms | p99 ms | errors |"
echo "|---|---|---|---|---|"
for c in 1 8 32; do
  "${pin[@]}" wrk -t1 -c"$c" -d4s -s "$here/classify.lua" "$url/classify" > /dev/null
  out=$("${pin[@]}" wrk -t1 -c"$c" -d10s --latency -s "$here/classify.lua" "$url/classify")
  rps=$(awk '/Requests\/sec/ {print $2}' <<< "$out")
  p50=$(awk '$1 == "50%" {print $2}' <<< "$out")
  p99=$(awk '$1 == "99%" {print $2}' <<< "$out")
  errors=$(awk '/Non-2xx|Socket errors/ {print}' <<< "$out" | tr '\n' ' ')
  echo "| $c | $rps | $p50 | $p99 | ${errors:-0} |"
done
rm -f "$IMAGE"
