#!/usr/bin/env bash
# A smoke test for a real Mac: installs launchguard and its demo fleet under launchd, waits for
# every job READY, kickstarts one job with `launchctl kickstart -k` and checks it comes back,
# SIGSTOPs the model server and checks launchguard recovers it, then uninstalls. Exits non-zero on
# the first failure (uninstalling anyway). Takes a few minutes: the model server loads a real model.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

require_macos
model="dev.launchguard.demo.model"
web="dev.launchguard.demo.web"

fail() {
    echo "smoke-test: FAILED: $*" >&2
    exit 1
}

cleanup() {
    "$launchd_dir/uninstall.sh" || echo "smoke-test: uninstall failed" >&2
}
trap cleanup EXIT

status() {
    "$launchguard_bin" status --state-dir "$state_dir" 2>/dev/null
}

# The PID column of `launchguard status` for a label, or "-".
pid_of() {
    status | awk -v label="$1" '$1 == label { print $3 }' || true
}

state_of() {
    status | awk -v label="$1" '$1 == label { print $2 }' || true
}

# Waits (bounded) until `launchguard status` exits 0: every job READY.
await_fleet_ready() {
    local deadline=$((SECONDS + $1))
    until status >/dev/null; do
        ((SECONDS < deadline)) || { status || true; fail "the fleet was not READY within $1 s"; }
        sleep 1
    done
}

# Waits (bounded) until $1 is READY with a PID other than $2.
await_replaced() {
    local label="$1" old="$2" deadline=$((SECONDS + $3)) pid
    while true; do
        pid="$(pid_of "$label")"
        if [[ "$(state_of "$label")" == READY && -n "$pid" && "$pid" != "-" && "$pid" != "$old" ]]; then
            echo "$label is READY again with pid $pid (was $old)"
            return
        fi
        ((SECONDS < deadline)) || fail "$label was not READY with a new process within $3 s (state $(state_of "$label"), pid $pid)"
        sleep 0.5
    done
}

"$launchd_dir/install.sh"
domain="$(agent_domain)"
service_loaded "$domain/$supervisor_label" || domain="user/$(id -u)"

echo "== waiting for the fleet to be READY"
await_fleet_ready 300
status

echo "== launchctl kickstart -k $domain/$web"
old="$(pid_of "$web")"
launchctl kickstart -k "$domain/$web"
await_replaced "$web" "$old" 60

echo "== SIGSTOP the model server"
old="$(pid_of "$model")"
[[ "$old" =~ ^[0-9]+$ ]] || fail "$model has no PID"
kill -s STOP "$old"
await_replaced "$model" "$old" 120
if ps -p "$old" >/dev/null 2>&1; then
    fail "the stopped model server (pid $old) is still there"
fi
await_fleet_ready 60

echo "== smoke test passed; uninstalling"
