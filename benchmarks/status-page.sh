#!/usr/bin/env bash
# What the status page costs with 50 jobs and a full history (20 real SIGKILL recoveries per job):
# page bytes and server time of launchguard's / (without and with the token) and of a job's page,
# against monit's status page for the same 50 processes in the same run. Not part of `mvn verify`.
# About 2 minutes. Installs Debian's monit when missing (as root).
# Usage: benchmarks/status-page.sh [jobs=50] [rounds=20] [requests=200]
set -euo pipefail
cd "$(dirname "$0")/.."
command -v monit >/dev/null || { apt-get update -qq && apt-get install -y -qq --no-install-recommends monit >/dev/null; }
[[ -f benchmarks/target/benchmarks.jar && -f supervisor/target/launchguard.jar ]] || ./mvnw -q -B -pl benchmarks -am package -DskipTests
echo "machine: nproc=$(nproc) mem=$(free -g | awk '/^Mem:/{print $2}')G cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //') $(java -version 2>&1 | head -1); $(monit -V | head -1)"
echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
java -cp benchmarks/target/benchmarks.jar dev.launchguard.bench.supervisor.StatusPageBench "${1:-50}" "${2:-20}" "${3:-200}" "$(command -v monit)"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
