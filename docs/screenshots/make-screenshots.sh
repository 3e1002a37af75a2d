#!/usr/bin/env bash
# Screenshots of the real viewer window for the README: 1366x768 (a laptop) and 1920x1080 Xvfb
# screens, light and dark themes; the shaded jar, keyboard input through xdotool, captures with
# ImageMagick's `import`.
# Needs: xvfb, libgtk-3-0, xdotool, imagemagick (Debian). Run from anywhere after `mvn package`.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=docs/screenshots
jar=target/capcert.jar
[ -f "$jar" ] || { echo "build the jar first: mvn -q -DskipTests package" >&2; exit 1; }

prefs=$(mktemp -d)   # the viewer's remembered settings, kept apart from the user's
xvfb=
app=
cleanup() {
    [ -n "$app" ] && kill "$app" 2>/dev/null || true
    [ -n "$xvfb" ] && kill "$xvfb" 2>/dev/null || true
    rm -rf "$prefs"
}
trap cleanup EXIT

key() { xdotool key --clearmodifiers "$@"; sleep 0.7; }
type_text() { xdotool type --delay 20 "$1"; sleep 0.7; }
shot() { sleep 1.5; import -window root "$out/$1.png"; echo "wrote $out/$1.png"; }

# $1: screen WxH, starts Xvfb on a display of its own
screen() {
    [ -n "$xvfb" ] && kill "$xvfb" 2>/dev/null; sleep 0.5
    export DISPLAY=:$((90 + RANDOM % 9))
    Xvfb "$DISPLAY" -screen 0 "$1"x24 -nolisten tcp >/dev/null 2>&1 &
    xvfb=$!
    sleep 1
    size=$1
}

# $1: extra JVM options, rest: captures
start() {
    rm -rf "${prefs:?}"/*   # each start as a first start: light theme, nothing remembered
    java -Djava.util.prefs.userRoot="$prefs" $1 -jar "$jar" view "${@:2}" >/dev/null 2>&1 &
    app=$!
    local window=
    for _ in $(seq 1 60); do
        window=$(xdotool search --name '^capcert' 2>/dev/null | head -1) && [ -n "$window" ] && break
        sleep 0.5
    done
    [ -n "$window" ] || { echo "no window appeared" >&2; exit 1; }
    # No window manager under Xvfb: place and size the window ourselves (this also makes it paint).
    xdotool windowmove "$window" 0 0 windowsize "$window" "${size%x*}" "${size#*x}"
    # The title names the captures once they are read; then the checking and the layout settle.
    for _ in $(seq 1 120); do
        xdotool search --name '^capcert — ' >/dev/null 2>&1 && break
        sleep 0.5
    done
    sleep 6
}

stop() { kill "$app"; wait "$app" 2>/dev/null || true; app=; }

captures=(test-captures/tls12-unknown-ca.pcap test-captures/tls12-mutual.pcap test-captures/tls12-chain.pcap
          test-captures/tls13.pcap test-captures/tls12-ipv6.pcapng test-captures/dtls12.pcap
          test-captures/expe-server-only-eku.pcap test-captures/inputs/ocsp-stapled.pcap)

for geometry in 1366x768 1920x1080; do
    screen "$geometry"
    # Light: several captures, the worst handshake selected first (the findings strip above the table).
    start "" "${captures[@]}"
    shot "viewer-$geometry-light"
    # Mutual TLS: both chains; the client certificate's decoded fields.
    key ctrl+f; type_text "5061"; key Return
    key ctrl+2; key End
    shot "viewer-$geometry-mutual"
    stop
    # Dark: the intermediate decoded.
    start "" "${captures[@]}"
    key ctrl+shift+d
    key ctrl+2; key Up
    key ctrl+3
    shot "viewer-$geometry-dark"
    stop
done
