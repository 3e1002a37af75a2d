#!/usr/bin/env bash
# End-to-end benchmark: capcert list / export against tshark on one capture, with a check that
# all of them (and the generator's expected list) name the same certificates.
#
#   bench/run.sh [options] [CAPTURE]
#
# Without CAPTURE, generates one with bench/GenerateCapture.java (1 GB, seed 42, 20000 handshakes
# per GB over 50 servers) in a temporary folder, removed at the end unless --keep.
#
# Options:
#   --scan-only        capture without any TLS (--handshakes 0): times capcert list alone, the pure
#                      read + decode rate; checks that nothing was found
#   --xmx SIZE         passed to capcert's JVM as -XmxSIZE (e.g. 256m, to check flat memory)
#   --size SIZE        size of the generated capture (default 1G; K/M/G suffixes are binary)
#   --format F         pcap (default) or pcapng, for the generated capture
#   --seed N           generator seed (default 42)
#   --handshakes N     TLS handshakes in the generated capture (default 20000 per GB)
#   --repeat N         run each command (capcert's and tshark) N times and report the fastest of
#                      each (default 1): on a machine whose speed drifts, one tshark run against
#                      the fastest of several capcert runs would favour capcert
#   --no-tshark        skip tshark (capcert is then checked against the expected list only)
#   --tshark-http-body leave tshark's HTTP body reassembly on (its default; off by default here:
#                      it is not needed to find certificates and makes tshark ~10x slower on the
#                      generator's large plaintext HTTP bodies)
#   --no-export        skip capcert export
#   --tls-ports LIST   ports tshark must decode as TLS (default: those of CAPTURE.expected.tsv,
#                      else 5061,7001,8443,9443,10443,30001)
#   --tls13 P          percent of the generated capture's TLS connections that are TLS 1.3 (default
#                      0), their secrets in CAPTURE.keys; whenever CAPTURE.keys exists, capcert gets
#                      --keylog CAPTURE.keys and tshark -o tls.keylog_file:CAPTURE.keys
#   --keep DIR         keep the generated capture and every output in DIR
#
# Environment: JAVA (default java), TSHARK (default tshark).
set -euo pipefail
{ # read to the closing brace before running: editing this file during a run cannot derail it

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
JAR="$ROOT/target/capcert.jar"
JAVA=${JAVA:-java}
TSHARK=${TSHARK:-tshark}

scan_only=0 xmx="" size=1G format=pcap seed=42 handshakes="" repeat=1 tshark_on=1 export_on=1 http_body=0
tls_ports="" keep="" capture="" tls13=0

die() { echo "run.sh: $*" >&2; exit 2; }
need_value() { [[ $# -ge 2 && -n "$2" ]] || die "$1 needs a value"; }

while [[ $# -gt 0 ]]; do
    case "$1" in
        --scan-only) scan_only=1; shift ;;
        --xmx) need_value "$@"; xmx=$2; shift 2 ;;
        --size) need_value "$@"; size=$2; shift 2 ;;
        --format) need_value "$@"; format=$2; shift 2 ;;
        --seed) need_value "$@"; seed=$2; shift 2 ;;
        --handshakes) need_value "$@"; handshakes=$2; shift 2 ;;
        --repeat) need_value "$@"; repeat=$2; shift 2 ;;
        --no-tshark) tshark_on=0; shift ;;
        --no-export) export_on=0; shift ;;
        --tshark-http-body) http_body=1; shift ;;
        --tls-ports) need_value "$@"; tls_ports=$2; shift 2 ;;
        --keep) need_value "$@"; keep=$2; shift 2 ;;
        --tls13) need_value "$@"; tls13=$2; shift 2 ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        -*) die "unknown option $1 (see --help)" ;;
        *) [[ -z "$capture" ]] || die "one capture only"; capture=$1; shift ;;
    esac
done
[[ "$format" == pcap || "$format" == pcapng ]] || die "--format pcap|pcapng"
[[ "$repeat" =~ ^[1-9][0-9]*$ ]] || die "--repeat needs a positive number"
[[ -z "$xmx" || "$xmx" =~ ^[0-9]+[kKmMgG]?$ ]] || die "--xmx wants a JVM size such as 256m"
(( scan_only )) && { tshark_on=0; export_on=0; }

