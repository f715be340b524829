#!/usr/bin/env bash
# The embedded default: the local stack (Kafka broker + S3 server), the three services and the web console on this
# machine.
#
#   deploy/semisup.sh demo [--no-build] [options]   the main job: up, then import a dataset, train, serve, classify
#                                                   (options: --data DIR --method M --epochs N --image-size N ...;
#                                                   see: java -jar cli/target/semisup-cli.jar demo --help)
#   deploy/semisup.sh up [--no-build]   build, start everything, wait until every service reports UP
#   deploy/semisup.sh status            what runs, with its URLs
#   deploy/semisup.sh down              stop everything, leaving no process behind
#   deploy/semisup.sh cli ARGS...       the command-line client against this platform (import, train, watch, classify,
#                                       suggest, label, key), with the admin's API key
#
# Settings (environment): SEMISUP_RUN_DIR (PID files, logs, data; default ./run), SEMISUP_KAFKA_PORT (9092),
# SEMISUP_S3_PORT (9000), SEMISUP_DATASET_PORT (8081), SEMISUP_TRAINER_PORT (8082), SEMISUP_INFERENCE_PORT (8083),
# SEMISUP_CONSOLE_PORT (8084), SEMISUP_TRAINER_MEMORY (what the trainer process may use in all, heap and native: 6g;
# it sizes both, see MemoryLimits in the trainer-service), SEMISUP_JAVA_OPTS (extra JVM options for the services),
# SEMISUP_START_TIMEOUT (seconds, 180).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RUN_DIR=${SEMISUP_RUN_DIR:-$ROOT/run}
KAFKA_PORT=${SEMISUP_KAFKA_PORT:-9092}
S3_PORT=${SEMISUP_S3_PORT:-9000}
START_TIMEOUT=${SEMISUP_START_TIMEOUT:-180}
SERVICES=(dataset-service trainer-service inference-service console)

# The trainer's memory is set by its budget alone: a quarter for the heap, the rest sized from it at startup for ND4J's
# arrays (MemoryLimits). The other services are plain Java.
java_memory() {
  case $1 in
    trainer-service) echo "-XX:MaxRAM=${SEMISUP_TRAINER_MEMORY:-6g} -XX:MaxRAMPercentage=25" ;;
    console) echo "-Xmx256m" ;;
    *) echo "-Xmx512m" ;;
  esac
}

# glibc's allocator for the trainer: large arrays from the heap instead of a fresh mmap (and page faults) per
# allocation, one arena, no automatic trimming (the trainer trims after each job). MobileNetV1 α 1.0 at 128x128
# trains 2.5 times as fast with it here (README, training speed).
TRAINER_MALLOC=glibc.malloc.arena_max=1:glibc.malloc.mmap_threshold=2147483648:glibc.malloc.trim_threshold=4294967296
# OpenMP's idle threads (oneDNN's, in libgomp) spin 10,000 times before they sleep, not libgomp's 300,000: between
# two native ops the spinning thread took a core from the Java side of the step (batch norm, the data pipeline).
# FixMatch on cifar10-ssl trains about 15% more images per second with it (README, training speed). Only the trainer
# runs OpenMP; every service gets the value (an empty one would mean no spinning at all to libgomp).
OPENMP_SPIN=${GOMP_SPINCOUNT:-10000}

# API keys (README, security): the key file every service reads, the admin's key for the CLI, the trainer-service's
# own key (role trainer) for its calls to the dataset-service. Created on the first start, owner-only; keep them.
SECURITY_DIR=$RUN_DIR/security
KEYS_FILE=$SECURITY_DIR/api-keys
ADMIN_KEY=$SECURITY_DIR/admin.key
TRAINER_KEY=$SECURITY_DIR/trainer-service.key

service_port() {
  case $1 in
    dataset-service) echo "${SEMISUP_DATASET_PORT:-8081}" ;;
    trainer-service) echo "${SEMISUP_TRAINER_PORT:-8082}" ;;
    inference-service) echo "${SEMISUP_INFERENCE_PORT:-8083}" ;;
    console) echo "${SEMISUP_CONSOLE_PORT:-8084}" ;;
  esac
}

log() { printf '[semisup] %s\n' "$*"; }
die() { printf '[semisup] error: %s\n' "$*" >&2; exit 1; }

pid_of() {
  local file="$RUN_DIR/pids/$1.pid"
  [[ -f $file ]] && cat "$file"
}

