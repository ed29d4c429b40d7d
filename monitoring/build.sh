#!/usr/bin/env bash
# Regenerates the mixin's committed output from its jsonnet sources:
#   monitoring/build.sh [OUT_DIR]     (OUT_DIR defaults to monitoring/ itself)
# writes prometheus_alerts.yaml, prometheus_rules.yaml, dashboards_out/*.json and the promtool test
# files tests/*.json (from tests/*.jsonnet) into OUT_DIR.
# Needs jsonnet (Debian package 'jsonnet').
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-$here}"
mkdir -p "$out/dashboards_out" "$out/tests"
cd "$here"
jsonnet -S lib/alerts.jsonnet > "$out/prometheus_alerts.yaml"
jsonnet -S lib/rules.jsonnet > "$out/prometheus_rules.yaml"
rm -f "$out"/dashboards_out/*.json
jsonnet -m "$out/dashboards_out" lib/dashboards.jsonnet > /dev/null
for test in tests/*.jsonnet; do
    jsonnet "$test" > "$out/tests/$(basename "$test" .jsonnet).json"
done
