#!/usr/bin/env bash
# The JMH suite (benchmarks/src/main/java/dev/launchguard/bench/jmh/): kill -9 -> READY and
# SIGSTOP -> READY of the real sample model server under a real launchguard (SingleShotTime, with
# launchguard's own RespawnRecord as secondary metrics), probe-engine throughput against 100
# loopback HTTP servers, and /metrics scrape throughput with 50 jobs. Writes standard JMH JSON to
# benchmarks/target/jmh-results.json. Not part of `mvn verify`.
#
#   benchmarks/jmh.sh [--quick] [extra JMH options or a benchmark regex]
#
# Full run: about 6 minutes on a quiet 2-core machine. --quick (1 iteration of each, short ones)
# only proves the suite works: about 1.5 minutes, numbers meaningless.
set -euo pipefail
cd "$(dirname "$0")/.."
export ORT_DISABLE_TELEMETRY=1 OPT_OUT_TRACKING=true DJL_OFFLINE=true
export LAUNCHGUARD_LOG_LEVEL="${LAUNCHGUARD_LOG_LEVEL:-WARN}"

quick=()
if [[ "${1:-}" == --quick ]]; then
    shift
    # One warmup and one measured single shot per fault; throughput: 2 s of warmup (a cold prober
    # times out its first rounds), 2 s measured.
    quick=(-wi 1 -i 1 -w 2s -r 2s)
fi

jar=benchmarks/target/benchmarks.jar
model_jar=sample-model-server/target/sample-model-server.jar
if [[ ! -f "$jar" || ! -f "$model_jar" ]] \
    || [[ -n "$(find benchmarks/src supervisor/src -newer "$jar" -print -quit)" ]] \
    || [[ -n "$(find sample-model-server/src -newer "$model_jar" -print -quit)" ]]; then
    ./mvnw -q -B -pl sample-model-server,benchmarks -am package -DskipTests
fi

results="$PWD/benchmarks/target/jmh-results.json"
# JMH's JSON has no room for the machine and the load: they go to a text file beside it as well.
run_info="$PWD/benchmarks/target/jmh-run.txt"
echo "machine: nproc=$(nproc) mem=$(free -g | awk '/^Mem:/{print $2}')G cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //') $(java -version 2>&1 | head -1)" | tee "$run_info"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$run_info"
# JMH runs in the background so that Ctrl-C or a failure stops it by its PID. The host JVM waits
# for its forked JVM, so the fork is stopped first: its shutdown hook stops the launchguard and the
# jobs it started.
java -jar "$jar" -rf json -rff "$results" -prof dev.launchguard.bench.jmh.RespawnProfiler \
    -jvmArgsAppend "-Dlaunchguard.bench.modelJar=$PWD/$model_jar" "${quick[@]}" "$@" &
jmh=$!
stop_jmh() {
    for fork in $(ps -o pid= --ppid "$jmh" 2>/dev/null); do
        kill -TERM "$fork" 2>/dev/null || true
    done
    kill -TERM "$jmh" 2>/dev/null || true
    wait "$jmh" 2>/dev/null || true
}
trap 'stop_jmh; exit 130' INT TERM
trap stop_jmh EXIT
wait "$jmh"
trap - EXIT
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$run_info"
echo "results (JMH JSON): $results; machine and load: $run_info"
