#!/usr/bin/env bash
# Quality benchmark of issues 4 and 5: supervised vs SimCLR (joint) vs SimCLR pretrain + fine-tune vs SGAN vs SGAN on a
# SimCLR-pretrained encoder, on cifar10-ssl at 32x32, each within its own wall-clock budget on this machine, then the
# comparison charts of the runs that exist.
# Usage: [METHODS="sgan sgan-pretrained"] training/benchmarks/quality.sh [dataset-dir] [out-dir]
#   (after ./mvnw -pl training -am install -DskipTests); METHODS picks some of the methods (default: all, in order).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
data="${1:-$root/../shared/datasets/cifar10-ssl}"
out="${2:-$root/run/benchmarks/quality}"
methods="${METHODS:-supervised simclr simclr-finetune sgan sgan-pretrained}"
[ -d "$data/labeled" ] || { echo "no dataset at $data (expected labeled/<class>/, unlabeled/, validation/<class>/)"; exit 1; }
train() { java -jar "$root/training/target/semisup-train.jar" train --data "$data" --image-size 32 --width 0.5 --seed 42 "$@"; }
mkdir -p "$out"
for method in $methods; do
  case "$method" in
    supervised)      train --method supervised      --out "$out/supervised"      --epochs 80 --patience 30 --budget 8m ;;
    simclr)          train --method simclr          --out "$out/simclr"          --epochs 5 --patience 0 --budget 16m ;;
    simclr-finetune) train --method simclr-finetune --out "$out/simclr-finetune" --pretrain-epochs 5 --epochs 60 --patience 20 --budget 18m ;;
    # An SGAN epoch is 1,024 labelled images (32 steps of 32 labelled + 32 unlabelled, ~25 s here); a run stops after
    # the epoch that uses up its budget. Sample grids after epoch 5 and at the end, as in the original study.
    sgan)            train --method sgan            --out "$out/sgan"            --epochs 40 --patience 0 --budget 18m ;;
    sgan-pretrained) train --method sgan-pretrained --out "$out/sgan-pretrained" --pretrain-epochs 4 --epochs 30 --patience 10 --budget 18m ;;
    *) echo "unknown method $method"; exit 1 ;;
  esac
done
runs=()
for method in supervised simclr simclr-finetune sgan sgan-pretrained; do
  [ -f "$out/$method/report.json" ] && runs+=("$out/$method")
done
java -jar "$root/training/target/semisup-train.jar" compare --out "$out/comparison" "${runs[@]}"
