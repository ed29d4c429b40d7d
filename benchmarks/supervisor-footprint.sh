#!/usr/bin/env bash
# launchguard's RSS with 50 jobs and its cold start to first probe, as a separate process run the
# way an operator runs it: once with the JVM's defaults (java -jar), once through the `launchguard`
# launcher (its default JVM options). Jobs are /bin/sleep with HTTP liveness probes against one
# loopback server in the harness. Not part of `mvn verify`. About 90 s.
# Usage: benchmarks/supervisor-footprint.sh [jobs=50] [settle-seconds=20]
set -euo pipefail
cd "$(dirname "$0")/.."
[[ -f benchmarks/target/benchmarks.jar && -f supervisor/target/launchguard.jar ]] || ./mvnw -q -B -pl benchmarks -am package -DskipTests
echo "machine: nproc=$(nproc) mem=$(free -g | awk '/^Mem:/{print $2}')G cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //') $(java -version 2>&1 | head -1)"
bench=(java -cp benchmarks/target/benchmarks.jar dev.launchguard.bench.supervisor.FootprintBench "${1:-50}" "${2:-20}")
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== JVM defaults"
"${bench[@]}" java -jar supervisor/target/launchguard.jar
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== launcher defaults (LAUNCHGUARD_JAVA_OPTS unset)"
env -u LAUNCHGUARD_JAVA_OPTS "${bench[@]}" ./launchguard
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
