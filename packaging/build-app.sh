#!/usr/bin/env bash
# Builds capcert as an installable application with the JDK's jpackage: a folder (or macOS app)
# with its own Java runtime and two launchers, the viewer (capcert-viewer: menu entry, opens .pcap
# and .pcapng files) and the command (capcert). The same script runs on Linux, macOS and Windows
# (Git Bash); only --type differs, and jpackage builds for the system it runs on.
#
#   packaging/build-app.sh                 app image for this system in target/packaging/
#   packaging/build-app.sh --type deb      Debian package (needs fakeroot and dpkg-deb); installs into
#                                          /opt/capcert-viewer and links /usr/bin/capcert, its man pages
#                                          and bash completion
#   packaging/build-app.sh --type msi      Windows installer (needs the WiX Toolset 3)
#   packaging/build-app.sh --type dmg      macOS disk image
#   --smoke        then install what was built (dpkg -i, msiexec, hdiutil attach; the app image as it
#                  is), run capcert --version and capcert list of a capture shipped in test-captures/
#                  from the installed copy, and uninstall it. Installing needs root (administrator).
#   --skip-build   use target/ as the last mvn package left it
set -euo pipefail
cd "$(dirname "$0")/.."

type=app-image
smoke=false
build=true
while [ $# -gt 0 ]; do
    case $1 in
        --type) type=${2:?--type needs app-image, deb, msi or dmg}; shift ;;
        --smoke) smoke=true ;;
        --skip-build) build=false ;;
        *) echo "usage: $0 [--type app-image|deb|msi|dmg] [--smoke] [--skip-build]" >&2; exit 2 ;;
    esac
    shift
done
command -v jpackage >/dev/null || { echo "jpackage not found: it comes with a full JDK 17+ (not a JRE)" >&2; exit 1; }

case "$(uname -s)" in
    Linux) os=linux ;;
    Darwin) os=mac ;;
    MINGW*|MSYS*|CYGWIN*) os=windows ;;
    *) echo "jpackage does not build for $(uname -s)" >&2; exit 1 ;;
esac

pom_version=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -1)
# jpackage wants plain numbers (0.1.0-SNAPSHOT becomes 0.1.0), and macOS a first number of at least 1.
version=${pom_version%%-*}
if [ $os = mac ] && [ "${version%%.*}" = 0 ]; then version=1.${version#0.}; fi

if $build; then mvn -q -B -DskipTests package; fi
[ -f target/capcert.jar ] || { echo "target/capcert.jar is missing: run mvn package" >&2; exit 1; }

name=capcert-viewer
out=target/packaging
input=$out/input
rm -rf "$out"
mkdir -p "$input"
cp target/capcert.jar LICENSE THIRD-PARTY.txt "$input/"
cp -R target/reference/man target/reference/completion "$input/"

# The command: C1 only, as the zip's launcher runs it (packaging/bin/capcert); on Windows a console program.
{
    echo "main-class=capcert.cli.Main"
    echo "java-options=-XX:TieredStopAtLevel=1"
    echo "win-console=true"
} > "$out/capcert.properties"

# The runtime's modules: those jdeps finds in the jar, and those loaded as services or by name
# (EC keys, other locales' data, zip file systems), which it cannot see.
modules=java.base,java.desktop,java.naming,java.prefs,java.sql,jdk.jfr,jdk.unsupported,jdk.crypto.ec,jdk.localedata,jdk.zipfs

options=(--name "$name" --app-version "$version" --vendor capcert --add-modules "$modules"
         --description "X.509 certificates from packet captures, and why a TLS chain is or is not trusted"
         --input "$input" --main-jar capcert.jar --main-class capcert.ui.Viewer
         --add-launcher "capcert=$out/capcert.properties")
package_options=(--license-file LICENSE
                 --file-associations packaging/pcap.properties --file-associations packaging/pcapng.properties)
case $os in
    linux)
        install_dir=/opt/$name
        # postinst and prerm: jpackage's own (menu entry, file types) plus the links onto PATH.
        resources=$out/resources
        mkdir -p "$resources"
        sed "s|@INSTALL_DIR@|$install_dir|g" packaging/linux/postinst > "$resources/postinst"
        sed "s|@INSTALL_DIR@|$install_dir|g" packaging/linux/prerm > "$resources/prerm"
        package_options+=(--resource-dir "$resources" --linux-package-name "$name" --linux-package-deps libgtk-3-0
                          --linux-shortcut --linux-menu-group "Network;Security")
        ;;
    windows)
        package_options+=(--win-menu --win-menu-group capcert --win-shortcut --win-dir-chooser)
        ;;
    mac)
        package_options+=(--mac-package-identifier io.capcert.viewer --mac-package-name capcert)
        ;;
