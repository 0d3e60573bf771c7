#!/usr/bin/env bash
# One entry point for a fresh Debian 12 machine: installs what lanwatch needs, builds it, then
#   run   [ARGS...]  starts the lanwatch GUI (ARGS go to lanwatch)
#   test  [ARGS...]  runs the whole test suite (ARGS go to ctest)
#   build            only installs and builds
#   deps             only installs the system packages
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${LANWATCH_BUILD_DIR:-$here/build}

# Build + run: compiler, Qt 6.4, vendor registries. Test: a real namespace LAN, the devices' own name
# responders for it (avahi-daemon, Samba's nmbd), a Prometheus for the agent's test, the peers for the
# benchmarks, an X server with a tray host for the end-to-end GUI test, and a CJK font. Qt's own
# catalogues (qt6-translations-l10n) translate OK/Cancel, file dialogs and other texts of Qt itself.
build_pkgs=(build-essential cmake ninja-build ccache pkg-config
    qt6-base-dev qt6-base-dev-tools qt6-httpserver-dev qt6-websockets-dev libcurl4-openssl-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools libgl-dev
    qt6-qpa-plugins libqt6svg6 libqt6sql6-sqlite libxkbcommon-x11-0 libxcb-cursor0 ieee-data fonts-noto-cjk fonts-dejavu-core
    qt6-translations-l10n)
test_pkgs=(iproute2 nftables dnsmasq-base socat busybox iputils-ping libcap2-bin util-linux procps psmisc
    xvfb xauth x11-utils xdotool trayer imagemagick nmap arp-scan fping rsync hyperfine bc time exfat-fuse exfatprogs
    prometheus prometheus-node-exporter curl python3-aiosmtpd avahi-daemon samba)

# Daemons the tests run only inside their own namespaces: installed here, their system services are
# neither started nor enabled (Debian would start Samba, avahi and Prometheus on this machine's network).
# A package a user had before keeps its services as they were.
declare -A lab_units=(
    [avahi-daemon]="avahi-daemon.service avahi-daemon.socket"
    [samba]="smbd.service nmbd.service samba-ad-dc.service"
    [prometheus]="prometheus.service"
    [prometheus-node-exporter]="prometheus-node-exporter.service"
)

missing_packages() {
    local p
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || echo "$p"
    done
}

install_packages() {
    local missing
    mapfile -t missing < <(missing_packages "$@")
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "$(id -u)" -eq 0 ]; then
        echo "bootstrap: installing ${missing[*]}"
        export DEBIAN_FRONTEND=noninteractive
        local p new_daemons=() blocked=0
        for p in "${missing[@]}"; do
            [ -n "${lab_units[$p]:-}" ] && new_daemons+=("$p")
        done
        if [ ${#new_daemons[@]} -gt 0 ] && [ ! -e /usr/sbin/policy-rc.d ]; then
            printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d # Debian's way to keep a package from starting
            chmod 755 /usr/sbin/policy-rc.d
            blocked=1
        fi
        apt-get update -qq
        apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null || {
            [ $blocked -eq 1 ] && rm -f /usr/sbin/policy-rc.d
            exit 1
        }
        [ $blocked -eq 1 ] && rm -f /usr/sbin/policy-rc.d
        if [ ${#new_daemons[@]} -gt 0 ] && [ -d /run/systemd/system ]; then
            for p in "${new_daemons[@]}"; do
                # shellcheck disable=SC2086 # the unit list is words
                systemctl disable --quiet ${lab_units[$p]} 2>/dev/null || true
            done
            echo "bootstrap: ${new_daemons[*]}: their system services stay off (the tests run them in namespaces)"
        fi
    else
        echo "bootstrap: these Debian packages are missing. Install them, then run this again:" >&2
        echo "  sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
        exit 1
    fi
}

build() {
    cmake -S "$here" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
    cmake --build "$build_dir" --parallel "$(nproc)"
}

cmd=${1:-}
shift || true
case "$cmd" in
deps)
    install_packages "${build_pkgs[@]}" "${test_pkgs[@]}"
    ;;
build)
    install_packages "${build_pkgs[@]}"
    build
    ;;
run)
    install_packages "${build_pkgs[@]}"
    build
    if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
        echo "bootstrap: no DISPLAY: starting lanwatch on a virtual X server (xvfb-run)." >&2
        install_packages xvfb xauth
        exec xvfb-run -a "$build_dir/app/lanwatch" "$@"
    fi
    exec "$build_dir/app/lanwatch" "$@"
    ;;
test)
    install_packages "${build_pkgs[@]}" "${test_pkgs[@]}"
    build
    # Unit tests in parallel; the namespace-LAN tests hold the "netlab" resource lock one at a time.
    exec ctest --test-dir "$build_dir" --output-on-failure --parallel "$(nproc)" "$@"
    ;;
*)
    echo "usage: scripts/bootstrap.sh run|test|build|deps [ARGS...]" >&2
    exit 2
    ;;
esac
