#!/usr/bin/env bash
# Screenshots of the real viewer window for the README: a 1366x768 Xvfb screen, the shaded jar,
# keyboard input through xdotool, captures with ImageMagick's `import`.
# Needs: xvfb, libgtk-3-0, xdotool, imagemagick (Debian). Run from anywhere after `mvn package`.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=docs/screenshots
jar=target/capcert.jar
[ -f "$jar" ] || { echo "build the jar first: mvn -q -DskipTests package" >&2; exit 1; }

display=:$((90 + RANDOM % 9))
prefs=$(mktemp -d)   # the viewer's remembered settings, kept apart from the user's
Xvfb "$display" -screen 0 1366x768x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
app=
cleanup() {
    [ -n "$app" ] && kill "$app" 2>/dev/null || true
    kill "$xvfb" 2>/dev/null || true
    rm -rf "$prefs"
}
trap cleanup EXIT
export DISPLAY=$display
sleep 1

key() { xdotool key --clearmodifiers "$@"; sleep 0.7; }
type_text() { xdotool type --delay 20 "$1"; sleep 0.7; }
shot() { sleep 1.5; import -window root "$out/$1.png"; echo "wrote $out/$1.png"; }

# $1: extra JVM options (theme), rest: captures
start() {
    java -Djava.util.prefs.userRoot="$prefs" $1 -jar "$jar" view "${@:2}" >/dev/null 2>&1 &
    app=$!
    local window=
    for _ in $(seq 1 60); do
        window=$(xdotool search --name '^capcert' 2>/dev/null | head -1) && [ -n "$window" ] && break
        sleep 0.5
    done
    [ -n "$window" ] || { echo "no window appeared" >&2; exit 1; }
    # No window manager under Xvfb: place and size the window ourselves (this also makes it paint).
    xdotool windowmove "$window" 0 0 windowsize "$window" 1366 768
    sleep 8
}

stop() { kill "$app"; wait "$app" 2>/dev/null || true; app=; }

captures=(test-captures/tls12-unknown-ca.pcap test-captures/tls12-mutual.pcap test-captures/tls12-chain.pcap
          test-captures/tls13.pcap test-captures/tls12-ipv6.pcapng test-captures/dtls12.pcap)

# 1. Several captures, the unknown_ca handshake selected: chain tree, decoded leaf, verdicts.
start "" "${captures[@]}"
shot viewer-light

# 2. Mutual TLS: both chains; the client certificate's decoded fields.
key ctrl+f; type_text "5061"; key Return
key ctrl+2; key End
shot viewer-mutual
stop

# 3. Dark theme, the PEM tab.
start "" "${captures[@]}"
key ctrl+shift+d
key ctrl+2; key Up
key ctrl+3; key ctrl+Tab
shot viewer-dark
stop
