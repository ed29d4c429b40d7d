#!/usr/bin/env bash
# Benchmarks the sample model server from outside: cold start to ready (p50/p90 over --runs starts at
# each --warmups value), /v1/embeddings throughput and p50/p99 latency at each --concurrency, peak
# RSS. Prints Markdown for docs/benchmarks.md. Not part of `mvn verify`.
#
#   benchmarks/model-server.sh [--runs 5] [--warmups 0,240] [--concurrency 1,8,32]
#                              [--warm-seconds 5] [--measure-seconds 20] [--heap 512m]
#
# Takes about 3 minutes with the defaults. Run it on a quiet machine: other load skews every number.
set -euo pipefail
cd "$(dirname "$0")/.."
export ORT_DISABLE_TELEMETRY=1 OPT_OUT_TRACKING=true DJL_OFFLINE=true

if [[ ! -f sample-model-server/target/sample-model-server.jar || ! -f benchmarks/target/benchmarks.jar ]]; then
    ./mvnw -q -B -pl sample-model-server,benchmarks -am package -DskipTests
fi

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'),"\
     "$(free -g | awk '/^Mem:/ {print $2}') GiB RAM, $(java -version 2>&1 | head -1)"
echo
exec java -cp benchmarks/target/benchmarks.jar dev.launchguard.bench.model.ModelServerBench \
    --jar sample-model-server/target/sample-model-server.jar "$@"
