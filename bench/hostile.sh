#!/usr/bin/env bash
# The hostile inputs of issue 16, read by the jar at -Xmx256m with the default limits: for each,
# the exit code, the wall time, the peak RSS (GNU time) and the first line capcert wrote to
# standard error, as a Markdown table (the README's). Run after `mvn package`; the inputs (about
# 800 MB) are made in DIR (default target/hostile) by the test classes' generator.
#
#   bench/hostile.sh [DIR]
#
# Environment: JAVA (default java).
set -euo pipefail
{
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
JAR="$ROOT/target/capcert.jar"
JAVA=${JAVA:-java}
DIR=${1:-$ROOT/target/hostile}
LATER="$ROOT/test-captures/tls12-mutual.pcap"
[[ -f "$JAR" && -d "$ROOT/target/test-classes" ]] || { echo "hostile.sh: run mvn package first" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "hostile.sh: needs GNU time (apt-get install time)" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$ROOT" && mvn -q -o dependency:build-classpath -Dmdep.outputFile="$work/classpath" >/dev/null)
"$JAVA" -cp "$ROOT/target/test-classes:$(cat "$work/classpath")" capcert.hostile.MakeHostileInputs "$DIR" >/dev/null
if [[ ! -f "$DIR/report-20000.pcap" ]]; then
    "$JAVA" "$HERE/GenerateCapture.java" --size 40M --seed 16 --handshakes 20000 --servers 50 --format pcap \
        -o "$DIR/report-20000.pcap" >/dev/null
fi

echo "| input | command | exit | time | peak RSS | what capcert says (first line on standard error) |"
echo "|---|---|---|---|---|---|"
row() { # INPUT-LABEL COMMAND-LABEL ARGS...
    local input=$1 label=$2; shift 2
    local code=0
    /usr/bin/time -f '%e %M' -o "$work/time" "$JAVA" -Xmx256m -jar "$JAR" "$@" >"$work/out" 2>"$work/err" || code=$?
    read -r wall rss < <(tail -1 "$work/time")
    local said
    said=$(head -1 "$work/err" | sed "s#$DIR/##g; s#$ROOT/##g; s#$work/##g; s#|#\\\\|#g" | cut -c1-160)
    echo "| $input | \`$label\` | $code | ${wall} s | $((rss / 1024)) MB | ${said:-(nothing)} |"
}
row "ber-bomb.pcap (10,000 nested \`30 80\`, 42 KB)" "list --json" list --json "$DIR/ber-bomb.pcap" "$LATER"
row "ber-bomb.pcap" "check" check "$DIR/ber-bomb.pcap" "$LATER"
row "deep-definite.pcap (150,000 levels)" "list" list "$DIR/deep-definite.pcap" "$LATER"
row "gathering.pcap (24 × 15 MB messages, 380 MB)" "list" list "$DIR/gathering.pcap" "$LATER"
row "half-open.pcap (190,000 SYNs)" "list" list "$DIR/half-open.pcap" "$LATER"
row "san-bomb.pcap (1,000,000 SANs)" "check --profile expressway" check --profile expressway "$DIR/san-bomb.pcap" "$LATER"
row "interfaces.pcapng (10 million IDBs, 200 MB)" "list" list "$DIR/interfaces.pcapng" "$LATER"
row "stapling.pcap (300 servers × a 1 MB stapled OCSP response, 315 MB)" "list" list "$DIR/stapling.pcap" "$LATER"
rm -f "$work/report.html" "$work/report.zip"
row "report-20000.pcap (20,000 handshakes)" "report -o report.html" report -o "$work/report.html" "$DIR/report-20000.pcap"
row "report-20000.pcap" "report -o report.zip" report -o "$work/report.zip" "$DIR/report-20000.pcap"
row "/dev/zero" "check --trust /dev/zero" check --trust /dev/zero "$LATER"
row "damaged-JKS.jks" "check --trust" check --trust "$DIR/damaged-JKS.jks" "$LATER"
row "damaged-PKCS12.jks" "check --trust" check --trust "$DIR/damaged-PKCS12.jks" "$LATER"
row "(a folder that does not exist)" "report -o no/such/r.html" report -o "$work/no/such/r.html" "$DIR/report-20000.pcap"
exit 0
}
