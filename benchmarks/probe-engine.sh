#!/usr/bin/env bash
# launchguard's probe engine alone against 100 real HTTP servers on 127.0.0.1 (a separate JVM):
# probes/s at saturation and at the default 500 ms interval, CPU seconds per 1,000 probes.
# Not part of `mvn verify`. About 60 s.
# Usage: benchmarks/probe-engine.sh [endpoints=100] [seconds=15]
set -euo pipefail
cd "$(dirname "$0")/.."
[[ -f benchmarks/target/benchmarks.jar ]] || ./mvnw -q -B -pl benchmarks -am package -DskipTests
echo "machine: nproc=$(nproc) mem=$(free -g | awk '/^Mem:/{print $2}')G cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //') $(java -version 2>&1 | head -1)"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
java -cp benchmarks/target/benchmarks.jar dev.launchguard.bench.supervisor.ProbeBench "${1:-100}" "${2:-15}"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
