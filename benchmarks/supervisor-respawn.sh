#!/usr/bin/env bash
# launchguard end to end: SIGSTOP (wedge) or kill -9 (crash) of a supervised job -> ready again,
# p50/p90/p99/max, with and without the new instance's own start-to-ready time. A real launchguard
# (embedded engine, default liveness policy) runs in the harness JVM. Not part of `mvn verify`.
# Usage: benchmarks/supervisor-respawn.sh stop|kill [trials=30] [python|model]
# About 2.5 s per trial with python, ~6 s with the model server.
set -euo pipefail
cd "$(dirname "$0")/.."
export ORT_DISABLE_TELEMETRY=1 OPT_OUT_TRACKING=true DJL_OFFLINE=true
export LAUNCHGUARD_LOG_LEVEL="${LAUNCHGUARD_LOG_LEVEL:-WARN}"
if [[ ! -f benchmarks/target/benchmarks.jar || ( "${3:-}" == model && ! -f sample-model-server/target/sample-model-server.jar ) ]]; then
    ./mvnw -q -B -DskipTests package
fi
echo "machine: nproc=$(nproc) mem=$(free -g | awk '/^Mem:/{print $2}')G cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //') $(java -version 2>&1 | head -1)"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
java -cp benchmarks/target/benchmarks.jar dev.launchguard.bench.supervisor.RespawnBench \
    "${1:-stop}" "${2:-30}" "${3:-python}" sample-model-server/target/sample-model-server.jar
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
