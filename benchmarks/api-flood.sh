#!/usr/bin/env bash
# The API flood of issue 14: launchguard at a 256-descriptor limit supervising three sites while 300
# slow connections trickle header bytes for 25 s; protected (the defaults) and unprotected (no cap,
# no deadline) in the same run. Loopback only, bounded, stops by itself (about 1 min a trial and
# setting). Needs prlimit (util-linux) and python3. Not part of `mvn verify`.
# Usage: benchmarks/api-flood.sh [trials=3] [connections=300] [seconds=25]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -pl benchmarks -am package -DskipTests
echo "machine: nproc=$(nproc) mem=$(free -g | awk '/^Mem:/{print $2}')G cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //') $(java -version 2>&1 | head -1)"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
java -cp benchmarks/target/benchmarks.jar dev.launchguard.bench.supervisor.ApiFloodBench supervisor/target/launchguard.jar "$@"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
