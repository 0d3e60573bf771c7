#!/usr/bin/env bash
# scan-bench.sh: times lanwatch-cli scan against nmap -sn, arp-scan and fping on the namespace lab (tests/lab/lab.sh).
#
#   bench/scan-bench.sh [BUILD_DIR | path/to/lanwatch-cli] [--rounds N] [--quick]
#
# Builds the lab with --big, then, inside the lab's scanner namespace and at every tool's default settings:
#   /24 as root:   lanwatch, nmap -sn -n, arp-scan -I <if>, fping -a -q -g   (N rounds each, median; default 3)
#   /16 as root:   the same tools once (nmap and arp-scan need minutes here; fping is stopped after
#                  BENCH_FPING_LIMIT seconds because at its defaults it would need most of an hour);
#                  --quick runs only lanwatch on the /16
#   unprivileged: lanwatch as 'nobody' on the /24 (N rounds) and the /16 (once)
#   a slow host:  the /24 plus a host answering 700 ms late (lab.sh slow: a user-space layer-2 delay
#                 relay), once per tool: lanwatch, nmap, arp-scan, fping
# and prints: case, tool, wall s, hosts found / expected, ratio tool/lanwatch. Then, for every live host of
# the /24, lanwatch's round trip against the mean of 'ping -c 5' (after one warm-up echo). Not a pass/fail test.
# Every packet stays inside the lab's namespaces. Needs root; the lab is torn down on exit.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cli=${LANWATCH_CLI:-${LANWATCH_BUILD_DIR:-$here/build}/app/lanwatch-cli}
repeat=${BENCH_REPEAT:-3}
fping_limit=${BENCH_FPING_LIMIT:-120}
quick=0
lab_name=sbench
while [ $# -gt 0 ]; do
    case $1 in
        --rounds)
            [[ ${2:-} =~ ^[1-9][0-9]*$ ]] || { echo "scan-bench: --rounds needs a positive number" >&2; exit 2; }
            repeat=$2
            shift
            ;;
        --quick) quick=1 ;;
        -h | --help)
            sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'
            exit 0
            ;;
        -*) echo "scan-bench: unknown option '$1' (see --help)" >&2; exit 2 ;;
        *) if [ -d "$1" ]; then cli=$1/app/lanwatch-cli; else cli=$1; fi ;;
    esac
    shift
done

if [ "$(id -u)" -ne 0 ]; then
    echo "scan-bench: needs root (it builds network namespaces and runs the scanners as root)" >&2
    exit 77
fi
[ -x "$cli" ] || { echo "scan-bench: no lanwatch-cli at $cli (build it, or pass its path)" >&2; exit 2; }
for tool in nmap arp-scan fping setpriv flock; do
    command -v "$tool" >/dev/null || { echo "scan-bench: '$tool' is missing (scripts/bootstrap.sh deps)" >&2; exit 1; }
done

# One lab at a time on this machine (the tests take the same lock); fd 9 is closed for the lab's daemons.
exec 9>/tmp/lanwatch-netlab.lock
if ! flock -n 9; then
    echo "scan-bench: another network lab is running, waiting for /tmp/lanwatch-netlab.lock" >&2
    flock 9
fi

work=$(mktemp -d /tmp/lanwatch-bench.XXXXXX)
chmod 755 "$work"
cleanup() {
    bash "$here/tests/lab/lab.sh" down "$lab_name" 9>&- >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "scan-bench: building the lab (--big)..." >&2
# stdout to a file, not a pipe: the lab's daemons must not keep our reader waiting for EOF.
bash "$here/tests/lab/lab.sh" up "$lab_name" --big 9>&- >"$work/lab.env"
LAB_NS='' LAB_IF='' LAB_TARGET='' LAB_BIG_TARGET='' LAB_DIR=''
while IFS='=' read -r key value; do
    case $key in
        LAB_NS | LAB_IF | LAB_TARGET | LAB_BIG_TARGET | LAB_DIR) printf -v "$key" '%s' "$value" ;;
    esac
done <"$work/lab.env"
if [ -z "$LAB_NS" ] || [ -z "$LAB_TARGET" ] || [ -z "$LAB_BIG_TARGET" ] || [ -z "$LAB_DIR" ]; then
    echo "scan-bench: lab.sh printed no LAB_NS/LAB_TARGET/LAB_BIG_TARGET/LAB_DIR" >&2
    exit 1
fi
LAB_IF=${LAB_IF:-eth0}

# The expected sets: the /24 from expected.tsv; the /16 adds expected-big.tsv.
tail -n +2 "$LAB_DIR/expected.tsv" | cut -f1 | sort -u >"$work/expected-24"
{ cat "$work/expected-24"; tail -n +2 "$LAB_DIR/expected-big.tsv" | cut -f1; } | sort -u >"$work/expected-16"

