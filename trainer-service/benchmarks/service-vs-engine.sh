#!/usr/bin/env bash
# The same job trained by the engine's own CLI and by the trainer-service (through Kafka, object storage and the job
# runner), back to back on this machine: images/s of every epoch of each, and the trainer's full garbage collections
# during its job (jstat). The engine's JVM gets the trainer's memory settings (deploy/semisup.sh: SEMISUP_TRAINER_MEMORY,
# a quarter heap), so the comparison is of the service's overhead, not of memory limits.
#
# Usage, with the platform up (deploy/semisup.sh up):
#   trainer-service/benchmarks/service-vs-engine.sh [image-size (128)] [epochs (3)] [out-dir (run/benchmarks/service-vs-engine)]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
size="${1:-128}"
epochs="${2:-3}"
out="${3:-$root/run/benchmarks/service-vs-engine}"
memory="${SEMISUP_TRAINER_MEMORY:-6g}"
trainer="http://127.0.0.1:${SEMISUP_TRAINER_PORT:-8082}"
pid=$(cat "${SEMISUP_RUN_DIR:-$root/run}/pids/trainer-service.pid")
rm -rf "$out" && mkdir -p "$out"

echo "== the shapes dataset (generated)"
java -jar "$root/cli/target/semisup-cli.jar" generate "$out/shapes" > /dev/null
# Same job both ways: supervised MobileNetV1 α 1.0, ImageNet's stem, batch 64, seed 1.
echo "== engine CLI: ${size}x${size}, $epochs epochs"
java -XX:MaxRAM="$memory" -XX:MaxRAMPercentage=25 -jar "$root/training/target/semisup-train.jar" train \
  --data "$out/shapes" --out "$out/engine" --method supervised --image-size "$size" --width 1.0 \
  --encoder mobilenet-v1 --stem standard --batch 64 --epochs "$epochs" --seed 1 --patience 0 > "$out/engine.log" 2>&1

echo "== trainer-service: the same job"
dataset=$(java -jar "$root/cli/target/semisup-cli.jar" import "$out/shapes" --name bench-shapes | sed -n 's/^dataset //p')
fgc() { jstat -gc "$pid" | awk 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "FGC") c = i } NR == 2 { print $c }'; }
gc_before=$(fgc)
job=$(java -jar "$root/cli/target/semisup-cli.jar" train "$dataset" --detach --method supervised --image-size "$size" \
  --width 1.0 --encoder mobilenet-v1 --stem standard --batch-size 64 --epochs "$epochs" --seed 1 | sed -n 's/^job \(.*\) submitted/\1/p')
until curl -sf "$trainer/jobs/$job" 2>/dev/null | python3 -c 'import json,sys; sys.exit(json.load(sys.stdin)["state"] not in ("SUCCEEDED","FAILED","CANCELLED"))' 2>/dev/null; do
  sleep 5
done
gc_after=$(fgc)
curl -sf "$trainer/jobs/$job" > "$out/service-job.json"

python3 - "$out/engine/report.json" "$out/service-job.json" "$((gc_after - gc_before))" "$size" "$epochs" <<'PY'
import json, sys
engine = [e["imagesPerSecond"] for e in json.load(open(sys.argv[1]))["epochs"]]
job = json.load(open(sys.argv[2]))
service = [e["metrics"]["imagesPerSecond"] for e in job["epochs"]]
print(f"job {job['jobId']}: {job['state']}")
for i, (a, b) in enumerate(zip(engine, service), 1):
    print(f"epoch {i}: engine CLI {a:.1f} images/s, trainer-service {b:.1f} images/s, service/engine {b / a:.3f}")
# The first epoch includes oneDNN's kernel compilation and the JIT's warm-up: the ratio is that of the later ones.
a, b = engine[1:] or engine, service[1:] or service
print(f"epochs 2-{len(engine)} (warm): engine CLI {sum(a) / len(a):.1f} images/s, trainer-service "
      f"{sum(b) / len(b):.1f} images/s, service/engine {sum(b) / sum(a):.3f}; trainer full GCs during the job: {sys.argv[3]}")
PY