alive() {
  local pid
  pid=$(pid_of "$1") || return 1
  [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null
}

# Starts a process in the background with its own log and PID file.
launch() {
  local name=$1; shift
  mkdir -p "$RUN_DIR/pids" "$RUN_DIR/logs"
  nohup "$@" >"$RUN_DIR/logs/$name.log" 2>&1 &
  echo $! >"$RUN_DIR/pids/$name.pid"
}

fail_start() {
  local name=$1 reason=$2
  log "$name $reason; last lines of $RUN_DIR/logs/$name.log:"
  tail -n 30 "$RUN_DIR/logs/$name.log" >&2 || true
  stop_all
  exit 1
}

wait_until() {
  local name=$1 check=$2 waited=0
  until $check; do
    alive "$name" || fail_start "$name" "exited during startup"
    (( waited++ < START_TIMEOUT )) || fail_start "$name" "did not come up within ${START_TIMEOUT}s"
    sleep 1
  done
}

stack_ready() { grep -q '^READY' "$RUN_DIR/logs/local-stack.log" 2>/dev/null; }

# Up = alive (a service that cannot reach Kafka or object storage fails its startup). The inference-service is only
# ready once a model serves, so readiness is reported by status, not waited for.
healthy() {
  curl -sf "http://127.0.0.1:$(service_port "$1")/q/health/live" 2>/dev/null | grep -q '"status": *"UP"'
}

readiness() {
  local body overall
  body=$(curl -s "http://127.0.0.1:$(service_port "$1")/q/health/ready" 2>/dev/null)
  overall=$(sed -n 's/.*"status": *"\([A-Z]*\)".*/\1/p' <<<"$body" | head -1)
  if [[ $overall == UP ]]; then
    echo "ready"
  else
    echo "not ready ($(grep -o '"reason": *"[^"]*"' <<<"$body" | head -1 | cut -d'"' -f4))"
  fi
}

build() {
  log "building (./mvnw package -DskipTests) ..."
  (cd "$ROOT" && ./mvnw -B -q -DskipTests package) || die "build failed"
}

check_built() {
  [[ -f $ROOT/local-stack/target/local-stack.jar ]] || die "local-stack is not built: run without --no-build"
  [[ -f $ROOT/cli/target/semisup-cli.jar ]] || die "the cli is not built: run without --no-build"
  for service in "${SERVICES[@]}"; do
    [[ -f $ROOT/$service/target/quarkus-app/quarkus-run.jar ]] || die "$service is not built: run without --no-build"
  done
}

# A key whose file is missing (never made, or deleted) is made anew; its old hash, if any, is revoked first.
create_key() { # name role file
  [[ -f $3 ]] && return
  local keys=(java -jar "$ROOT/cli/target/semisup-cli.jar" key)
  "${keys[@]}" revoke "$1" --keys-file "$KEYS_FILE" >/dev/null 2>&1 || true
  "${keys[@]}" add "$1" "$2" --keys-file "$KEYS_FILE" --out "$3" >/dev/null
  log "created the API key of $1 ($2) in $3, its hash in $KEYS_FILE"
}

create_keys() {
  (umask 077 && mkdir -p "$SECURITY_DIR")
  create_key admin admin "$ADMIN_KEY"
  create_key trainer-service trainer "$TRAINER_KEY"
}

up() {
  [[ ${1:-} == --no-build ]] || build
  check_built
  command -v curl >/dev/null || die "curl is needed for the health checks (apt-get install curl)"
  mkdir -p "$RUN_DIR/data"
  create_keys

  if alive local-stack; then
    log "local stack already running"
  else
    log "starting the local stack: Kafka on 127.0.0.1:$KAFKA_PORT, S3 on 127.0.0.1:$S3_PORT"
    launch local-stack java -Xmx768m -jar "$ROOT/local-stack/target/local-stack.jar" \
      "$RUN_DIR/data" "$KAFKA_PORT" "$S3_PORT"
    wait_until local-stack stack_ready
  fi

  for service in "${SERVICES[@]}"; do
    if alive "$service"; then
      log "$service already running"
      continue
    fi
    log "starting $service on port $(service_port "$service")"
    # shellcheck disable=SC2086 # SEMISUP_JAVA_OPTS is a list of options
    KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$KAFKA_PORT \
    MINIO_ENDPOINT=http://127.0.0.1:$S3_PORT \
    MINIO_ACCESS_KEY=${MINIO_ACCESS_KEY:-semisup} \
    MINIO_SECRET_KEY=${MINIO_SECRET_KEY:-semisup-secret} \
    DATASET_SERVICE_URL=http://127.0.0.1:$(service_port dataset-service) \
    TRAINER_SERVICE_URL=http://127.0.0.1:$(service_port trainer-service) \
    INFERENCE_SERVICE_URL=http://127.0.0.1:$(service_port inference-service) \
    SEMISUP_SECURITY_API_KEYS_FILE=$KEYS_FILE \
    SEMISUP_DATASET_SERVICE_KEY_FILE=$TRAINER_KEY \
    QUARKUS_HTTP_PORT=$(service_port "$service") \
    GLIBC_TUNABLES=$([ "$service" = trainer-service ] && echo "$TRAINER_MALLOC") \
    GOMP_SPINCOUNT=$OPENMP_SPIN \
      launch "$service" java $(java_memory "$service") ${SEMISUP_JAVA_OPTS:-} -jar "$ROOT/$service/target/quarkus-app/quarkus-run.jar"
  done
  for service in "${SERVICES[@]}"; do
    wait_until "$service" "healthy $service"
    log "$service is UP"
  done
  status
}

status() {
  local any=0
  if alive local-stack; then
    any=1
    log "local-stack  pid $(pid_of local-stack)  kafka 127.0.0.1:$KAFKA_PORT  s3 http://127.0.0.1:$S3_PORT"
  fi
  for service in "${SERVICES[@]}"; do
    alive "$service" || continue
    any=1
    local url="http://127.0.0.1:$(service_port "$service")"
    if [[ $service == console ]]; then
      log "console  pid $(pid_of console)  $url/console  (the web console: sign in with the admin's API key below)"
      continue
    fi
    log "$service  pid $(pid_of "$service")  $url  $(readiness "$service")  (health $url/q/health, API $url/q/swagger-ui, metrics $url/q/metrics)"
  done
  (( any )) || log "nothing is running"
  if [[ -f $ADMIN_KEY ]]; then log "API key (admin): $ADMIN_KEY; send it as the X-API-Key header"; fi
  log "logs: $RUN_DIR/logs"
}

# Stops one process: TERM, then KILL if it has not gone after 30 s.
stop_one() {
  local name=$1 pid
  pid=$(pid_of "$name") || return 0
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 60); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.5
    done
    if kill -0 "$pid" 2>/dev/null; then
      log "$name (pid $pid) ignored TERM; killing it"
      kill -KILL "$pid" 2>/dev/null || true
    fi
    log "stopped $name"
  fi
  rm -f "$RUN_DIR/pids/$name.pid"
}

stop_all() {
  # Services first, so they do not log connection errors while the stack goes away.
  for service in "${SERVICES[@]}"; do
    stop_one "$service"
  done
  stop_one local-stack
}

# The command-line client, pointed at this platform's ports, with the admin's key.
cli() {
  SEMISUP_API_KEY_FILE=$ADMIN_KEY \
  SEMISUP_SECURITY_API_KEYS_FILE=$KEYS_FILE \
  SEMISUP_DATASET_URL=http://127.0.0.1:$(service_port dataset-service) \
  SEMISUP_TRAINER_URL=http://127.0.0.1:$(service_port trainer-service) \
  SEMISUP_INFERENCE_URL=http://127.0.0.1:$(service_port inference-service) \
    java -jar "$ROOT/cli/target/semisup-cli.jar" "$@"
}

demo() {
  local build_flag=()
  if [[ ${1:-} == --no-build ]]; then build_flag=(--no-build); shift; fi
  up "${build_flag[@]}"
  log "running the main job (cli demo $*)"
  cli demo "$@" || { log "the main job failed; the platform keeps running for a look (logs: $RUN_DIR/logs)"; exit 1; }
  status
  log "the platform keeps running for you to explore: the web console at http://127.0.0.1:$(service_port console)/console"
  log "(sign in with the key in $ADMIN_KEY), the APIs at the URLs above; stop it with: deploy/semisup.sh down"
}

case ${1:-} in
  demo) shift; demo "$@" ;;
  cli) shift; cli "$@" ;;
  up) shift; up "$@" ;;
  down) stop_all ;;
  status) status ;;
  *) sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
