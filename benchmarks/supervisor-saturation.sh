#!/usr/bin/env bash
# The sample model server saturated with POST /v1/embeddings for 60 s under a real launchguard at
# the default liveness policy (liveness = one tiny real inference): restarts (goal: 0), health
# states, liveness outcomes and probe counts. Not part of `mvn verify`. About 75 s.
# Usage: benchmarks/supervisor-saturation.sh [seconds=60] [concurrency=8]
set -euo pipefail
cd "$(dirname "$0")/.."
export ORT_DISABLE_TELEMETRY=1 OPT_OUT_TRACKING=true DJL_OFFLINE=true
export LAUNCHGUARD_LOG_LEVEL="${LAUNCHGUARD_LOG_LEVEL:-WARN}"
if [[ ! -f benchmarks/target/benchmarks.jar || ! -f sample-model-server/target/sample-model-server.jar ]]; then
    ./mvnw -q -B -DskipTests package
fi
echo "machine: nproc=$(nproc) mem=$(free -g | awk '/^Mem:/{print $2}')G cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //') $(java -version 2>&1 | head -1)"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
java -cp benchmarks/target/benchmarks.jar dev.launchguard.bench.supervisor.SaturationBench \
    "${1:-60}" "${2:-8}" sample-model-server/target/sample-model-server.jar
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
