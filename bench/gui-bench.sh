#!/usr/bin/env bash
# gui-bench.sh: does the dashboard stay responsive while it scans the lab's /16 (400+ hosts)? Runs the
# real lanwatch under Xvfb inside the namespace LAN with LANWATCH_STALL_LOG and prints the longest
# time the GUI thread was kept from its event loop. Not a pass/fail test. Needs root.
#   bench/gui-bench.sh [BUILD_DIR]
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-$here/build}
gui="$build/app/lanwatch"
[ -x "$gui" ] || { echo "gui-bench: $gui not built" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || { echo "gui-bench: needs root (network namespaces)" >&2; exit 77; }
exec 9>/tmp/lanwatch-netlab.lock
flock 9
work=$(mktemp -d)
trap 'kill "${xpid:-0}" 2>/dev/null || true; bash "$here/tests/lab/lab.sh" down gbench 9>&- >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
eval "$(bash "$here/tests/lab/lab.sh" up gbench --big 9>&-)"
display=:$((150 + $$ % 50))
ip netns exec "$LAB_NS" Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp 9>&- >/dev/null 2>&1 &
xpid=$!
for _ in $(seq 1 50); do [ -S "/tmp/.X11-unix/X${display#:}" ] && break; sleep 0.1; done
start=$(date +%s.%N)
ip netns exec "$LAB_NS" env DISPLAY="$display" LANWATCH_STALL_LOG="$work/stalls" \
    "$gui" --scan "$LAB_BIG_TARGET" --quit-after-scan --settings "$work/settings.ini" 9>&- >/dev/null 2>&1
end=$(date +%s.%N)
echo "lanwatch GUI scanning $LAB_BIG_TARGET inside the lab: $(echo "$end - $start" | bc -l | cut -c1-5) s wall"
cat "$work/stalls"
