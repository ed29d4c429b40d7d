#!/usr/bin/env bash
# Starts the sample model server with the environment every launch must carry: no telemetry, no
# downloads. Arguments go to the server: ./run.sh --port 8080 --warmup 100 --chaos
# JAVA_OPTS overrides the heap (default -Xmx512m). -XX:+ExitOnOutOfMemoryError makes an
# OutOfMemoryError end the process (status 3) instead of leaving a limping JVM.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
jar="$here/target/sample-model-server.jar"
if [[ ! -f "$jar" ]]; then
    echo "run.sh: $jar is missing; build it with: ./mvnw -pl sample-model-server -am package -DskipTests" >&2
    exit 1
fi
export ORT_DISABLE_TELEMETRY=1 OPT_OUT_TRACKING=true DJL_OFFLINE=true
# shellcheck disable=SC2086 # JAVA_OPTS is a list of options
exec java ${JAVA_OPTS:--Xmx512m} -XX:+ExitOnOutOfMemoryError -jar "$jar" "$@"
