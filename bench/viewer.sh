#!/usr/bin/env bash
# Viewer benchmark: opens a capture in the real viewer window (headless, on JavaFX's Monocle
# platform) and prints when the progress bar moves, when the table fills, and how long the UI
# thread was ever busy while it read, checked and showed the capture (see
# src/test/java/capcert/ui/ViewerLoadBenchmark.java).
#
#   bench/viewer.sh [--keep DIR] [CAPTURE]
#
# Without CAPTURE, generates a 1 GB capture (20000 handshakes, seed 42) with
# bench/GenerateCapture.java in a temporary folder, or in DIR with --keep (reused when there).
# Needs Maven (the viewer's test classpath: JavaFX, Monocle). Environment: JAVA (default java).
set -euo pipefail
{ # read to the closing brace before running: editing this file during a run cannot derail it

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
JAVA=${JAVA:-java}
keep="" capture=""
while [[ $# -gt 0 ]]; do
    case "$1" in
        --keep) [[ $# -ge 2 ]] || { echo "viewer.sh: --keep needs a folder" >&2; exit 2; }; keep=$2; shift 2 ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        -*) echo "viewer.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
        *) capture=$1; shift ;;
    esac
done

if [[ -n "$keep" ]]; then
    mkdir -p "$keep"; WORK=$(cd "$keep" && pwd)
else
    WORK=$(mktemp -d "${TMPDIR:-/tmp}/capcert-viewer.XXXXXX"); trap 'rm -rf "$WORK"' EXIT
fi
if [[ -z "$capture" ]]; then
    capture="$WORK/bench-1G-seed42-h20000.pcap"
    if [[ ! -s "$capture" ]]; then
        echo "generating $capture" >&2
        "$JAVA" "$HERE/GenerateCapture.java" --quiet --size 1G --seed 42 --handshakes 20000 --servers 50 \
            --pki "$ROOT/test-captures/pki" -o "$capture"
    fi
fi
[[ -f "$capture" ]] || { echo "viewer.sh: no such capture: $capture" >&2; exit 2; }

echo "compiling the viewer and its test classpath (mvn -q test-compile)..." >&2
(cd "$ROOT" && mvn -q test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/classpath.txt") >&2
cat "$capture" >/dev/null   # into the page cache, as the command-line benchmarks read it

"$JAVA" -Dglass.platform=Monocle -Dmonocle.platform=Headless -Dprism.order=sw \
    -cp "$ROOT/target/test-classes:$ROOT/target/classes:$(cat "$WORK/classpath.txt")" \
    capcert.ui.ViewerLoadBenchmark "$capture" 2> >(grep -v "^WARNING: Unsupported JavaFX configuration" >&2)
}