# 'nobody' must be able to read and run the CLI wherever the build lives.
install -m 755 "$cli" "$work/lanwatch-cli"

in_lab() { ip netns exec "$LAB_NS" "$@"; }

# run NAME TIMEOUT CMD...: runs CMD in the lab with a clean neighbour table, records its wall time in
# $work/NAME.time and its stdout in $work/NAME.out; a run stopped by the time limit is marked.
run() {
    local name=$1 limit=$2
    shift 2
    ip -n "$LAB_NS" neigh flush all 2>/dev/null || true
    local start end status=0
    start=$(date +%s.%N)
    timeout -s INT -k 10 "$limit" ip netns exec "$LAB_NS" "$@" >"$work/$name.out" 2>"$work/$name.err" || status=$?
    end=$(date +%s.%N)
    echo "$start $end" | awk '{printf "%.2f\n", $2 - $1}' >"$work/$name.time"
    : >"$work/$name.stopped"
    [ $status -eq 124 ] && echo "stopped after ${limit}s" >"$work/$name.stopped"
    if [ $status -ne 0 ] && [ $status -ne 124 ] && [ $status -ne 1 ]; then # fping exits 1 when some are down
        echo "scan-bench: '$*' exited $status: $(head -c 300 "$work/$name.err")" >&2
    fi
    return 0
}

# The IPv4 addresses a tool reported, one per line, from its default output format.
addresses() {
    local tool=$1 file=$2
    case $tool in
        lanwatch) cut -d, -f1 "$file" | tail -n +2 ;;                       # --csv
        nmap) awk '/^Nmap scan report for /{print $NF}' "$file" | tr -d '()' ;;
        arp-scan) awk -F'\t' '$1 ~ /^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$/ {print $1}' "$file" ;;
        fping) awk '$1 ~ /^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$/ {print $1}' "$file" ;;
    esac | sort -u
}

