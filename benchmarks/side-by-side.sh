#!/usr/bin/env bash
# launchguard side by side with monit, supervisord and blackbox_exporter, in one run on this
# machine (benchmarks/src/main/java/dev/launchguard/bench/sidebyside/): SIGSTOP -> healthy
# (launchguard vs monit; instant-start and 4 s-start targets), kill -9 -> healthy (vs monit and
# supervisord), probe throughput and CPU per 1,000 probes (vs blackbox_exporter), RSS idle and
# busy. Medians with ranges and the ratio launchguard / other; JSON in
# benchmarks/target/side-by-side.json. Loopback only; every process it starts is stopped.
# Not part of `mvn verify`.
#
#   benchmarks/side-by-side.sh [--quick] [--trials 10] [--bound-seconds 30] [--only all|faults|probes]
#                              [--rate 200] [--phase-seconds 5] [--in-flight 100] [--out FILE]
#
# Full run (10 trials): about 12 minutes. --quick (3 trials, 15 s bound, 2 s probe phases): about
# 3.5 minutes, only to prove it works.
# Installs monit, supervisor and prometheus-blackbox-exporter with apt-get when missing (as root),
# without starting their system services: each tool runs in the foreground with its own
# configuration in a temporary folder.
set -euo pipefail
cd "$(dirname "$0")/.."
export ORT_DISABLE_TELEMETRY=1 OPT_OUT_TRACKING=true DJL_OFFLINE=true

missing=()
command -v monit >/dev/null || missing+=(monit)
command -v supervisord >/dev/null || missing+=(supervisor)
command -v prometheus-blackbox-exporter >/dev/null || missing+=(prometheus-blackbox-exporter)
if (( ${#missing[@]} )); then
    echo "installing: ${missing[*]}"
    # A policy-rc.d that says 101 (action forbidden) keeps the packages' maintainer scripts from
    # starting their daemons; removed again afterwards unless one was there before.
    policy=/usr/sbin/policy-rc.d
    own_policy=false
    if [[ ! -e "$policy" ]]; then
        printf '#!/bin/sh\nexit 101\n' > "$policy" && chmod +x "$policy" && own_policy=true
        trap '[[ "$own_policy" == true ]] && rm -f "$policy"' EXIT
    fi
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    if [[ "$own_policy" == true ]]; then
        rm -f "$policy"
        trap - EXIT
    fi
fi

jar=benchmarks/target/benchmarks.jar
if [[ ! -f "$jar" || ! -f supervisor/target/launchguard.jar || ! -f sample-model-server/target/sample-model-server.jar ]] \
    || [[ -n "$(find benchmarks/src supervisor/src -newer "$jar" -print -quit)" ]]; then
    # The launcher (./launchguard) rebuilds when the model server's jar is missing: build it too.
    ./mvnw -q -B -pl sample-model-server,benchmarks -am package -DskipTests
fi

# The launcher records its class-data archive on its first start after a build; do that now, not
# inside the first measured start.
./launchguard --version >/dev/null

# The probe drivers run with the launcher's default JVM options, read from the launcher itself.
driver_opts="$(sed -n '/^default_java_opts="/,/"$/p' launchguard | tr -d '\\\n' | sed 's/^default_java_opts="//; s/"$//')"
[[ -n "$driver_opts" ]] || echo "warning: no default_java_opts found in ./launchguard; probe drivers use the JVM's defaults" >&2

echo "machine: nproc=$(nproc) mem=$(free -g | awk '/^Mem:/{print $2}')G cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //') $(java -version 2>&1 | head -1)"
echo "tools: $(monit -V | head -1); supervisord $(supervisord --version); $(prometheus-blackbox-exporter --version 2>&1 | head -1); $(python3 --version)"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
# In the background so that Ctrl-C or a failure stops it by its PID; its shutdown hook stops the
# tool that is running and kills every target instance.
java -cp "$jar" dev.launchguard.bench.sidebyside.SideBySide --driver-jvm-options "$driver_opts" "$@" &
harness=$!
trap 'kill -TERM "$harness" 2>/dev/null || true; wait "$harness" 2>/dev/null || true; exit 130' INT TERM
trap 'kill -TERM "$harness" 2>/dev/null || true' EXIT
wait "$harness"
trap - EXIT
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
