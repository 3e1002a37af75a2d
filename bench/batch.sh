#!/usr/bin/env bash
# Batch benchmark: one `capcert list` over a batch of captures, run as a user would (no --threads:
# capcert reads as many captures at once as it has cores) on 1, 2, ... up to all of the machine's
# cores (taskset), with a check that every run names the certificates the generator put in.
#
#   bench/batch.sh [options]
#
# Options:
#   --count N        captures to generate (default 8), seeds 1..N
#   --size SIZE      size of each (default 256M; K/M/G suffixes are binary)
#   --cores LIST     numbers of cores to time on (default 1..number of cores, e.g. 1,2)
#   --repeat N       run each N times and report the fastest (default 1)
#   --keep DIR       keep the captures (and reuse them on the next run) and the outputs in DIR
#
# Environment: JAVA (default java).
set -euo pipefail
{ # read to the closing brace before running: editing this file during a run cannot derail it

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
JAR="$ROOT/target/capcert.jar"
JAVA=${JAVA:-java}

count=8 size=256M cores="" repeat=1 keep=""

die() { echo "batch.sh: $*" >&2; exit 2; }
need_value() { [[ $# -ge 2 && -n "$2" ]] || die "$1 needs a value"; }

while [[ $# -gt 0 ]]; do
    case "$1" in
        --count) need_value "$@"; count=$2; shift 2 ;;
        --size) need_value "$@"; size=$2; shift 2 ;;
        --cores) need_value "$@"; cores=$2; shift 2 ;;
        --repeat) need_value "$@"; repeat=$2; shift 2 ;;
        --keep) need_value "$@"; keep=$2; shift 2 ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) die "unknown argument $1 (see --help)" ;;
    esac
done
[[ "$count" =~ ^[1-9][0-9]*$ ]] || die "--count needs a positive number"
[[ "$repeat" =~ ^[1-9][0-9]*$ ]] || die "--repeat needs a positive number"
[[ -n "$cores" ]] || cores=$(seq -s, 1 "$(nproc)")
[[ "$cores" =~ ^[1-9][0-9]*(,[1-9][0-9]*)*$ ]] || die "--cores wants a list such as 1,2"
command -v taskset >/dev/null || die "taskset is missing: apt-get install util-linux"

if [[ -n "$keep" ]]; then
    mkdir -p "$keep"
    WORK=$(cd "$keep" && pwd)
else
    WORK=$(mktemp -d "${TMPDIR:-/tmp}/capcert-batch.XXXXXX")
    trap 'rm -rf "$WORK"' EXIT
fi
[[ -x /usr/bin/time ]] || die "/usr/bin/time (GNU time) is missing: apt-get install time"
command -v python3 >/dev/null || die "python3 is needed for the check"
if [[ ! -f "$JAR" ]]; then
    echo "building $JAR (mvn -q -DskipTests package)..." >&2
    (cd "$ROOT" && mvn -q -DskipTests package) >&2
fi

# ---- the captures ------------------------------------------------------------------------------
handshakes=$(python3 -c '
import sys
s = sys.argv[1].upper().rstrip("B")
m = {"K": 2**10, "M": 2**20, "G": 2**30}.get(s[-1:], 1)
print(max(1, round(20000 * float(s[:-1] if s[-1:] in "KMG" else s) * m / 2**30)))' "$size")
mkdir -p "$WORK/captures"
for (( seed = 1; seed <= count; seed++ )); do
    capture="$WORK/captures/batch-$size-seed$seed.pcap"
    if [[ -s "$capture" && -s "$capture.expected.tsv" ]]; then continue; fi
    echo "generating $(basename "$capture") ($handshakes handshakes)" >&2
    "$JAVA" "$HERE/GenerateCapture.java" --quiet --size "$size" --seed "$seed" --handshakes "$handshakes" --servers 50 \
        --pki "$ROOT/test-captures/pki" -o "$capture"
done
# Files of an earlier, larger --count are left out: the folder holds exactly what is timed.
captures=()
for (( seed = 1; seed <= count; seed++ )); do captures+=("$WORK/captures/batch-$size-seed$seed.pcap"); done
expected="$WORK/expected-all.tsv"
{ echo -e "server_ip:port\tsender\tposition\tsha256"; for c in "${captures[@]}"; do tail -n +2 "$c.expected.tsv"; done; } >"$expected"
bytes=$(cat "${captures[@]}" | wc -c)   # also brings every capture into the page cache

# ---- timing ------------------------------------------------------------------------------------
wall_of() { awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s }' "$1"; }
field_of() { awk -F': ' -v k="$2" '$1 ~ k { print $2 }' "$1"; }

echo "### capcert batch benchmark"
echo
echo "- machine: $(nproc) CPUs ($(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)); $("$JAVA" -version 2>&1 | head -n 1)"
echo "- $count captures of $size ($(awk -v b="$bytes" 'BEGIN { printf "%.0f", b / 1e6 }') MB in all), $handshakes handshakes each, read from the page cache"
echo "- command: taskset -c 0-\$((N-1)) java -XX:TieredStopAtLevel=1 -jar target/capcert.jar list --json -q CAPTURE... (N cores)"
(( repeat > 1 )) && echo "- fastest of $repeat runs"
echo
printf '| %7s | %8s | %8s | %7s | %7s | %13s |\n' cores "wall (s)" "MB/s" speedup CPU "peak RSS (MB)"
printf '|%s|%s|%s|%s|%s|%s|\n' ---------: ---------: ---------: --------: --------: ---------------:
status=0 base=""
IFS=, read -r -a core_list <<<"$cores"
for n in "${core_list[@]}"; do
    (( n <= $(nproc) )) || die "--cores $n: this machine has $(nproc)"
    best=""
    for (( i = 1; i <= repeat; i++ )); do
        out="$WORK/list-c$n.json" report="$WORK/list-c$n.time"
        rc=0
        /usr/bin/time -v -o "$report.run" taskset -c "0-$(( n - 1 ))" "$JAVA" -XX:TieredStopAtLevel=1 -jar "$JAR" list --json -q "${captures[@]}" \
            >"$out" 2>"$WORK/list-c$n.err" || rc=$?
        [[ $rc -eq 0 ]] || { echo "batch.sh: capcert list on $n cores failed (exit $rc)" >&2; tail -n 5 "$WORK/list-c$n.err" >&2; exit 1; }
        w=$(wall_of "$report.run")
        if [[ -z "$best" ]] || awk -v a="$w" -v b="$best" 'BEGIN { exit !(a < b) }'; then best=$w; cp "$report.run" "$report"; fi
    done
    [[ -n "$base" ]] || base=$best
    printf '| %7s | %8.2f | %8s | %7s | %7s | %13s |\n' "$n" "$best" \
        "$(awk -v b="$bytes" -v w="$best" 'BEGIN { printf "%.0f", b / 1e6 / w }')" \
        "$(awk -v a="$base" -v w="$best" 'BEGIN { printf "%.2fx", a / w }')" \
        "$(field_of "$report" 'Percent of CPU')" \
        "$(field_of "$report" 'Maximum resident set size' | awk '{ printf "%.0f", $1 / 1024 }')"
    python3 "$HERE/compare.py" --capcert "$out" --expected "$expected" >"$WORK/compare-c$n.txt" || {
        status=1; echo "$n cores: capcert and the expected lists differ, see $WORK/compare-c$n.txt"; }
done
echo
(( status == 0 )) && echo "every run names the same $(( $(wc -l <"$expected") - 1 )) certificates as the generator's lists"
[[ -n "$keep" ]] && echo "captures and outputs kept in $WORK"
exit "$status"
}
