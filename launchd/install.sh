#!/usr/bin/env bash
# Installs launchguard, its demo fleet and the one-shot drift and uptime watchers as launchd user
# agents on this Mac:
#   renders the plist templates of this folder and of watchers/ (absolute paths filled in), writes
#   drift.yaml and uptime.yaml beside launchguard.yaml (kept when already there), lints the plists with
#   `launchguard plist lint`, copies them to ~/Library/LaunchAgents, then for each job
#   `launchctl enable` and `launchctl bootstrap` into gui/<uid> (user/<uid> over SSH), and installs
#   bash completion for `launchguard` (zsh: see the message it prints).
#
# Usage: launchd/install.sh                 install and start (macOS only)
#        launchd/install.sh --render-only DIR   only render the plists, launchguard.yaml, drift.yaml and uptime.yaml into DIR
#                                               (any OS; used by the tests and to inspect the result)
#        launchd/install.sh --completion-only   only install the shell completion (any OS)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

render_only=""
completion_only=""
if [[ "${1:-}" == "--render-only" ]]; then
    [[ -n "${2:-}" ]] || die "--render-only needs a folder"
    render_only="$2"
elif [[ "${1:-}" == "--completion-only" ]]; then
    completion_only=1
elif [[ $# -gt 0 ]]; then
    die "unknown argument '$1' (usage: install.sh [--render-only DIR | --completion-only])"
fi

find_java_home() {
    if [[ -n "${JAVA_HOME:-}" ]]; then
        echo "$JAVA_HOME"
    elif [[ -x /usr/libexec/java_home ]]; then
        /usr/libexec/java_home
    else
        local java
        java="$(command -v java)" || die "no java found: set JAVA_HOME"
        java="$(cd "$(dirname "$java")" && pwd -P)/$(basename "$java")"
        dirname "$(dirname "$java")"
    fi
}

find_python() {
    local candidate
    for candidate in /usr/bin/python3 /usr/local/bin/python3 /opt/homebrew/bin/python3; do
        [[ -x "$candidate" ]] && { echo "$candidate"; return; }
    done
    die "no python3 found (the demo's web job runs python3 -m http.server)"
}

# Replaces every @KEY@ of the template in $1 and writes $2. Quoted replacements: bash 5.2's
# patsub_replacement would otherwise read '&' in a path as the matched text.
render() {
    local text
    text="$(<"$1")"
    text="${text//@JAVA@/"$java_home/bin/java"}"
    text="${text//@JAVA_HOME@/"$java_home"}"
    text="${text//@PYTHON@/"$python"}"
    text="${text//@LAUNCHGUARD_HOME@/"$launchguard_home"}"
    text="${text//@STATE_DIR@/"$state_dir"}"
    text="${text//@STATE@/"$fleet_dir"}"
    text="${text//@LOGS@/"$logs_dir"}"
    text="${text//@PORT@/9470}"
    # Installed under launchd, the storm guard keeps its defaults (demo --restart-limit is for campaigns).
    text="${text//@HOST_BUDGET@/# hostRestartBudget: default}"
    text="${text//@STORM@/# storm: default}"
    printf '%s\n' "$text" >"$2"
}

# The demo configuration, pointed at launchd: launchd runs the jobs, launchguard watches them,
# and runs the drift and uptime watchers on the files beside it (docs/watchers.md).
render_config() {
    render "$launchd_dir/launchguard.demo.yaml" "$1.tmp"
    sed -e 's|^engine: .*|engine: launchd|' -e "s|^plists: .*|plists: $agents_dir|" "$1.tmp" >"$1"
    rm -f "$1.tmp"
    cat >>"$1" <<'YAML'
watchers:
  drift: { file: drift.yaml, interval: 10m }
  uptime: { file: uptime.yaml, interval: 10m }
YAML
}

# The demo's watcher files; the drift file's relative path to the site is made absolute, since the
# installed copy lives in the state folder, not here.
render_watcher_files() {
    local out="$1"
    sed -e "s|file: \.\./www/|file: $launchd_dir/www/|" "$launchd_dir/watchers/drift.demo.yaml" >"$out/drift.yaml"
    cp "$launchd_dir/watchers/uptime.demo.yaml" "$out/uptime.yaml"
}

# The template of a label: the fleet's in this folder, the watchers' in watchers/.
template_of() {
    if [[ -f "$launchd_dir/watchers/$1.plist" ]]; then
        echo "$launchd_dir/watchers/$1.plist"
    else
        echo "$launchd_dir/$1.plist"
    fi
}

render_all() {
    local out="$1" label
    mkdir -p "$out"
    for label in "${all_labels[@]}"; do
        render "$(template_of "$label")" "$out/$label.plist"
    done
    render_config "$out/launchguard.yaml"
    render_watcher_files "$out"
}

# bash-completion loads ~/.local/share/bash-completion/completions/<command> on first use; zsh runs
# the same script through bashcompinit, sourced from ~/.zshrc.
install_completion() {
    local dir="${XDG_DATA_HOME:-$HOME/.local/share}/bash-completion/completions"
    mkdir -p "$dir"
    "$launchguard_bin" completion bash >"$dir/launchguard.tmp"
    mv "$dir/launchguard.tmp" "$dir/launchguard"
    echo "installed bash completion: $dir/launchguard"
    echo "  zsh: add 'source <(\"$launchguard_bin\" completion zsh)' to ~/.zshrc"
}

if [[ -n "$completion_only" ]]; then
    install_completion
    exit 0
fi

java_home="$(find_java_home)"
python="$(find_python)"

if [[ -n "$render_only" ]]; then
    render_all "$render_only"
    echo "rendered ${#all_labels[@]} plists, launchguard.yaml, drift.yaml and uptime.yaml into $render_only"
    exit 0
fi

require_macos
staging="$(mktemp -d)"
trap 'rm -rf "$staging"' EXIT
mkdir -p "$agents_dir" "$logs_dir" "$fleet_dir/logs"

# The launcher builds the jars when they are missing; the model plist's lint needs the jar to exist.
"$launchguard_bin" --version >/dev/null
render_all "$staging"
"$launchguard_bin" plist lint "$staging"/*.plist || die "the rendered plists do not lint clean; nothing was installed"
cp "$staging/launchguard.yaml" "$fleet_dir/launchguard.yaml"
# The watcher files are the operator's to edit: a reinstall keeps them.
for file in drift.yaml uptime.yaml; do
    [[ -e "$fleet_dir/$file" ]] || cp "$staging/$file" "$fleet_dir/$file"
done

domain="$(agent_domain)"
for label in "${all_labels[@]}"; do
    plist="$agents_dir/$label.plist"
    # Reinstalling: take the old job out first (verified), so bootstrap does not fail with "already loaded".
    bootout_verified "$domain/$label"
    install -m 0644 "$staging/$label.plist" "$plist"
    # launchd refuses to bootstrap a disabled service (exit 119/5): enable it first.
    launchctl enable "$domain/$label"
    if ! launchctl bootstrap "$domain" "$plist"; then
        if [[ "$domain" == gui/* ]]; then
            # No GUI session after all (exit 125): agents live in user/<uid>, as the launchctl driver falls back.
            domain="user/$(id -u)"
            launchctl enable "$domain/$label"
            launchctl bootstrap "$domain" "$plist" || die "launchctl bootstrap $domain $plist failed"
        else
            die "launchctl bootstrap $domain $plist failed"
        fi
    fi
    echo "loaded $label into $domain"
done

install_completion
echo "launchguard is running under launchd ($domain); logs in $logs_dir"
echo "  status:    $launchguard_bin status [LABEL]"
echo "  logs:      $launchguard_bin logs LABEL [-f] [--stderr]"
echo "  page:      http://127.0.0.1:9470/"
echo "  uninstall: $launchd_dir/uninstall.sh"
