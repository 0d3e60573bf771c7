#!/usr/bin/env bash
# agent-bench.sh: what lanwatch-agent costs. Figures are printed, not judged. Needs root (namespaces).
#   bench/agent-bench.sh [--quick] [--scrape-only] [BUILD_DIR]
#
# 1. Scrape time: an inventory of 5,000 devices (lanwatch-inventory-fill), the agent in an empty network
#    namespace of its own (only lo: it watches a /16 there that reaches nothing), 50 scrapes of /metrics
#    with curl, one after the other: min / median / p90 / max seconds and the page size; the same for
#    /api/v1/devices; the agent's RSS afterwards.
# 2. Cost of watching (skipped with --scrape-only): the agent in the namespace LAN (tests/lab/lab.sh --big)
#    watching the /24 every 30 s and the /16 every 60 s while curl scrapes /metrics every 15 s, for 10 min
#    (1 min with --quick): CPU (utime+stime from /proc/PID/stat) and RSS (peak and last, sampled every
#    second). For reference, prometheus-node-exporter runs as long in an empty namespace, scraped the same
#    way: its RSS is what an always-on exporter costs on this machine.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
lab="$here/tests/lab/lab.sh"
labname=agbnch
nsname=lwagbench

quick=0
scrape_only=0
build="$here/build"
for arg in "$@"; do
    case $arg in
    --quick) quick=1 ;;
    --scrape-only) scrape_only=1 ;;
    -h | --help)
        sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'
        exit 0
        ;;
    -*)
        echo "agent-bench: unknown option $arg (see --help)" >&2
        exit 2
        ;;
    *) build=$arg ;;
    esac
done
cost_seconds=$((quick ? 60 : 600))
agent="$build/app/lanwatch-agent"
fill="$build/tests/agent/lanwatch-inventory-fill"
exporter=/usr/bin/prometheus-node-exporter

[ "$(id -u)" -eq 0 ] || { echo "agent-bench: needs root (network namespaces)" >&2; exit 77; }
missing=()
for f in "$agent" "$fill"; do
    [ -x "$f" ] || missing+=("$f (build: cmake --build $build --target lanwatch-agent lanwatch-inventory-fill)")
done
for tool in ip curl python3; do
    command -v "$tool" >/dev/null || missing+=("$tool (bash scripts/bootstrap.sh deps)")
