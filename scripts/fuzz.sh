#!/usr/bin/env bash
# The long fuzzing run: every Jazzer fuzz target in the supervisor for at least RUNS executions
# (or MAX_SECONDS, whichever ends first), one JVM per target, as `./mvnw verify` does for 10 s each.
# Prints, per target, the executions libFuzzer reports, the time taken and the findings. A finding
# fails its target and is written beside the seeds (supervisor/src/test/resources/dev/launchguard/
# .../<Class>Inputs/<method>/crash-*): commit it with the fix, and the unit tests replay it for ever.
# With --keep-corpus the inputs that grew coverage (supervisor/.cifuzz-corpus) are copied beside the
# seeds too, so that `verify` replays them. Not part of `mvn verify`. Loopback only; bounded.
# Usage: scripts/fuzz.sh [--keep-corpus] [runs=100000] [max-seconds=1800] [target...]
set -euo pipefail
cd "$(dirname "$0")/.."
keep=false
if [[ "${1:-}" == "--keep-corpus" ]]; then
    keep=true
    shift
fi
runs="${1:-100000}"
max_seconds="${2:-1800}"
shift $(( $# > 2 ? 2 : $# ))
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=(plist-xml plist-binary config watch-files launchctl api)
./mvnw -q -B -pl supervisor -am test-compile
resources=supervisor/src/test/resources
echo "machine: nproc=$(nproc) $(java -version 2>&1 | head -1); commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
printf '%-14s %-52s %12s %9s %s\n' target class executions seconds findings
failed=0
for target in "${targets[@]}"; do
    class=$(sed -n "/<id>fuzz-$target<\/id>/,/<\/test>/s/.*<test>\(.*\)<\/test>.*/\1/p" supervisor/pom.xml)
    if [[ -z "$class" ]]; then
        echo "fuzz: no fuzz-$target execution in supervisor/pom.xml" >&2
        exit 2
    fi
    inputs="$resources/$(echo "${class%.*}" | tr . /)/${class##*.}Inputs"
    before=$(find "$inputs" -name 'crash-*' 2>/dev/null | wc -l)
    start=$(date +%s)
    status=0
    # The fuzz-* executions pass these to libFuzzer (jazzer.internal.arg.*, after the @FuzzTest's own
    # -max_total_time, so they win); verify runs them with a fixed seed, this script with a random one.
    ./mvnw -q -B -o -pl supervisor "surefire:test@fuzz-$target" \
        -Dlaunchguard.fuzz.seed=0 -Dlaunchguard.fuzz.runs="$runs" \
        -Dlaunchguard.fuzz.seconds="$max_seconds" >"/tmp/launchguard-fuzz-$target.log" 2>&1 || status=$?
    seconds=$(( $(date +%s) - start ))
    output="supervisor/target/fuzz-reports/$class-output.txt"
    # libFuzzer (native) writes its statistics to the forked JVM's stderr, which Maven prints.
    executions=$(grep -aho 'Done [0-9]* runs' "/tmp/launchguard-fuzz-$target.log" | tail -1 | awk '{print $2}')
    after=$(find "$inputs" -name 'crash-*' 2>/dev/null | wc -l)
    findings=$(( after - before ))
    verdict="$findings"
    if [[ $status -ne 0 ]]; then
        failed=1
        verdict="$findings (target failed: /tmp/launchguard-fuzz-$target.log, $output)"
    fi
    printf '%-14s %-52s %12s %9s %s\n' "$target" "$class" "${executions:-?}" "$seconds" "$verdict"
    if $keep; then
        corpus="supervisor/.cifuzz-corpus/$class"
        [[ -d "$corpus" ]] && for method in "$corpus"/*; do
            mkdir -p "$inputs/$(basename "$method")"
            cp -n "$method"/* "$inputs/$(basename "$method")/" 2>/dev/null || true
        done
    fi
done
exit "$failed"
