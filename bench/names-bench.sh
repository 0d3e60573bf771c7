#!/usr/bin/env bash
# names-bench.sh: how many of the lab's hosts lanwatch names vs nmap -sn (reverse DNS), and what the name
# stage (mDNS, NetBIOS, SSDP) adds to a /24 scan's wall time. Not a pass/fail test.
#
#   bench/names-bench.sh [BUILD_DIR | path/to/lanwatch-cli] [--rounds N]
#
# Builds the namespace lab (tests/lab/lab.sh up + names: avahi-daemon, nmbd, SSDP responders), then in the
# scanner namespace: lanwatch-cli scan --json with and without --no-local-names (N rounds each, median wall
# time; default 3) and nmap -sn (its reverse DNS through the lab's DNS server), and prints
#   tool, hosts up, hosts named, named by source, median wall s.
# Every packet stays inside the lab's namespaces. Needs root; the lab is torn down on exit.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cli=${LANWATCH_CLI:-${LANWATCH_BUILD_DIR:-$here/build}/app/lanwatch-cli}
rounds=3
lab_name=nbench
while [ $# -gt 0 ]; do
    case $1 in
    --rounds)
        [[ ${2:-} =~ ^[1-9][0-9]*$ ]] || { echo "names-bench: --rounds needs a positive number" >&2; exit 2; }
        rounds=$2
        shift
        ;;
    -h | --help)
        sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'
        exit 0
        ;;
    -*) echo "names-bench: unknown option '$1' (see --help)" >&2; exit 2 ;;
    *) if [ -d "$1" ]; then cli=$1/app/lanwatch-cli; else cli=$1; fi ;;
    esac
    shift
done
[ "$(id -u)" -eq 0 ] || { echo "names-bench: the namespace lab needs root" >&2; exit 77; }
[ -x "$cli" ] || { echo "names-bench: no lanwatch-cli at $cli (build first)" >&2; exit 1; }
command -v nmap >/dev/null || { echo "names-bench: nmap is missing (scripts/bootstrap.sh deps)" >&2; exit 1; }

trap 'bash "$here/tests/lab/lab.sh" down $lab_name' EXIT
eval "$(bash "$here/tests/lab/lab.sh" up $lab_name)"
bash "$here/tests/lab/lab.sh" names $lab_name >/dev/null
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"; bash "$here/tests/lab/lab.sh" down $lab_name' EXIT

# run NAME COMMAND...: N rounds, the median wall time in seconds; the last round's stdout in $tmp/NAME.out
run() {
    local name=$1 i start end
    shift
    : >"$tmp/$name.times"
    for i in $(seq 1 "$rounds"); do
        start=$(date +%s.%N)
        ip netns exec "$LAB_NS" "$@" >"$tmp/$name.out" 2>/dev/null
        end=$(date +%s.%N)
        echo "$end - $start" | bc >>"$tmp/$name.times"
    done
    sort -n "$tmp/$name.times" | awk '{ t[NR] = $1 } END { printf "%.3f", t[int((NR + 1) / 2)] }'
}

count() { # JSON hosts file -> "up named by-source" (the scanner's own address left out, as nmap -sn does)
    python3 - "$1" <<'PY'
import collections, json, sys
hosts = [h for h in json.load(open(sys.argv[1])) if h["found_by"] != "local"]
named = [h for h in hosts if h["names"]]
by = collections.Counter(s for h in hosts for s in h["names"])
print(len(hosts), len(named), " ".join("%s=%d" % kv for kv in sorted(by.items())))
PY
}

with=$(run with "$cli" scan "$LAB_TARGET" --json)
without=$(run without "$cli" scan "$LAB_TARGET" --json --no-local-names)
nmap_s=$(run nmap nmap -sn -oG - "$LAB_TARGET")
read -r up named by < <(count "$tmp/with.out")
read -r up0 named0 by0 < <(count "$tmp/without.out")
nmap_up=$(grep -c 'Status: Up' "$tmp/nmap.out" || true)
nmap_named=$(grep 'Status: Up' "$tmp/nmap.out" | grep -vc '()' || true)
# nmap counts the scanner itself among the hosts up (and names it): leave it out as for lanwatch.
scanner=${LAB_TARGET%.0/24}.1
if grep -q "Host: $scanner " "$tmp/nmap.out"; then
    nmap_up=$((nmap_up - 1))
    grep "Host: $scanner " "$tmp/nmap.out" | grep -q '()' || nmap_named=$((nmap_named - 1))
fi

printf '%-34s %8s %8s  %-32s %8s\n' tool "hosts up" named "named by source" "wall s"
printf '%-34s %8s %8s  %-32s %8s\n' "lanwatch-cli scan" "$up" "$named" "$by" "$with"
printf '%-34s %8s %8s  %-32s %8s\n' "lanwatch-cli scan --no-local-names" "$up0" "$named0" "$by0" "$without"
printf '%-34s %8s %8s  %-32s %8s\n' "nmap -sn (reverse DNS)" "$nmap_up" "$nmap_named" "dns=$nmap_named" "$nmap_s"
printf 'the name stage adds %s s to the lab /24 (median of %d rounds each)\n' \
    "$(echo "$with - $without" | bc)" "$rounds"
