#!/usr/bin/env bash
# Spark benchmark: the inventory job (spark/target/capcert-spark.jar, embedded Spark) over a batch of
# generated captures on 1, 2, ... local cores (taskset and local[N]), with a check that every run names
# the certificates the generator put in.
#
#   bench/spark.sh [options]
#
# Options:
#   --count N        captures to generate (default 8), seeds 1..N
#   --size SIZE      size of each (default 512M; K/M/G suffixes are binary)
#   --cores LIST     numbers of cores to time on (default 1..number of cores, e.g. 1,2)
#   --repeat N       run each N times and report the fastest (default 1)
#   --keep DIR       keep the captures (and reuse them on the next run) and the outputs in DIR
#
# Environment: JAVA (default java).
set -euo pipefail
{ # read to the closing brace before running: editing this file during a run cannot derail it

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
JAR="$ROOT/spark/target/capcert-spark.jar"
JAVA=${JAVA:-java}

count=8 size=512M cores="" repeat=1 keep=""

die() { echo "spark.sh: $*" >&2; exit 2; }
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
[[ -x /usr/bin/time ]] || die "/usr/bin/time (GNU time) is missing: apt-get install time"
command -v python3 >/dev/null || die "python3 is needed for the check"
[[ -f "$JAR" ]] || die "$JAR is missing: build it with mvn verify (or mvn -DskipTests package, then mvn -f spark/pom.xml -DskipTests package)"

if [[ -n "$keep" ]]; then
    mkdir -p "$keep"
    WORK=$(cd "$keep" && pwd)
else
    WORK=$(mktemp -d "${TMPDIR:-/tmp}/capcert-spark.XXXXXX")
    trap 'rm -rf "$WORK"' EXIT
fi

# ---- the captures ------------------------------------------------------------------------------
handshakes=$(python3 -c '
import sys
s = sys.argv[1].upper().rstrip("B")
m = {"K": 2**10, "M": 2**20, "G": 2**30}.get(s[-1:], 1)
print(max(1, round(20000 * float(s[:-1] if s[-1:] in "KMG" else s) * m / 2**30)))' "$size")
captures="$WORK/captures-$size-$count"
mkdir -p "$captures"
for (( seed = 1; seed <= count; seed++ )); do
    capture="$captures/seed$seed.pcap"
    if [[ -s "$capture" && -s "$capture.expected.tsv" ]]; then continue; fi
    echo "generating $(basename "$capture") ($handshakes handshakes)" >&2
    "$JAVA" "$HERE/GenerateCapture.java" --quiet --size "$size" --seed "$seed" --handshakes "$handshakes" --servers 50 \
        --pki "$ROOT/test-captures/pki" -o "$capture"
done
bytes=$(cat "$captures"/*.pcap | wc -c)   # also brings every capture into the page cache

# ---- timing ------------------------------------------------------------------------------------
wall_of() { awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s }' "$1"; }
field_of() { awk -F': ' -v k="$2" '$1 ~ k { print $2 }' "$1"; }
cpu_of() { awk -F': ' '/User time|System time/ { s += $2 } END { print s }' "$1"; }

echo "### capcert inventory on Spark"
echo
echo "- machine: $(nproc) CPUs ($(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)); $("$JAVA" -version 2>&1 | head -n 1)"
echo "- $count captures of $size ($(awk -v b="$bytes" 'BEGIN { printf "%.0f", b / 1e6 }') MB in all), $handshakes handshakes each, read from the page cache"
echo "- command: taskset -c 0-\$((N-1)) java -jar spark/target/capcert-spark.jar inventory --master 'local[N]' --input DIR --output OUT --format json (N cores)"
(( repeat > 1 )) && echo "- fastest of $repeat runs"
echo
printf '| %5s | %8s | %6s | %13s | %7s | %8s | %13s |\n' cores "wall (s)" "MB/s" "MB/s per core" CPU "CPU (s)" "peak RSS (MB)"
printf '|%s|%s|%s|%s|%s|%s|%s|\n' ------: ---------: -------: --------------: --------: ---------: --------------:
status=0
IFS=, read -r -a core_list <<<"$cores"
for n in "${core_list[@]}"; do
    (( n <= $(nproc) )) || die "--cores $n: this machine has $(nproc)"
    best=""
    out="$WORK/inventory-c$n" report="$WORK/inventory-c$n.time"
    for (( i = 1; i <= repeat; i++ )); do
        rc=0
        /usr/bin/time -v -o "$report.run" taskset -c "0-$(( n - 1 ))" "$JAVA" -jar "$JAR" inventory --master "local[$n]" \
            --input "$captures" --output "$out" --format json --force --conf spark.ui.enabled=false \
            >"$WORK/inventory-c$n.out" 2>"$WORK/inventory-c$n.err" || rc=$?
        [[ $rc -eq 0 ]] || { echo "spark.sh: the inventory on $n cores failed (exit $rc)" >&2; tail -n 5 "$WORK/inventory-c$n.err" >&2; exit 1; }
        w=$(wall_of "$report.run")
        if [[ -z "$best" ]] || awk -v a="$w" -v b="$best" 'BEGIN { exit !(a < b) }'; then best=$w; cp "$report.run" "$report"; fi
    done
    printf '| %5s | %8.2f | %6s | %13s | %7s | %8.1f | %13s |\n' "$n" "$best" \
        "$(awk -v b="$bytes" -v w="$best" 'BEGIN { printf "%.0f", b / 1e6 / w }')" \
        "$(awk -v b="$bytes" -v w="$best" -v n="$n" 'BEGIN { printf "%.0f", b / 1e6 / w / n }')" \
        "$(field_of "$report" 'Percent of CPU')" "$(cpu_of "$report")" \
        "$(field_of "$report" 'Maximum resident set size' | awk '{ printf "%.0f", $1 / 1024 }')"
    # The occurrences table against the generator's lists: same server, sender, position and SHA-256, as many times.
    python3 - "$out/occurrences" "$captures" >"$WORK/compare-c$n.txt" <<'EOF' || { status=1; echo "$n cores: the inventory and the generator's lists differ, see $WORK/compare-c$n.txt"; }
import collections, glob, json, os, sys
found = collections.Counter()
for part in glob.glob(os.path.join(sys.argv[1], "*.json")):
    for line in open(part):
        o = json.loads(line)
        found[(o["server"], o["role"], str(o["position"]), o["sha256"])] += 1
expected = collections.Counter()
for tsv in glob.glob(os.path.join(sys.argv[2], "*.expected.tsv")):
    for line in list(open(tsv))[1:]:
        expected[tuple(line.rstrip("\n").split("\t"))] += 1
print(sum(found.values()), "occurrences,", sum(expected.values()), "expected")
sys.exit(0 if found == expected else 1)
EOF
done
echo
(( status == 0 )) && echo "every run names the same $(head -n 1 "$WORK/compare-c${core_list[0]}.txt" | cut -d' ' -f1) certificates as the generator's lists"
[[ -n "$keep" ]] && echo "captures and outputs kept in $WORK"
exit "$status"
}
