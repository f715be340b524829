#!/usr/bin/env bash
# Quality benchmark of issue 4: supervised vs SimCLR (joint) vs SimCLR pretrain + fine-tune on cifar10-ssl at 32x32,
# each within its own wall-clock budget on this machine, then the comparison charts.
# Usage: training/benchmarks/quality.sh [dataset-dir] [out-dir]   (after ./mvnw -pl training -am install -DskipTests)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
data="${1:-$root/../shared/datasets/cifar10-ssl}"
out="${2:-$root/run/benchmarks/quality}"
[ -d "$data/labeled" ] || { echo "no dataset at $data (expected labeled/<class>/, unlabeled/, validation/<class>/)"; exit 1; }
train() { java -jar "$root/training/target/semisup-train.jar" train --data "$data" --image-size 32 --width 0.5 --seed 42 "$@"; }
mkdir -p "$out"
train --method supervised      --out "$out/supervised"      --epochs 80 --patience 30 --budget 8m
train --method simclr          --out "$out/simclr"          --epochs 5 --patience 0 --budget 16m
train --method simclr-finetune --out "$out/simclr-finetune" --pretrain-epochs 5 --epochs 60 --patience 20 --budget 18m
java -jar "$root/training/target/semisup-train.jar" compare --out "$out/comparison" \
  "$out/supervised" "$out/simclr" "$out/simclr-finetune"