esac

if [ "$type" = app-image ]; then
    jpackage --type app-image --dest "$out" "${options[@]}"
else
    jpackage --type "$type" --dest "$out" "${options[@]}" "${package_options[@]}"
fi
built=$(ls -d "$out"/"$name"* | head -1)
echo "built: $built"

$smoke || exit 0

# Installing needs root: sudo when not already root (a CI runner's user).
as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

# The capcert command inside an installed (or app-image) copy rooted at $1.
capcert_in() {
    case $os in
        linux) echo "$1/bin/capcert" ;;
        mac) echo "$1/Contents/MacOS/capcert" ;;
        windows) echo "$1/capcert.exe" ;;
    esac
}

check() {
    local capcert=$1
    echo "smoke test: $capcert"
    local version list
    version=$("$capcert" --version)
    echo "$version"
    case $version in
        "capcert $pom_version"*) ;;
        *) echo "smoke test failed: --version printed the above" >&2; exit 1 ;;
    esac
    case $version in
        *"viewer: can run"*) ;;
        *) echo "smoke test failed: the viewer cannot run from $capcert" >&2; exit 1 ;;
    esac
    list=$("$capcert" list test-captures/tls12-unknown-ca.pcap)
    echo "$list"
    case $list in
        *"client sent fatal unknown_ca (frame 16)"*) ;;
        *) echo "smoke test failed: list did not show the capture's chain" >&2; exit 1 ;;
    esac
    # An ECDSA chain to a trusted root: the runtime must hold the EC provider and PKIX validation.
    check=$("$capcert" check-cert --no-color --trust test-captures/pki/root-ca.crt test-captures/pki/server-ecdsa-fullchain.pem)
    case $check in
        *"1 certificate checked: 0 FAIL, 0 WARN."*) ;;
        *) echo "$check"; echo "smoke test failed: check-cert of an ECDSA chain" >&2; exit 1 ;;
    esac
}

case $type in
    app-image)
        check "$(capcert_in "$built")"
        ;;
    deb)
        trap 'as_root dpkg --purge "$name" >/dev/null' EXIT
        as_root dpkg -i "$built"
        check "$(capcert_in "$install_dir")"
        check "$(command -v capcert)"
        man -w capcert-list >/dev/null 2>&1 || [ ! -x /usr/bin/man ] || { echo "smoke test failed: man capcert-list" >&2; exit 1; }
        ;;
    msi)
        log=$out/msiexec.log
        trap 'msiexec //x "$(cygpath -w "$built")" //qn' EXIT
        msiexec //i "$(cygpath -w "$built")" //qn //l*v "$(cygpath -w "$log")"
        check "$(capcert_in "$(cygpath -u "${PROGRAMFILES:-C:\\Program Files}")/$name")"
        ;;
    dmg)
        mount=$(mktemp -d)
        hdiutil attach -nobrowse -mountpoint "$mount" "$built" >/dev/null
        trap 'hdiutil detach "$mount" >/dev/null' EXIT
        check "$(capcert_in "$mount/$name.app")"
        ;;
esac
echo "smoke test passed: $type"
