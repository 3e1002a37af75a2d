#!/usr/bin/env bash
# Builds the capcert viewer as a double-clickable application with the JDK's jpackage:
#
#   packaging/build-app.sh          app image: target/packaging/capcert-viewer/ (bin/capcert-viewer
#                                   starts it; the folder carries its own Java runtime, copy it anywhere)
#   packaging/build-app.sh --deb    also a Debian package (needs fakeroot and dpkg-deb), installing into
#                                   /opt/capcert-viewer with a menu entry, opening .pcap and .pcapng files
#
# The launcher runs capcert.ui.Viewer: its arguments are the captures to open.
set -euo pipefail
cd "$(dirname "$0")/.."

deb=false
case "${1:-}" in
    "") ;;
    --deb) deb=true ;;
    *) echo "usage: $0 [--deb]" >&2; exit 2 ;;
esac
command -v jpackage >/dev/null || { echo "jpackage not found: it comes with a full JDK 17+ (not the headless JRE)" >&2; exit 1; }

# jpackage wants a plain numeric version: 0.1.0-SNAPSHOT becomes 0.1.0.
version=$(sed -n 's:^  <version>\([0-9.]*\).*</version>:\1:p' pom.xml | head -1)
mvn -q -B -DskipTests package

out=target/packaging
input=$out/input
rm -rf "$out"
mkdir -p "$input"
cp target/capcert.jar "$input/"

common=(--name capcert-viewer --app-version "$version" --vendor capcert
        --description "X.509 certificates from packet captures, and why a TLS chain is or is not trusted"
        --input "$input" --main-jar capcert.jar --main-class capcert.ui.Viewer)

jpackage --type app-image --dest "$out" "${common[@]}"
echo "app image: $out/capcert-viewer (run $out/capcert-viewer/bin/capcert-viewer [CAPTURE...])"

if $deb; then
    jpackage --type deb --dest "$out" "${common[@]}" \
        --linux-package-name capcert-viewer --linux-package-deps libgtk-3-0 \
        --linux-shortcut --linux-menu-group "Network;Security" \
        --file-associations packaging/pcap.properties --file-associations packaging/pcapng.properties
    echo "Debian package: $(ls "$out"/*.deb)"
fi
