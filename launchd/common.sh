# Shared by install.sh, uninstall.sh and smoke-test.sh: paths, labels and the launchd domain.
# Sourced, never run. Every launchctl call takes an argument array; nothing is eval'ed.

launchd_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
launchguard_home="$(cd "$launchd_dir/.." && pwd)"
launchguard_bin="$launchguard_home/launchguard"
agents_dir="$HOME/Library/LaunchAgents"
logs_dir="$HOME/Library/Logs/launchguard"
state_dir="${LAUNCHGUARD_STATE_DIR:-$HOME/.launchguard}"
fleet_dir="$state_dir/fleet"
supervisor_label="dev.launchguard.supervisor"
# The demo fleet's jobs, then launchguard: install loads them in this order, uninstall in reverse.
job_labels=(dev.launchguard.demo.model dev.launchguard.demo.web)
# One-shot watchers run by launchd every ten minutes: a second opinion that works while launchguard is down.
watcher_labels=(dev.launchguard.watch.drift dev.launchguard.watch.uptime)
all_labels=("${job_labels[@]}" "$supervisor_label" "${watcher_labels[@]}")

die() {
    echo "$(basename "$0"): $*" >&2
    exit 1
}

require_macos() {
    [[ "$(uname -s)" == Darwin ]] || die "this script drives launchd and runs on macOS only; elsewhere run ./launchguard demo"
}

# The domain for this user's agents, as launchguard's launchctl driver decides it: gui/<uid> in an
# Aqua (GUI) login, user/<uid> otherwise (SSH, headless), where gui/<uid> does not exist.
agent_domain() {
    local uid
    uid="$(id -u)"
    if [[ "$(launchctl managername 2>/dev/null || true)" == Aqua ]]; then
        echo "gui/$uid"
    else
        echo "user/$uid"
    fi
}

# True while launchd still has the service; `launchctl print` exits 113 once it is gone.
service_loaded() {
    launchctl print "$1" >/dev/null 2>&1
}

# bootout returns before the job is gone (see supervisor/src/test/resources/launchctl): poll print, bounded.
bootout_verified() {
    local service="$1" deadline=$((SECONDS + 30))
    if service_loaded "$service"; then
        launchctl bootout "$service" 2>/dev/null || true
    fi
    while service_loaded "$service"; do
        ((SECONDS < deadline)) || { echo "$service is still loaded 30 s after bootout" >&2; return 1; }
        sleep 0.2
    done
}
