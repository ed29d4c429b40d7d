#!/usr/bin/env bash
# Embedded engine: kill -9 of a KeepAlive job that ran longer than its ThrottleInterval -> new PID
# and -> port accepting again, p50/p90/p99/max. Not part of `mvn verify`.
# Usage: benchmarks/engine-respawn.sh [kills=200] [port=18931] [throttleSeconds=1]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -pl supervisor,benchmarks -am package -DskipTests
echo "machine: nproc=$(nproc) mem=$(free -g | awk '/^Mem:/{print $2}')G cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
exec java -cp benchmarks/target/benchmarks.jar dev.launchguard.bench.engine.EngineRespawnBench "$@"
