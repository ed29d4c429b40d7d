#!/usr/bin/env bash
# Drift watcher: one run of 100 assertions of every kind, median over N runs in one JVM (goal: under
# 200 ms). Not part of `mvn verify`.
# Usage: benchmarks/drift.sh [runs=15]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -pl supervisor,benchmarks -am package -DskipTests
echo "machine: nproc=$(nproc) mem=$(free -g | awk '/^Mem:/{print $2}')G cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
exec java -cp benchmarks/target/benchmarks.jar dev.launchguard.bench.watch.DriftBench "$@"
