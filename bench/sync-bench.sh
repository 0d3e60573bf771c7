#!/usr/bin/env bash
# sync-bench.sh: lanwatch-cli sync side by side with rsync -a --delete and cp -a, in one run, on a
# tree of 20,000 files in 200 folders (100 B to ~26 KB, ~260 MB): first copy, a pass with nothing to
# do, and a pass after touching 1% of the files. Interleaved rounds, median times, ratio to rsync.
# Runs on a fresh tmpfs (needs root to mount it) and then on the ordinary disk under /var/tmp.
#   bench/sync-bench.sh [BUILD_DIR] [--rounds N] [--tmpfs-only]
# Not a pass/fail test.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build="$here/build"
rounds=5
tmpfs_only=0
while [ $# -gt 0 ]; do
    case "$1" in
    --rounds) rounds=$2; shift ;;
    --tmpfs-only) tmpfs_only=1 ;;
    *) build=$1 ;;
    esac
    shift
done
cli="$build/app/lanwatch-cli"
[ -x "$cli" ] || { echo "sync-bench: $cli not built (bash scripts/bootstrap.sh build)" >&2; exit 1; }
command -v rsync >/dev/null || { echo "sync-bench: rsync missing (bash scripts/bootstrap.sh deps)" >&2; exit 1; }

now() { date +%s.%N; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

make_tree() { # DIR: 200 folders x 100 files, sizes 100 B .. ~26 KB, fixed old mtimes
    perl -e '
        use strict; my $root = shift; my $blob = ""; $blob .= pack("N", int(rand(2**32))) for 1 .. 7000;
        for my $d (0 .. 199) {
            my $dir = sprintf("%s/dir%03d", $root, $d); mkdir $dir or die "$dir: $!";
            for my $f (0 .. 99) {
                my $i = $d * 100 + $f; my $size = 100 + ($i * 7919) % 26000;
                my $path = sprintf("%s/file%05d.dat", $dir, $i);
                open(my $fh, ">", $path) or die "$path: $!"; binmode $fh;
                print $fh substr($blob, ($i * 131) % 1000, $size); close $fh;
                utime(1600000000 + $i, 1600000000 + $i, $path);
            }
        }' "$1"
}

run_case() { # tool src dst -> seconds
    local t0 t1
    t0=$(now)
    case "$1" in
    lanwatch) "$cli" sync "$2" "$3" --quiet >/dev/null ;;
    rsync) rsync -a --delete "$2/" "$3/" ;;
    cp) mkdir -p "$3" && cp -a "$2/." "$3/" ;;
    esac
    t1=$(now)
    echo "$t1 - $t0" | bc -l
}

bench_on() { # BASE label
    local base=$1 label=$2 src="$1/src" r tool
    rm -rf "$base/src" "$base"/dst-*
    mkdir -p "$src"
    make_tree "$src"
    local bytes files
    bytes=$(du -sb "$src" | cut -f1)
    files=$(find "$src" -type f | wc -l)
    echo "== $label: $files files, $((bytes / 1000000)) MB in $base"
    declare -A times
    local order=(lanwatch rsync cp)
    for r in $(seq 1 "$rounds"); do
        # Rotate who goes first each round, so warm caches and a busy moment favour nobody.
        order=("${order[@]:1}" "${order[0]}")
        for tool in "${order[@]}"; do
            rm -rf "$base/dst-$tool"
            times[first-$tool]+="$(run_case $tool "$src" "$base/dst-$tool")"$'\n'
        done
        for tool in "${order[@]}"; do
            times[none-$tool]+="$(run_case $tool "$src" "$base/dst-$tool")"$'\n'
        done
        # Touch 1% of the files (every 100th) with a new mtime, then sync each tool's copy again.
        find "$src" -name 'file???00.dat' -exec touch -d "@$((1700000000 + r))" {} +
        for tool in "${order[@]}"; do
            times[touched-$tool]+="$(run_case $tool "$src" "$base/dst-$tool")"$'\n'
        done
    done
    # Check the result is right before trusting the numbers: each copy equals the source.
    for tool in lanwatch rsync; do
        if ! diff -r -q --exclude=.lanwatch-versions "$src" "$base/dst-$tool" >/dev/null; then
            echo "!! $tool's copy differs from the source" >&2
        fi
    done
    printf '%-9s %12s %10s %10s %18s\n' case "lanwatch s" "rsync s" "cp -a s" "lanwatch/rsync"
    local c l rs cp
    for c in first none touched; do
        l=$(printf '%s' "${times[$c-lanwatch]}" | median)
        rs=$(printf '%s' "${times[$c-rsync]}" | median)
        cp=$(printf '%s' "${times[$c-cp]}" | median)
        printf '%-9s %12.3f %10.3f %10.3f %18.2f\n' \
            "$([ $c = first ] && echo first || ([ $c = none ] && echo no-change || echo 1%-touch))" "$l" "$rs" "$cp" \
            "$(echo "$l / $rs" | bc -l)"
    done
    rm -rf "$base/src" "$base"/dst-*
    echo
}

echo "median of $rounds interleaved rounds; 'cp -a' re-copies everything on every pass"
if [ "$(id -u)" -eq 0 ]; then
    mnt=$(mktemp -d)
    mount -t tmpfs -o size=3g tmpfs "$mnt"
    trap 'umount "$mnt" 2>/dev/null; rmdir "$mnt" 2>/dev/null' EXIT
    bench_on "$mnt" tmpfs
else
    echo "(not root: no private tmpfs; using /dev/shm)"
    d=$(mktemp -d /dev/shm/lanwatch-bench.XXXX)
    trap 'rm -rf "$d"' EXIT
    bench_on "$d" "tmpfs (/dev/shm)"
fi
if [ $tmpfs_only -eq 0 ]; then
    disk=$(mktemp -d /var/tmp/lanwatch-bench.XXXX)
    bench_on "$disk" "disk ($(df -T /var/tmp | awk 'NR==2 {print $2}'))"
    rmdir "$disk"
fi
