#!/usr/bin/python3
"""Active-learning benchmark: the labelling loop with a simulated labeller, through the running platform.

For each seed and strategy, a dataset of cifar10-ssl's 200 labelled images, cifar10-al's pool (5,000 images whose
names carry no label) as its unlabelled images and cifar10-ssl's validation split is imported, and a first job trains
on it (METHOD, MINUTES: the same budget for every job of every strategy). Then, ROUNDS times: the newest model's N
suggestions by the strategy are fetched (semisup suggest), answered from oracle.csv as a person would label them, and
sent back through the API (semisup label); the dataset's retraining policy (minNewLabels = N) starts the next job
through Kafka. The oracle only answers suggestions: it never reaches training otherwise.

Every job's validation accuracy (final averaged weights, no epoch picked on the validation images) is appended to
SUMMARY (default docs/results/active-learning/summary.csv) as strategy,seed,round,labels,job,validation_accuracy,
and the chart active-learning.png is drawn from it next to it.

Usage (platform up: deploy/semisup.sh up):
  [STRATEGIES="random margin typiclust"] [SEEDS="1"] [ROUNDS=3] [N=100] [METHOD=supervised] [MINUTES=2] \\
      deploy/benchmarks/active-learning.py [cifar10-ssl dir] [cifar10-al dir]
"""
import csv
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SSL = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "../shared/datasets/cifar10-ssl").resolve()
AL = Path(sys.argv[2] if len(sys.argv) > 2 else ROOT / "../shared/datasets/cifar10-al").resolve()
STRATEGIES = os.environ.get("STRATEGIES", "random margin typiclust").split()
SEEDS = [int(s) for s in os.environ.get("SEEDS", "1").split()]
ROUNDS = int(os.environ.get("ROUNDS", "3"))
N = int(os.environ.get("N", "100"))
METHOD = os.environ.get("METHOD", "supervised")
MINUTES = float(os.environ.get("MINUTES", "2"))
SUMMARY = Path(os.environ.get("SUMMARY", ROOT / "docs/results/active-learning/summary.csv"))
CLI = [str(ROOT / "deploy/semisup.sh"), "cli"]
# The embedded default's admin key (deploy/semisup.sh up creates it), as the CLI uses it.
API_KEY = (Path(os.environ.get("SEMISUP_RUN_DIR", ROOT / "run")) / "security/admin.key").read_text().strip()
DATASETS = os.environ.get("SEMISUP_DATASET_URL", "http://127.0.0.1:%s" % os.environ.get("SEMISUP_DATASET_PORT", "8081"))
TRAINER = os.environ.get("SEMISUP_TRAINER_URL", "http://127.0.0.1:%s" % os.environ.get("SEMISUP_TRAINER_PORT", "8082"))


def http(method, url, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method,
                                     headers={"Content-Type": "application/json", "X-API-Key": API_KEY})
    with urllib.request.urlopen(request, timeout=60) as response:
        text = response.read().decode()
        return json.loads(text) if text else None


def cli(*args):
    print("$ semisup " + " ".join(args), flush=True)
    out = subprocess.run(CLI + list(args), check=True, capture_output=True, text=True).stdout
    print(out.strip()[-2000:], flush=True)
    return out


def await_job(job_id):
    """Polls the job until it ends; prints its progress; returns the record."""
    last = None
    while True:
        try:
            record = http("GET", f"{TRAINER}/jobs/{job_id}")
        except urllib.error.HTTPError as e:
            if e.code != 404:  # 404: submitted, not taken in from training-jobs yet
                raise
            time.sleep(2)
            continue
        line = f"  job {job_id} {record['state']}: {record.get('message') or ''}"
        if line != last:
            print(line, flush=True)
            last = line
        if record["state"] in ("SUCCEEDED", "FAILED", "CANCELLED"):
            if record["state"] != "SUCCEEDED":
                sys.exit(f"job {job_id} ended {record['state']}: {record.get('message')}")
            return record
        time.sleep(5)


def await_suggestions(dataset_id, model_id):
    """Waits until the dataset's suggestions come from model_id (announced as SUGGESTIONS_READY)."""
    deadline = time.time() + 300
    while time.time() < deadline:
        try:
            page = http("GET", f"{DATASETS}/datasets/{dataset_id}/suggestions?limit=1")
            if page["modelId"] == model_id:
                return
        except urllib.error.HTTPError as e:
            if e.code != 404:
                raise
        time.sleep(2)
    sys.exit(f"no suggestions from model {model_id} for dataset {dataset_id}")


