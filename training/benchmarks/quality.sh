#!/usr/bin/env bash
# Quality benchmark: each method on cifar10-ssl at 32x32 within its own wall-clock budget on this machine, for one or
# more seeds, then the PyTorch anchor (../shared/anchors/fixmatch-torch) on the same split and budgets, back to back.
# Every run appends one measured row to summary.csv (method,seed,budget_minutes,epochs,validation_accuracy); the
# accuracy is that of the final weights (averaged; patience 0: no epoch picked on the validation images).
#
# Usage (after ./mvnw -pl training -am install -DskipTests):
#   [METHODS="supervised fixmatch"] [SEEDS="1 2"] [ANCHOR=1] training/benchmarks/quality.sh [dataset-dir] [out-dir]
#   METHODS: some of supervised simclr simclr-finetune sgan sgan-pretrained fixmatch (default: all; empty: none, for
#   the anchor alone); fixmatch is the engine's default recipe (2 contrastive epochs, then SoftMatch with distribution
#   alignment).
#   ANCHOR=1 also runs the anchor's supervised and FixMatch per seed (Debian's python3-torch, python3-torchvision);
#   ANCHOR_METHODS: which of the two (default: "supervised fixmatch").
#   JAR: the engine to run (default: training/target/semisup-train.jar; another build's copy, for an A/B).
#   SUMMARY: the CSV to append to (default: docs/results/quality/summary.csv).
#   MINUTES: one budget for every method (default: 8 for supervised, 20 for the others, as the anchor's).
#   EXTRA: more options for every run of the engine (e.g. "--pretrain-epochs 0"); LABEL: a suffix for the rows' method.
#   SUPERVISED_LR: supervised's peak learning rate (default 0.06: the anchor's 0.03 at its batch of 32, scaled to our
#   batch of 64; rows before 2026-12-02 ran 0.03). Set here, not in EXTRA: the engine refuses an option twice.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
data="${1:-$root/../shared/datasets/cifar10-ssl}"
out="${2:-$root/run/benchmarks/quality}"
methods="${METHODS-supervised simclr simclr-finetune sgan sgan-pretrained fixmatch}"
seeds="${SEEDS:-1}"
summary="${SUMMARY:-$root/docs/results/quality/summary.csv}"
anchor="$root/../shared/anchors/fixmatch-torch/fixmatch.py"
jar="${JAR:-$root/training/target/semisup-train.jar}"
# glibc's allocator as the trainer-service runs with it (deploy/semisup.sh) and as the anchor's README advises: large
# arrays from the heap, not an mmap per allocation; both sides of the comparison get it.
export GLIBC_TUNABLES="${GLIBC_TUNABLES:-glibc.malloc.arena_max=1:glibc.malloc.mmap_threshold=2147483648:glibc.malloc.trim_threshold=4294967296}"
# OpenMP's idle threads spin briefly, then sleep (libgomp's default spins 300,000 times), as the trainer-service runs;
# both sides get it (Debian's PyTorch uses libgomp too).
export GOMP_SPINCOUNT="${GOMP_SPINCOUNT:-10000}"
[ -d "$data/labeled" ] || { echo "no dataset at $data (expected labeled/<class>/, unlabeled/, validation/<class>/)"; exit 1; }
mkdir -p "$out" "$(dirname "$summary")"
[ -f "$summary" ] || echo "method,seed,budget_minutes,epochs,validation_accuracy" > "$summary"

# Checked before the first run, not after it.
if [ "${ANCHOR:-0}" = 1 ]; then
  /usr/bin/python3 -c 'import torch, torchvision' 2>/dev/null \
    || { echo "no PyTorch for the anchor: apt-get install python3-torch python3-torchvision"; exit 1; }
fi

# The anchor's budgets: 8 minutes for supervised training, 20 for every semi-supervised method.
budget() { [ -n "${MINUTES:-}" ] && { echo "$MINUTES"; return; }; case "$1" in supervised) echo 8 ;; *) echo 20 ;; esac; }

row() { # method seed budget run-dir: one row from the run's report.json
  python3 - "$@" >> "$summary" <<'EOF'
import json, sys
method, seed, budget, run = sys.argv[1:5]
report = json.load(open(run + "/report.json"))
epochs = len(report["epochs"])
print(f"{method},{seed},{budget},{epochs},{report['evaluation']['accuracy']:.4f}")
EOF
}

train() { # method seed extra-options...
  local method="$1" seed="$2"; shift 2
  local minutes; minutes=$(budget "$method")
  local name="$method${LABEL:+-$LABEL}"
  local run="$out/$name-${minutes}min-seed$seed"
  rm -rf "$run"   # a run folder left from before would be resumed
  # shellcheck disable=SC2086  # EXTRA is a list of options
  set -- "$@" ${EXTRA:-}
  echo "== $name, seed $seed, ${minutes} min: java -jar $jar train --data $data --out $run $*"
  java -jar "$jar" train --data "$data" --out "$run" --image-size 32 --width "${WIDTH:-1.0}" \
    --seed "$seed" --epochs 1000 --patience 0 --budget "${minutes}m" "$@"
  row "$name" "$seed" "$minutes" "$run"
}

for seed in $seeds; do
  for method in $methods; do
    case "$method" in
      supervised)          train supervised "$seed" --method supervised --optimizer SGD --lr "${SUPERVISED_LR:-0.06}" --weight-decay 5e-4 --warmup-epochs 0 ;;
      simclr)              train simclr "$seed" --method simclr ;;
      simclr-finetune)     train simclr-finetune "$seed" --method simclr-finetune --pretrain-epochs 5 ;;
      sgan)                train sgan "$seed" --method sgan ;;
      sgan-pretrained)     train sgan-pretrained "$seed" --method sgan-pretrained --pretrain-epochs 4 ;;
      fixmatch)            train fixmatch "$seed" --method fixmatch ;;
      *) echo "unknown method $method"; exit 1 ;;
    esac
  done
  if [ "${ANCHOR:-0}" = 1 ]; then
    for method in ${ANCHOR_METHODS:-supervised fixmatch}; do
      minutes=$(budget "$method")
      echo "== anchor-$method, seed $seed, ${minutes} min: /usr/bin/python3 $anchor $data --method $method --minutes $minutes --seed $seed"
      result=$(/usr/bin/python3 "$anchor" "$data" --method "$method" --minutes "$minutes" --seed "$seed" | tee /dev/stderr | grep '^RESULT')
      accuracy=$(sed -E 's/.*validation=([0-9.]+).*/\1/' <<< "$result")
      steps=$(sed -E 's/.*steps=([0-9]+).*/\1/' <<< "$result")
      # The anchor has no epochs: its row counts steps of 32 labelled images in units of 1,024 images, as ours do.
      echo "anchor-$method,$seed,$minutes,$(( steps * 32 / 1024 )),$accuracy" >> "$summary"
    done
  fi
done

runs=()
for run in "$out"/*/; do
  [ -f "$run/report.json" ] && runs+=("${run%/}")
done
# The anchor alone (METHODS= ) leaves no run of ours to chart.
[ ${#runs[@]} -eq 0 ] || java -jar "$jar" compare --out "$out/comparison" "${runs[@]}"
echo "summary: $summary"