if [[ -n "$keep" ]]; then
    mkdir -p "$keep"
    WORK=$(cd "$keep" && pwd)
else
    WORK=$(mktemp -d "${TMPDIR:-/tmp}/capcert-bench.XXXXXX")
    trap 'rm -rf "$WORK"' EXIT
fi
trap 'echo "run.sh: interrupted" >&2; exit 130' INT TERM

# ---- tools -------------------------------------------------------------------------------------
if [[ ! -x /usr/bin/time ]]; then
    if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
        echo "installing GNU time (/usr/bin/time)..." >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null
    else
        die "/usr/bin/time (GNU time) is missing: apt-get install time"
    fi
fi
command -v python3 >/dev/null || die "python3 is needed for the comparison"
if (( tshark_on )); then command -v "$TSHARK" >/dev/null || die "tshark not found (or use --no-tshark)"; fi
if [[ ! -f "$JAR" ]]; then
    echo "building $JAR (mvn -q -DskipTests package)..." >&2
    (cd "$ROOT" && mvn -q -DskipTests package) >&2
fi

# ---- the capture -------------------------------------------------------------------------------
if [[ -z "$capture" ]]; then
    if [[ -z "$handshakes" ]]; then
        handshakes=$(python3 -c '
import sys
s = sys.argv[1].upper().rstrip("B")
m = {"K": 2**10, "M": 2**20, "G": 2**30, "T": 2**40}.get(s[-1:], 1)
v = float(s[:-1] if s[-1:] in "KMGT" else s) * m
print(max(1, round(20000 * v / 2**30)))' "$size")
    fi
    (( scan_only )) && handshakes=0
    capture="$WORK/bench-$size-seed$seed-h$handshakes$( (( tls13 )) && echo "-tls13-$tls13").$format"
    gen=("$JAVA" "$HERE/GenerateCapture.java" --size "$size" --seed "$seed" --handshakes "$handshakes"
         --servers 50 --format "$format" --pki "$ROOT/test-captures/pki" -o "$capture")
    (( tls13 )) && gen+=(--tls13 "$tls13")
    if [[ -n "$keep" && -s "$capture" && -s "$capture.expected.tsv" ]]; then
        echo "reusing $capture (same arguments give the same file)" >&2
    else
        echo "generating: ${gen[*]}" >&2
        "${gen[@]}"
    fi
fi
[[ -f "$capture" ]] || die "no such capture: $capture"
capture=$(cd "$(dirname "$capture")" && pwd)/$(basename "$capture")
expected="$capture.expected.tsv"
[[ -f "$expected" ]] || expected=""
keylog=()
[[ -f "$capture.keys" ]] && keylog=(--keylog "$capture.keys")
bytes=$(stat -c %s "$capture")

if [[ -z "$tls_ports" ]]; then
    if [[ -n "$expected" ]]; then
        tls_ports=$(awk -F'\t' 'NR > 1 { n = split($1, a, ":"); print a[n] }' "$expected" | sort -un | paste -sd, -)
    fi
    [[ -n "$tls_ports" ]] || tls_ports=5061,7001,8443,9443,10443,30001
fi

# ---- timing ------------------------------------------------------------------------------------
# seconds of "Elapsed (wall clock) time (h:mm:ss or m:ss): 1:02.34"
wall_of() { awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s }' "$1"; }
rss_of() { awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$1"; }
cpu_of() { awk -F': ' '/Percent of CPU this job got/ { print $2 }' "$1"; }
cpus_of() { awk -F': ' '/User time \(seconds\)|System time \(seconds\)/ { s += $2 } END { printf "%.2f", s }' "$1"; }

rows=()        # "name|wall|rss|cpu%|cpu seconds"
best_wall=""   # set by timed()

# timed NAME OKCODES STDOUT CMD...: runs CMD under /usr/bin/time -v, keeps the report in $WORK/NAME.time
timed() {
    local name=$1 okcodes=$2 out=$3; shift 3
    local rc=0
    /usr/bin/time -v -o "$WORK/$name.time" "$@" >"$out" 2>"$WORK/$name.err" || rc=$?
    if [[ ",$okcodes," != *",$rc,"* ]]; then
        echo "run.sh: $name failed (exit $rc): $*" >&2
        tail -n 20 "$WORK/$name.err" >&2
        exit 1
    fi
    local w r c s
    w=$(wall_of "$WORK/$name.time"); r=$(rss_of "$WORK/$name.time"); c=$(cpu_of "$WORK/$name.time")
    s=$(cpus_of "$WORK/$name.time")
    rows+=("$name|$w|$r|$c|$s")
    echo "  $name: ${w}s, peak RSS ${r} MB, CPU $c = ${s}s user+sys (exit $rc)" >&2
}

# best of --repeat runs: keeps the fastest run's row
timed_best() {
    local name=$1; shift
    local i best=-1 bw=""
    for (( i = 1; i <= repeat; i++ )); do
        [[ "$name" == *export* ]] && rm -rf "$WORK/export" # export refuses to overwrite
        timed "$name" "$@"
        local w=${rows[-1]#*|}; w=${w%%|*}
        if [[ -z "$bw" ]] || awk -v a="$w" -v b="$bw" 'BEGIN { exit !(a < b) }'; then bw=$w; best=${rows[-1]}; fi
        unset 'rows[-1]'
    done
    rows+=("$best")
}

jvm=("$JAVA")
[[ -n "$xmx" ]] && jvm+=("-Xmx$xmx")
# As the launchers run it (packaging/bin/capcert): the JIT's first compiler only, key log or not
# (C2 compiling the whole run cost more than its AES-GCM intrinsics saved: README, Figures).
jvm+=(-XX:TieredStopAtLevel=1 -jar "$JAR")

tshark_cmd=("$TSHARK" -n -r "$capture"
    -o tcp.reassemble_out_of_order:TRUE -o tls.desegment_ssl_records:TRUE -o tcp.desegment_tcp_streams:TRUE)
(( http_body )) || tshark_cmd+=(-o http.desegment_body:FALSE)
(( ${#keylog[@]} )) && tshark_cmd+=(-o "tls.keylog_file:$capture.keys")
IFS=, read -r -a port_list <<<"$tls_ports"
for p in "${port_list[@]}"; do [[ "$p" == 443 ]] || tshark_cmd+=(-d "tcp.port==$p,tls"); done
tshark_cmd+=(-Y tls.handshake.type==11 -T fields
    -e frame.number -e ip.src -e ipv6.src -e tcp.srcport -e ip.dst -e ipv6.dst -e tcp.dstport
    -e tls.handshake.certificate)

# ---- the machine -------------------------------------------------------------------------------
cpu_model=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
[[ -n "$cpu_model" ]] || cpu_model=$(lscpu 2>/dev/null | awk -F': *' '/Model name/ { print $2; exit }')
mem_gb=$(awk '/MemTotal/ { printf "%.1f", $2 / 1048576 }' /proc/meminfo)
java_version=$("$JAVA" -version 2>&1 | head -n 1)
tshark_version=""
(( tshark_on )) && tshark_version="; $("$TSHARK" --version 2>/dev/null | head -n 1)"
commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

echo "== reading the capture once into the page cache" >&2
timed cat-to-devnull 0 /dev/null cat "$capture"

echo "== capcert list --json" >&2
timed_best capcert-list 0,1 "$WORK/capcert.json" "${jvm[@]}" list --json "${keylog[@]}" "$capture"
if (( export_on )); then
    echo "== capcert export" >&2
    timed_best capcert-export 0,1 "$WORK/export.out" "${jvm[@]}" export -o "$WORK/export" "${keylog[@]}" "$capture"
fi
if (( tshark_on )); then
    echo "== tshark" >&2
    timed_best tshark 0 "$WORK/tshark.tsv" "${tshark_cmd[@]}"
fi
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

# ---- report ------------------------------------------------------------------------------------
echo
echo "### capcert benchmark"
echo
echo "- machine: $(nproc) CPUs ($cpu_model), ${mem_gb} GB RAM; load average before/after: $load_before / $load_after"
echo "- $java_version${tshark_version}; capcert $commit"
echo "- capture: $(basename "$capture"), $bytes bytes ($(awk -v b="$bytes" 'BEGIN { printf "%.0f", b / 1e6 }') MB), $(capinfos -c -M "$capture" 2>/dev/null | awk -F': *' '/Number of packets/ { print $2 }') packets; read from the page cache"
[[ -n "${gen:-}" ]] && echo "- generated with: java bench/GenerateCapture.java ${gen[*]:2}" | sed "s|$WORK/||g; s|$ROOT/||g"
echo "- capcert: java${xmx:+ -Xmx$xmx} -XX:TieredStopAtLevel=1 -jar target/capcert.jar list --json ${keylog[*]:+--keylog CAPTURE.keys }CAPTURE"
(( export_on )) && echo "- capcert: java${xmx:+ -Xmx$xmx} -XX:TieredStopAtLevel=1 -jar target/capcert.jar export -o DIR ${keylog[*]:+--keylog CAPTURE.keys }CAPTURE"
(( tshark_on )) && echo "- tshark: ${tshark_cmd[*]:1}" | sed "s|$capture|CAPTURE|"
(( repeat > 1 )) && echo "- figures: fastest of $repeat runs of each command"
echo "- MB = 10^6 bytes; MB/s from wall time; wall, peak RSS, CPU share and user+sys seconds from /usr/bin/time -v"
echo
printf '| %-16s | %8s | %8s | %13s | %7s | %10s |\n' tool "wall (s)" "MB/s" "peak RSS (MB)" "CPU" "user+sys s"
printf '|%s|%s|%s|%s|%s|%s|\n' ------------------ ---------: ---------: ---------------: --------: -----------:
declare -A mbps
for row in "${rows[@]}"; do
    IFS='|' read -r name w r c s <<<"$row"
    m=$(awk -v b="$bytes" -v w="$w" 'BEGIN { if (w > 0) printf "%.0f", b / 1e6 / w; else print "inf" }')
    mbps[$name]=$m
    printf '| %-16s | %8.2f | %8s | %13s | %7s | %10s |\n' "$name" "$w" "$m" "$r" "$c" "$s"
done
echo
if (( tshark_on )); then
    for n in capcert-list capcert-export; do
        [[ -n "${mbps[$n]:-}" ]] || continue
        awk -v a="${mbps[$n]}" -v b="${mbps[tshark]}" -v n="$n" \
            'BEGIN { if (b > 0) printf "%s / tshark throughput: %.1fx\n", n, a / b }'
    done
    echo
fi

# ---- do they agree? ----------------------------------------------------------------------------
status=0
if (( scan_only )); then
    found=$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
print(sum(len(h.get("certificates") or []) for c in d["captures"] for h in c["handshakes"]),
      sum(len(c["handshakes"]) for c in d["captures"]))' "$WORK/capcert.json")
    echo "scan-only: capcert found $found (certificates, handshakes); expected 0 0"
    [[ "$found" == "0 0" ]] || status=1
else
    cmp_args=(--capcert "$WORK/capcert.json")
    (( tshark_on )) && cmp_args+=(--tshark "$WORK/tshark.tsv")
    [[ -n "$expected" ]] && cmp_args+=(--expected "$expected")
    python3 "$HERE/compare.py" "${cmp_args[@]}" || status=$?
fi
if (( export_on )); then
    echo "capcert export: $(tail -n 1 "$WORK/export.out")"
fi
problems=$(grep -c . "$WORK/capcert-list.err" || true)
(( problems == 0 )) || { echo "capcert list wrote $problems line(s) to standard error, first:"; head -n 3 "$WORK/capcert-list.err"; }
[[ -n "$keep" ]] && echo "outputs kept in $WORK"
exit "$status"
}
