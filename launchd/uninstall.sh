#!/usr/bin/env bash
# Removes launchguard and its demo fleet from launchd: launchguard first (so it restarts nothing),
# then each job, each `launchctl bootout` verified by polling `launchctl print` until the service is
# gone; then the plists in ~/Library/LaunchAgents. Logs and ~/.launchguard are left in place.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

require_macos
failed=0
for domain in "gui/$(id -u)" "user/$(id -u)"; do
    for ((i = ${#all_labels[@]} - 1; i >= 0; i--)); do
        label="${all_labels[i]}"
        if service_loaded "$domain/$label"; then
            if bootout_verified "$domain/$label"; then
                echo "booted out $domain/$label"
            else
                failed=1
            fi
        fi
    done
done
for label in "${all_labels[@]}"; do
    rm -f "$agents_dir/$label.plist"
done
((failed == 0)) || die "some services are still loaded (see above)"
echo "launchguard and its demo fleet are uninstalled (logs kept in $logs_dir)"