done
[ $scrape_only -eq 1 ] || [ -x "$exporter" ] || missing+=("$exporter (apt-get install prometheus-node-exporter)")
if [ ${#missing[@]} -gt 0 ]; then
    echo "agent-bench: missing:" >&2
    printf '  %s\n' "${missing[@]}" >&2
    exit 1
fi

work=$(mktemp -d /tmp/lanwatch-agent-bench.XXXXXX)
pids=()
cleanup() {
    local p
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    ip netns del "$nsname" 2>/dev/null || true
    [ $scrape_only -eq 1 ] || bash "$lab" down "$labname" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

# rss_kb PID, cpu_ticks PID
rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# wait_for NS URL: until it answers (10 s)
wait_for() {
    local i
    for i in $(seq 1 100); do
        ip netns exec "$1" curl -sf -o /dev/null "$2" && return 0
        sleep 0.1
    done
    echo "agent-bench: $2 did not answer within 10 s" >&2
    return 1
}
# stats: reads numbers, prints min median p90 max
stats() {
    python3 -c 'import sys
v = sorted(float(x) for x in sys.stdin.read().split())
q = lambda p: v[min(len(v) - 1, int(p * len(v)))]
print("%.4f %.4f %.4f %.4f" % (v[0], q(0.5), q(0.9), v[-1]))'
}

# ---- 1. scrape time at 5,000 devices ----
ip netns add "$nsname"
ip -n "$nsname" link set lo up
"$fill" "$work/bench.sqlite" 5000 >/dev/null
printf '[agent]\nlisten = 127.0.0.1:9617\ndatabase = %s\n[monitor]\nwatch = 10.77.0.0/16 every 604800\npassive = no\n' \
    "$work/bench.sqlite" >"$work/bench.conf"
ip netns exec "$nsname" "$agent" --config "$work/bench.conf" >"$work/agent1.log" 2>&1 &
apid=$!
pids+=("$apid")
wait_for "$nsname" http://127.0.0.1:9617/healthz
# The first sweep (of addresses with no route) must be over before timing.
for i in $(seq 1 300); do
    ip netns exec "$nsname" curl -s http://127.0.0.1:9617/metrics | grep -q '^lanwatch_sweeps_total{network="10.77.0.0/16"} 1' && break
    sleep 0.2
done
scrape() { # PATH -> one time_total per line, 50 lines
    local i
    for i in $(seq 1 50); do
        ip netns exec "$nsname" curl -s -o /dev/null -w '%{time_total}\n' "http://127.0.0.1:9617$1"
    done
}
metrics_times=$(scrape /metrics | stats)
metrics_bytes=$(ip netns exec "$nsname" curl -s http://127.0.0.1:9617/metrics | wc -c)
metrics_series=$(ip netns exec "$nsname" curl -s http://127.0.0.1:9617/metrics | grep -vc '^#')
devices_times=$(scrape /api/v1/devices | stats)
devices_bytes=$(ip netns exec "$nsname" curl -s http://127.0.0.1:9617/api/v1/devices | wc -c)
scrape_rss=$(rss_kb "$apid")
kill "$apid"
wait "$apid" 2>/dev/null || true

echo "== lanwatch-agent: one request with 5,000 devices in the inventory (50 in a row, seconds) =="
printf '%-18s %8s %8s %8s %8s %10s\n' "path" min median p90 max bytes
read -r a b c d <<<"$metrics_times"
printf '%-18s %8s %8s %8s %8s %10s   (%s series)\n' /metrics "$a" "$b" "$c" "$d" "$metrics_bytes" "$metrics_series"
read -r a b c d <<<"$devices_times"
printf '%-18s %8s %8s %8s %8s %10s\n' /api/v1/devices "$a" "$b" "$c" "$d" "$devices_bytes"
echo "agent RSS after the requests: $((scrape_rss / 1024)) MiB"
[ $scrape_only -eq 1 ] && exit 0

# ---- 2. cost of watching the lab, scraped every 15 s; node-exporter for reference ----
eval "$(bash "$lab" up "$labname" --big)"
printf '[agent]\nlisten = 127.0.0.1:9617\ndatabase = %s\n[monitor]\nwatch = %s every 30\nwatch = %s every 60\n' \
    "$work/lab.sqlite" "$LAB_TARGET" "$LAB_BIG_TARGET" >"$work/lab.conf"
ip netns exec "$LAB_NS" "$agent" --config "$work/lab.conf" >"$work/agent2.log" 2>&1 &
apid=$!
pids+=("$apid")
wait_for "$LAB_NS" http://127.0.0.1:9617/healthz
ip netns exec "$nsname" "$exporter" --web.listen-address=127.0.0.1:9100 >"$work/exporter.log" 2>&1 &
epid=$!
pids+=("$epid")
wait_for "$nsname" http://127.0.0.1:9100/metrics

echo
echo "== cost of watching $LAB_TARGET every 30 s and $LAB_BIG_TARGET every 60 s, scraped every 15 s, $cost_seconds s =="
a0=$(cpu_ticks "$apid")
e0=$(cpu_ticks "$epid")
apeak=0
epeak=0
start=$SECONDS
while [ $((SECONDS - start)) -lt "$cost_seconds" ]; do
    if [ $(((SECONDS - start) % 15)) -eq 0 ]; then
        ip netns exec "$LAB_NS" curl -s -o /dev/null http://127.0.0.1:9617/metrics &
        ip netns exec "$nsname" curl -s -o /dev/null http://127.0.0.1:9100/metrics &
    fi
    r=$(rss_kb "$apid")
    [ "$r" -gt "$apeak" ] && apeak=$r
    r=$(rss_kb "$epid")
    [ "$r" -gt "$epeak" ] && epeak=$r
    sleep 1
done
wait_jobs=$(jobs -p | grep -vxF -e "$apid" -e "$epid" || true)
[ -z "$wait_jobs" ] || wait $wait_jobs 2>/dev/null || true
hz=$(getconf CLK_TCK)
a1=$(cpu_ticks "$apid")
e1=$(cpu_ticks "$epid")
devices=$(ip netns exec "$LAB_NS" curl -s http://127.0.0.1:9617/metrics | grep -c '^lanwatch_device_up')
printf '%-26s %12s %12s %12s\n' process "CPU s" "RSS peak MiB" "RSS end MiB"
printf '%-26s %12s %12s %12s\n' "lanwatch-agent ($devices dev.)" "$(echo "scale=2; ($a1 - $a0) / $hz" | bc)" \
    "$(echo "scale=1; $apeak / 1024" | bc)" "$(echo "scale=1; $(rss_kb "$apid") / 1024" | bc)"
printf '%-26s %12s %12s %12s\n' "prometheus-node-exporter" "$(echo "scale=2; ($e1 - $e0) / $hz" | bc)" \
    "$(echo "scale=1; $epeak / 1024" | bc)" "$(echo "scale=1; $(rss_kb "$epid") / 1024" | bc)"