declare -a rows=()
# report CASE TOOL RUNNAME... : median wall time over the runs, hosts found of the expected set.
report() {
    local case=$1 tool=$2 expected=$3
    shift 3
    local times=() r found extra stopped=""
    for r in "$@"; do
        times+=("$(cat "$work/$r.time")")
        [ -s "$work/$r.stopped" ] && stopped=" ($(cat "$work/$r.stopped"))"
    done
    local median
    median=$(printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
    local last=${*: -1}
    addresses "$tool" "$work/$last.out" >"$work/$last.ips"
    found=$(comm -12 "$work/$last.ips" "$work/$expected" | wc -l)
    extra=$(comm -23 "$work/$last.ips" "$work/$expected" | wc -l)
    local total
    total=$(wc -l <"$work/$expected")
    local note="$stopped"
    [ "$extra" -gt 0 ] && note+=" ($extra unexpected)"
    [ "$found" -lt "$total" ] && note+=" missing: $(comm -13 "$work/$last.ips" "$work/$expected" | head -5 | tr '\n' ' ')"
    [ ${#times[@]} -gt 1 ] && note+=" runs: ${times[*]}"
    rows+=("$case|$tool|$median|$found / $total|$note")
}

runs() { # runs PREFIX COUNT LIMIT CMD...: COUNT runs named PREFIX.1..COUNT
    local prefix=$1 count=$2 limit=$3 i
    shift 3
    for ((i = 1; i <= count; i++)); do run "$prefix.$i" "$limit" "$@"; done
}
names() { local i; for ((i = 1; i <= $2; i++)); do printf '%s.%s ' "$1" "$i"; done; }

t24=$LAB_TARGET
t16=$LAB_BIG_TARGET
echo "scan-bench: /24 $t24 ($(wc -l <"$work/expected-24") live), /16 $t16 ($(wc -l <"$work/expected-16") live)" >&2

echo "scan-bench: /24 as root, $repeat run(s) per tool..." >&2
runs lw24 "$repeat" 120 "$work/lanwatch-cli" scan "$t24" --csv
runs nmap24 "$repeat" 600 nmap -sn -n "$t24"
runs arp24 "$repeat" 600 arp-scan -I "$LAB_IF" "$t24"
runs fping24 "$repeat" 600 fping -a -q -g "$t24"
echo "scan-bench: /24 unprivileged..." >&2
runs lwu24 "$repeat" 120 setpriv --reuid=nobody --regid=nogroup --clear-groups --inh-caps=-all \
    "$work/lanwatch-cli" scan "$t24" --csv
echo "scan-bench: /16 as root, once per tool (nmap and arp-scan take minutes; --quick skips them)..." >&2
run lw16 600 "$work/lanwatch-cli" scan "$t16" --csv
run lwu16 600 setpriv --reuid=nobody --regid=nogroup --clear-groups --inh-caps=-all \
    "$work/lanwatch-cli" scan "$t16" --csv
if [ $quick -eq 0 ]; then
    run nmap16 900 nmap -sn -n "$t16"
    run arp16 900 arp-scan -I "$LAB_IF" "$t16"
    run fping16 "$fping_limit" fping -a -q -g "$t16"
fi

echo "scan-bench: the /24 with a host answering 700 ms late, once per tool..." >&2
slow_ip=${LAB_TARGET%.*/*}.77
bash "$here/tests/lab/lab.sh" slow "$lab_name" s1 02:5e:00:00:00:77 "$slow_ip/16" 700 9>&- >/dev/null
{ cat "$work/expected-24"; echo "$slow_ip"; } | sort -u >"$work/expected-24s"
run lws24 120 "$work/lanwatch-cli" scan "$t24" --csv
run nmaps24 600 nmap -sn -n "$t24"
run arps24 600 arp-scan -I "$LAB_IF" "$t24"
run fpings24 600 fping -a -q -g "$t24"

# Round trips: lanwatch's (JSON, as root) against ping's mean of 5 echoes, host by host, slow host included.
in_lab "$work/lanwatch-cli" scan "$t24" --json >"$work/rtt.json" 2>/dev/null || true
python3 - "$work/rtt.json" >"$work/rtt.list" <<'PY'
import json, sys
for h in json.load(open(sys.argv[1])):
    if h.get("found_by") == "arp" and h.get("rtt_ms") is not None:
        print(h["ip"], h["rtt_ms"])
PY
rtt_rows=()
while read -r ip lw; do
    in_lab ping -n -c 1 -W 3 "$ip" >/dev/null 2>&1 || true
    avg=$({ in_lab ping -n -q -c 5 -i 0.2 -W 3 "$ip" 2>/dev/null || true; } | awk -F/ '/^rtt/ {print $5}')
    rtt_rows+=("$ip $lw ${avg:--}")
done <"$work/rtt.list"

# shellcheck disable=SC2046 # the run names are single words
{
    report "/24+slow" lanwatch expected-24s lws24
    report "/24+slow" "nmap" expected-24s nmaps24
    report "/24+slow" "arp-scan" expected-24s arps24
    report "/24+slow" "fping" expected-24s fpings24
    report "/24 root" lanwatch expected-24 $(names lw24 "$repeat")
    report "/24 root" "nmap" expected-24 $(names nmap24 "$repeat")
    report "/24 root" "arp-scan" expected-24 $(names arp24 "$repeat")
    report "/24 root" "fping" expected-24 $(names fping24 "$repeat")
    report "/24 nobody" lanwatch expected-24 $(names lwu24 "$repeat")
    report "/16 root" lanwatch expected-16 lw16
    report "/16 nobody" lanwatch expected-16 lwu16
    if [ $quick -eq 0 ]; then
        report "/16 root" "nmap" expected-16 nmap16
        report "/16 root" "arp-scan" expected-16 arp16
        report "/16 root" "fping" expected-16 fping16
    fi
}

printf '\n%-11s %-9s %9s %13s %8s  %s\n' case tool "wall s" "found/expect" "ratio" "notes"
base24=
base16=
for row in "${rows[@]}"; do
    IFS='|' read -r case tool wall found note <<<"$row"
    [ "$case" = "/24 root" ] && [ "$tool" = lanwatch ] && base24=$wall
    [ "$case" = "/24+slow" ] && [ "$tool" = lanwatch ] && base24=$wall
    [ "$case" = "/16 root" ] && [ "$tool" = lanwatch ] && base16=$wall
    base=$base24
    [[ $case == /16* ]] && base=$base16
    ratio=$(awk -v a="$wall" -v b="$base" 'BEGIN { if (b > 0) printf "%.1fx", a / b; else print "-" }')
    printf '%-11s %-9s %9s %13s %8s %s\n' "$case" "$tool" "$wall" "$found" "$ratio" "$note"
done
echo "(ratio = tool wall time / lanwatch wall time as root on the same target; median of $repeat runs on the /24)"

echo
echo "Round trips on the /24 (root, ARP): lanwatch vs the mean of 'ping -c 5' after a warm-up echo"
printf '%-15s %12s %12s  %s\n' ip "lanwatch ms" "ping ms" "within 10% or 0.1 ms"
within=0
for r in "${rtt_rows[@]}"; do
    read -r ip lw avg <<<"$r"
    verdict=$(awk -v a="$lw" -v b="$avg" 'BEGIN { if (b == "-") { print "no ping answer"; exit }
        d = a - b; if (d < 0) d = -d; print (d <= 0.1 || d <= 0.1 * b) ? "yes" : "no" }')
    [ "$verdict" = yes ] && within=$((within + 1))
    printf '%-15s %12s %12s  %s\n' "$ip" "$lw" "$avg" "$verdict"
done
echo "($within of ${#rtt_rows[@]} hosts within 10% or 0.1 ms of ping; hosts that drop ping have no ping figure)"

