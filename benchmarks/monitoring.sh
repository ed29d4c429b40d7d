#!/usr/bin/env bash
# What monitoring launchguard costs with 50 jobs: scrape size and series, GET /metrics server time,
# and with Debian's real Prometheus scraping every 5 s and evaluating the mixin's rules
# (monitoring/prometheus_rules.yaml, prometheus_alerts.yaml) every 5 s: scrape duration of
# launchguard against Prometheus's own /metrics in the same run, and each rule group's evaluation
# time. Not part of `mvn verify`. About 3 minutes.
# Usage: benchmarks/monitoring.sh [jobs=50] [seconds=120]
set -euo pipefail
cd "$(dirname "$0")/.."
command -v prometheus >/dev/null || { apt-get update -qq && apt-get install -y -qq --no-install-recommends prometheus >/dev/null; }
[[ -f benchmarks/target/benchmarks.jar && -f supervisor/target/launchguard.jar ]] || ./mvnw -q -B -pl benchmarks -am package -DskipTests
echo "machine: nproc=$(nproc) mem=$(free -g | awk '/^Mem:/{print $2}')G cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //') $(java -version 2>&1 | head -1)"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
java -cp benchmarks/target/benchmarks.jar dev.launchguard.bench.supervisor.MonitoringBench "${1:-50}" "${2:-120}" monitoring
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
