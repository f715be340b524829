#!/usr/bin/env bash
# Training and inference speed of our encoders against PyTorch on the same cores, back to back in one sitting:
# TrainingSpeedBenchmark (DL4J, oneDNN helpers on), then ../shared/anchors/pytorch-mobilenet (libtorch through DJL,
# MobileNetV1 with plain ReLU as ours, glibc's allocator set as the anchor's README does) and convnet_torch.py (the ConvNet's layers in Debian's python3-torch); prints
# images/s of both and DL4J / PyTorch per configuration. Batch 64, random inputs, 2 threads.
#
# Usage (after ./mvnw -pl training -am install -DskipTests): training/benchmarks/speed-vs-pytorch.sh [out-dir]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="${1:-$root/run/benchmarks/speed}"
anchor="$root/../shared/anchors/pytorch-mobilenet"
mkdir -p "$out"
[ -x "$anchor/run.sh" ] || { echo "no PyTorch anchor at $anchor"; exit 1; }
/usr/bin/python3 -c 'import torch' 2>/dev/null || { echo "no PyTorch for convnet_torch.py: apt-get install python3-torch"; exit 1; }

# The anchor's allocator setting, for both sides (the trainer-service runs with it): without it glibc maps and
# unmaps large arrays every step (PyTorch 7.5x and DL4J 2.5x slower at 128x128).
tunables=glibc.malloc.arena_max=1:glibc.malloc.mmap_threshold=2147483648:glibc.malloc.trim_threshold=4294967296
# OpenMP's idle threads spin briefly, then sleep, as the trainer-service runs; both sides use libgomp and get it.
export GOMP_SPINCOUNT="${GOMP_SPINCOUNT:-10000}"
configs=mobilenet-v1:1.0:32:standard,mobilenet-v1:0.5:32:standard,mobilenet-v1:1.0:128,mobilenet-v1:0.5:128,convnet:1.0:32,convnet:0.5:32
echo "== DL4J: GLIBC_TUNABLES=$tunables GOMP_SPINCOUNT=$GOMP_SPINCOUNT ./mvnw -o -pl training test -Dtest=TrainingSpeedBenchmark -Dsemisup.benchmark=true -Dsemisup.benchmark.helpers=on -Dsemisup.benchmark.configs=$configs"
(cd "$root" && GLIBC_TUNABLES=$tunables ./mvnw -o -q -pl training test -Dtest=TrainingSpeedBenchmark -Dsemisup.benchmark=true \
  -Dsemisup.benchmark.helpers=on -Dsemisup.benchmark.configs="$configs" -Dsurefire.failIfNoSpecifiedTests=false) \
  | grep -E '^\||ceiling' | tee "$out/dl4j.txt"
echo "== PyTorch MobileNetV1: GLIBC_TUNABLES=$tunables GOMP_SPINCOUNT=$GOMP_SPINCOUNT $anchor/run.sh --act=relu --iters=15 --warmup=3 --gemm=0"
GLIBC_TUNABLES=$tunables "$anchor/run.sh" --act=relu --iters=15 --warmup=3 --gemm=0 2>&1 \
  | tee "$out/pytorch-mobilenet.txt" | grep -E '^MobileNetV1'
echo "== PyTorch ConvNet: /usr/bin/python3 $root/training/benchmarks/convnet_torch.py"
/usr/bin/python3 "$root/training/benchmarks/convnet_torch.py" | tee "$out/pytorch-convnet.txt"

python3 - "$out" <<'PY'
import re, sys
out = sys.argv[1]
ours = {}
for line in open(f"{out}/dl4j.txt"):
    cells = [c.strip() for c in line.strip().strip('|').split('|')]
    if len(cells) > 8 and cells[0] in ("mobilenet-v1", "convnet"):
        ours[(cells[0], float(cells[1]), int(cells[2]))] = (float(cells[5]), float(cells[8]))
peer = {}
for name in ("pytorch-mobilenet.txt", "pytorch-convnet.txt"):
    for line in open(f"{out}/{name}"):
        m = re.match(r"(MobileNetV1|ConvNet) alpha=([\d.]+) res=(\d+) batch=\d+: train ([\d.]+) img/s, infer ([\d.]+) img/s", line)
        if m:
            encoder = "mobilenet-v1" if m.group(1) == "MobileNetV1" else "convnet"
            peer[(encoder, float(m.group(2)), int(m.group(3)))] = (float(m.group(4)), float(m.group(5)))
print("\n| encoder | α | size | DL4J train | PyTorch train | **train ratio** | DL4J inference | PyTorch inference | **inference ratio** |")
print("|---|---|---|---|---|---|---|---|---|")
for key in sorted(ours):
    if key in peer:
        (t, i), (pt, pi) = ours[key], peer[key]
        print(f"| {key[0]} | {key[1]} | {key[2]} | {t:.1f} | {pt:.1f} | **{t / pt:.2f}** | {i:.0f} | {pi:.0f} | **{i / pi:.2f}** |")
PY