def await_retraining(dataset_id, previous_job):
    deadline = time.time() + 300
    while time.time() < deadline:
        job = http("GET", f"{TRAINER}/retraining/{dataset_id}").get("lastJobId")
        if job and job != previous_job:
            return job
        time.sleep(2)
    sys.exit(f"dataset {dataset_id}: the retraining policy started no job")


def record_row(strategy, seed, rnd, labels, record):
    accuracy = record["metrics"]["validationAccuracy"]
    new = not SUMMARY.exists()
    SUMMARY.parent.mkdir(parents=True, exist_ok=True)
    with SUMMARY.open("a") as f:
        if new:
            f.write("strategy,seed,round,labels,job,validation_accuracy\n")
        f.write(f"{strategy},{seed},{rnd},{labels},{record['jobId']},{accuracy:.4f}\n")
    print(f"== {strategy}, seed {seed}, round {rnd}: {labels} labels, validation accuracy {accuracy:.4f}", flush=True)


def main():
    oracle = {row["file"]: row["class"] for row in csv.DictReader((AL / "oracle.csv").open())}
    work = Path(tempfile.mkdtemp(prefix="active-learning-"))
    folder = work / "cifar10-al-loop"
    shutil.copytree(SSL / "labeled", folder / "labeled")
    shutil.copytree(SSL / "validation", folder / "validation")
    shutil.copytree(AL / "pool", folder / "unlabeled")
    labelled = sum(1 for _ in (folder / "labeled").rglob("*") if _.is_file())
    hyperparameters = {"imageSize": 32, "widthMultiplier": 1.0, "epochs": 1000, "patience": 0,
                       "timeBudgetMinutes": MINUTES}
    for seed in SEEDS:
        for strategy in STRATEGIES:
            imported = cli("import", str(folder), "--name", f"al-{strategy}-seed{seed}")
            dataset_id = re.findall(r"(?m)^dataset (\S+)$", imported)[-1]
            http("PUT", f"{TRAINER}/retraining/{dataset_id}", {"enabled": True, "minNewLabels": N})
            job = http("POST", f"{TRAINER}/jobs", {"datasetId": dataset_id, "method": METHOD,
                                                     "hyperparameters": dict(hyperparameters, seed=seed)})["jobId"]
            labels = labelled
            for rnd in range(ROUNDS + 1):
                record = await_job(job)
                record_row(strategy, seed, rnd, labels, record)
                if rnd == ROUNDS:
                    break
                await_suggestions(dataset_id, record["modelId"])
                answers = work / f"{strategy}-seed{seed}-round{rnd + 1}"
                cli("suggest", dataset_id, "--strategy", strategy, "-n", str(N), "--out", str(answers))
                rows = list(csv.DictReader((answers / "labels.csv").open()))
                with (answers / "answers.csv").open("w") as f:
                    f.write("image,class\n")
                    for row in rows:
                        original = row["file"].split("-", 1)[1]  # suggest writes NNN-<uploaded name>
                        f.write(f"{row['image']},{oracle[original]}\n")
                cli("label", dataset_id, str(answers / "answers.csv"))
                labels += len(rows)
                job = await_retraining(dataset_id, job)
    shutil.rmtree(work)
    chart()


def chart():
    """Validation accuracy by labels, one line per strategy (mean over seeds), next to the summary."""
    try:
        import matplotlib
    except ImportError:
        sys.exit("the chart needs Debian's python3-matplotlib (apt-get install python3-matplotlib)")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    rows = list(csv.DictReader(SUMMARY.open()))
    fig, ax = plt.subplots(figsize=(6, 4))
    for strategy in dict.fromkeys(r["strategy"] for r in rows):
        points = {}
        for r in rows:
            if r["strategy"] == strategy:
                points.setdefault(int(r["labels"]), []).append(float(r["validation_accuracy"]))
        xs = sorted(points)
        seeds = len({r["seed"] for r in rows if r["strategy"] == strategy})
        ax.plot(xs, [100 * sum(points[x]) / len(points[x]) for x in xs], marker="o",
                label=f"{strategy} ({seeds} seed{'s' if seeds > 1 else ''})")
    ax.set_xlabel("labelled images")
    ax.set_ylabel("validation accuracy (%)")
    ax.set_title(f"cifar10-ssl + cifar10-al pool: {METHOD}, {MINUTES:g} min per round")
    ax.grid(alpha=0.3)
    ax.legend()
    fig.tight_layout()
    fig.savefig(SUMMARY.parent / "active-learning.png", dpi=100)
    print("chart:", SUMMARY.parent / "active-learning.png")


if __name__ == "__main__":
    main()
