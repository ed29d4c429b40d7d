#!/usr/bin/env bash
# Cost per job: launchguard's RSS, idle CPU and time to first probe at 10, 100, 1,000 and 5,000 jobs,
# run through the `launchguard` launcher (its default JVM options) as an operator runs it. Jobs are
# /bin/sleep with HTTP liveness probes at the default policy against one loopback server in the
# harness (FootprintBench). 5,000 is beyond the limit launchguard enforces and must be refused at
# load in one line, never run out of memory. Not part of `mvn verify`. About 10 minutes.
# Every job's liveness interval is INTERVAL (default 4s: 1,000 jobs then ask 250 probes a second,
# within the 500 a launchguard accepts; at the default 500 ms a fleet of more than 250 is refused).
# Usage: [INTERVAL=4s] benchmarks/scale.sh [runs=3] [settle-seconds=40] [fleet sizes...]
set -euo pipefail
cd "$(dirname "$0")/.."
[[ -f benchmarks/target/benchmarks.jar && -f supervisor/target/launchguard.jar ]] || ./mvnw -q -B -pl benchmarks -am package -DskipTests
runs="${1:-3}"
settle="${2:-40}"
shift $(( $# > 2 ? 2 : $# ))
sizes=("$@")
[[ ${#sizes[@]} -gt 0 ]] || sizes=(10 100 1000 5000)
# A fleet of 1,000 sleeping jobs wants 1,000 processes and their descriptors.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
echo "machine: nproc=$(nproc) mem=$(free -g | awk '/^Mem:/{print $2}')G cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //') $(java -version 2>&1 | head -1)"
echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown); liveness interval ${INTERVAL:-4s}"
for jobs in "${sizes[@]}"; do
    for run in $(seq 1 "$runs"); do
        echo "== $jobs jobs, run $run, load before: $(cut -d' ' -f1-3 /proc/loadavg)"
        status=0
        env -u LAUNCHGUARD_JAVA_OPTS java -Dbench.interval="${INTERVAL:-4s}" -cp benchmarks/target/benchmarks.jar \
            dev.launchguard.bench.supervisor.FootprintBench "$jobs" "$settle" ./launchguard || status=$?
        if [[ $status -eq 3 ]]; then
            echo "(refused at load, as the limit says: the line above)"
            break
        elif [[ $status -eq 4 ]]; then
            echo "scale: launchguard exited before the first probe at $jobs jobs (the line above)" >&2
            break
        elif [[ $status -ne 0 ]]; then
            echo "scale: the harness failed (exit $status) at $jobs jobs" >&2
            exit "$status"
        fi
    done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
