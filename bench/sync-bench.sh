#!/usr/bin/env bash
# sync-bench.sh: lanwatch-cli sync side by side with rsync -a --delete and cp -a, in one run, on a
# tree of 20,000 files in 200 folders (100 B to ~26 KB, ~260 MB): first copy, a pass with nothing to
# do, and a pass after touching 1% of the files. Interleaved rounds, median times, ratio to rsync.
# Runs on a fresh tmpfs (needs root to mount it) and then on the ordinary disk under /var/tmp.
# Then, on the tmpfs only, a big tree of 200,000 files in 2,000 folders (1 B to 4 KB): first copy
# and a no-change pass (cp -a: first copy only).
# Every run also reports its peak RSS: the largest single process (GNU time's %M) and, for rsync,
# which forks into sender, generator and receiver, the peak of the summed VmRSS of all its processes
# (sampled from /proc every 20 ms).
#   bench/sync-bench.sh [BUILD_DIR] [--rounds N] [--tmpfs-only] [--big-only | --no-big]
# Not a pass/fail test, but it stops with an error when a tool fails or a copy differs from its source.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build="$here/build"
rounds=5
tmpfs_only=0
big=1   # the 200,000-file tree
small=1 # the 20,000-file tree
while [ $# -gt 0 ]; do
    case "$1" in
    --rounds)
        [[ ${2:-} =~ ^[1-9][0-9]*$ ]] || { echo "sync-bench: --rounds needs a positive number" >&2; exit 2; }
        rounds=$2
        shift
        ;;
    --tmpfs-only) tmpfs_only=1 ;;
    --big-only) small=0 ;;
    --no-big) big=0 ;;
    -*) echo "sync-bench: unknown option '$1'" >&2; exit 2 ;;
    *) build=$1 ;;
    esac
    shift
done
[ $big -eq 1 ] || [ $small -eq 1 ] || { echo "sync-bench: --big-only and --no-big leave nothing to run" >&2; exit 2; }
cli="$build/app/lanwatch-cli"
[ -x "$cli" ] || { echo "sync-bench: $cli not built (bash scripts/bootstrap.sh build)" >&2; exit 1; }
command -v rsync >/dev/null || { echo "sync-bench: rsync missing (bash scripts/bootstrap.sh deps)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "sync-bench: /usr/bin/time missing (bash scripts/bootstrap.sh deps)" >&2; exit 1; }

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
col_median() { awk -v c="$1" 'NF {print $c}' | median; } # column C of "secs largestKB allKB" lines
col_max() { awk -v c="$1" 'NF && $c > m {m = $c} END {print m + 0}'; }

make_tree() { # DIR FOLDERS FILES_PER_FOLDER MIN_SIZE SIZE_SPAN: sizes MIN .. MIN+SPAN-1, fixed old mtimes
    perl -e '
        use strict; my ($root, $dirs, $per, $min, $span) = @ARGV; my $blob = "";
        $blob .= pack("N", int(rand(2**32))) for 1 .. 7000;
        my $dw = length($dirs - 1); my $fw = length($dirs * $per - 1); # dir000/file00000 for 200 x 100
        for my $d (0 .. $dirs - 1) {
            my $dir = sprintf("%s/dir%0*d", $root, $dw, $d); mkdir $dir or die "$dir: $!";
            for my $f (0 .. $per - 1) {
                my $i = $d * $per + $f; my $size = $min + ($i * 7919) % $span;
                my $path = sprintf("%s/file%0*d.dat", $dir, $fw, $i);
                open(my $fh, ">", $path) or die "$path: $!"; binmode $fh;
                print $fh substr($blob, ($i * 131) % 1000, $size); close $fh or die "$path: $!";
                utime(1600000000 + $i, 1600000000 + $i, $path) or die "$path: $!";
            }
        }' "$@"
}

# CMD... : runs it under GNU time and prints "wall_seconds largest_process_KB all_processes_KB".
# Wall time is taken around a blocking wait, so sampling never delays it. A forked sampler sums
# VmRSS over every descendant of the time process (found through /proc/PID/task/*/children) every
# 20 ms and keeps the largest sum; it stops when the measured process is gone or when told to.
measure() {
    perl -e '
        use strict; use warnings; use POSIX (); use File::Temp (); use Time::HiRes ();
        my $timeFile = File::Temp->new(TEMPLATE => "sync-bench-time.XXXXXX", TMPDIR => 1);
        sub children { my @k; for my $f (glob "/proc/$_[0]/task/*/children") {
            open(my $fh, "<", $f) or next; local $/; push @k, split(" ", <$fh> // "") } return @k }
        sub rssKb { open(my $fh, "<", "/proc/$_[0]/status") or return 0;
            while (<$fh>) { return $1 if /^VmRSS:\s+(\d+)/ } return 0 }
        pipe(my $peakIn, my $peakOut) or die "pipe: $!";
        my $t0 = Time::HiRes::time();
        my $tool = fork() // die "fork: $!";
        if ($tool == 0) {
            close $peakIn;
            open(STDOUT, ">", "/dev/null") or die "/dev/null: $!"; # lanwatch prints a summary even with --quiet
            exec("/usr/bin/time", "-f", "%e %M", "-o", $timeFile->filename, @ARGV) or POSIX::_exit(127);
        }
        my $parent = $$;
        my $sampler = fork() // die "fork: $!";
        if ($sampler == 0) {
            close $peakIn; my $peak = 0; my $stop = 0;
            $SIG{TERM} = sub { $stop = 1 };
            while (!$stop && kill(0, $tool) && getppid() == $parent) {
                my ($sum, @todo) = (0, children($tool));
                while (defined(my $p = shift @todo)) { $sum += rssKb($p); push @todo, children($p) }
                $peak = $sum if $sum > $peak;
                Time::HiRes::sleep(0.02);
            }
            print $peakOut "$peak\n"; close $peakOut; POSIX::_exit(0);
        }
        close $peakOut;
        $SIG{INT} = $SIG{TERM} = sub { exit 1 }; # Ctrl-C: exit, not die, so the time file is removed
        waitpid($tool, 0);
        my $status = $?;
        my $t1 = Time::HiRes::time();
        kill("TERM", $sampler);
        my $all = <$peakIn> // 0; chomp $all;
        waitpid($sampler, 0);
        open(my $fh, "<", $timeFile->filename) or die "time output: $!";
        my @lines = <$fh>; my ($e, $largest) = split(" ", $lines[-1] // "");
        if ($status != 0 || !defined $largest) {
            printf STDERR "sync-bench: \"%s\" failed (wait status %d):\n%s", "@ARGV", $status, join("", @lines);
            exit 1;
        }
        # One process: the kernel-tracked peak is exact where 20 ms sampling may miss a spike.
        $all = $largest if $all < $largest;
        printf("%.6f %d %d\n", $t1 - $t0, $largest, $all);
    ' "$@"
}

run_case() { # tool src dst -> "seconds largestKB allKB"
    case "$1" in
    lanwatch) measure "$cli" sync "$2" "$3" --quiet ;;
    rsync) measure rsync -a --delete "$2/" "$3/" ;;
    cp) mkdir -p "$3" && measure cp -a "$2/." "$3/" ;;
    esac
}

timed_pass() { # NAME-OF-ARRAY case src base tool...: each tool syncs src into base/dst-TOOL (fresh for "first")
    local -n acc=$1
    local c=$2 src=$3 base=$4 tool
    shift 4
    for tool in "$@"; do
        [ "$c" != first ] || rm -rf "$base/dst-$tool"
        acc["$c-$tool"]+="$(run_case "$tool" "$src" "$base/dst-$tool")"$'\n'
    done
}

verify() { # src tool-copy...: fails the whole run when a copy is not the source
    local src=$1 copy
    shift
    for copy in "$@"; do
        if ! diff -r -q --exclude=.lanwatch-versions "$src" "$copy" >/dev/null; then
            echo "!! $(basename "$copy")'s copy differs from the source ($src): the numbers are not valid" >&2
            diff -r -q --exclude=.lanwatch-versions "$src" "$copy" 2>&1 | head -5 >&2 || true
            exit 1
        fi
    done
}

new_tree() { # BASE label make_tree-args...: a fresh BASE/src, announced as "== label: N files, M MB in BASE"
    local base=$1 label=$2 bytes files
    shift 2
    rm -rf "$base/src" "$base"/dst-*
    mkdir -p "$base/src"
    make_tree "$base/src" "$@"
    bytes=$(du -sb "$base/src" | cut -f1)
    files=$(find "$base/src" -type f | wc -l)
    echo "== $label: $files files, $((bytes / 1000000)) MB in $base"
}

case_name() { case $1 in first) echo first ;; none) echo no-change ;; touched) echo 1%-touch ;; esac; }

# NAME-OF-ARRAY case...: one row per case and tool from "seconds largestKB allKB" lines (median time,
# largest RSS over the rounds); ratios against rsync's median time and rsync's all-process peak.
rss_table() {
    local -n runs=$1
    shift
    local c tool s one all rs rall
    printf '%-9s %-8s %8s %14s %14s %11s %10s\n' case tool "wall s" "RSS MB 1 proc" "RSS MB all" "time/rsync" "RSS/rsync"
    for c in "$@"; do
        rs=$(printf '%s' "${runs[$c-rsync]}" | col_median 1)
        rall=$(printf '%s' "${runs[$c-rsync]}" | col_max 3)
        for tool in lanwatch rsync cp; do
            [ -n "${runs[$c-$tool]:-}" ] || continue
            s=$(printf '%s' "${runs[$c-$tool]}" | col_median 1)
            one=$(printf '%s' "${runs[$c-$tool]}" | col_max 2)
            all=$(printf '%s' "${runs[$c-$tool]}" | col_max 3)
            printf '%-9s %-8s %8.3f %14.1f %14.1f %11.2f %10.2f\n' "$(case_name "$c")" "$tool" "$s" \
                "$(echo "$one / 1024" | bc -l)" "$(echo "$all / 1024" | bc -l)" \
                "$(echo "$s / $rs" | bc -l)" "$(echo "$all / $rall" | bc -l)"
        done
    done
    echo "RSS MB 1 proc: largest single process (GNU time %M); RSS MB all: peak of the summed VmRSS of all"
    echo "the tool's processes (20 ms samples; rsync = sender + generator + receiver, pages shared by fork"
    echo "counted in each); RSS/rsync: RSS MB all over rsync's. Times median, RSS the largest of $rounds rounds."
}

bench_on() { # BASE label: the 20,000-file tree
    local base=$1 label=$2 src="$1/src" r tool
    new_tree "$base" "$label" 200 100 100 26000
    declare -A times
    local order=(lanwatch rsync cp)
    for r in $(seq 1 "$rounds"); do
        # Rotate who goes first each round, so warm caches and a busy moment favour nobody.
        order=("${order[@]:1}" "${order[0]}")
        timed_pass times first "$src" "$base" "${order[@]}"
        timed_pass times none "$src" "$base" "${order[@]}"
        # Touch 1% of the files (every 100th) with a new mtime, then sync each tool's copy again.
        find "$src" -name 'file???00.dat' -exec touch -d "@$((1700000000 + r))" {} +
        timed_pass times touched "$src" "$base" "${order[@]}"
    done
    # Check the result is right before trusting the numbers: each copy equals the source.
    verify "$src" "$base/dst-lanwatch" "$base/dst-rsync" "$base/dst-cp"
    printf '%-9s %12s %10s %10s %18s\n' case "lanwatch s" "rsync s" "cp -a s" "lanwatch/rsync"
    local c l rs cp
    for c in first none touched; do
        l=$(printf '%s' "${times[$c-lanwatch]}" | col_median 1)
        rs=$(printf '%s' "${times[$c-rsync]}" | col_median 1)
        cp=$(printf '%s' "${times[$c-cp]}" | col_median 1)
        printf '%-9s %12.3f %10.3f %10.3f %18.2f\n' "$(case_name $c)" "$l" "$rs" "$cp" "$(echo "$l / $rs" | bc -l)"
    done
    echo
    rss_table times first none touched
    rm -rf "$base/src" "$base"/dst-*
    echo
}

big_on() { # BASE label: the 200,000-file tree; first copy and no-change pass
    local base=$1 label=$2 src="$1/src" r tool
    new_tree "$base" "$label" 2000 100 1 4096
    declare -A times
    local order=(lanwatch rsync cp)
    for r in $(seq 1 "$rounds"); do
        order=("${order[@]:1}" "${order[0]}")
        for tool in "${order[@]}"; do
            timed_pass times first "$src" "$base" "$tool"
            if [ "$tool" = cp ]; then
                # cp has no no-change pass; its copy goes at once so at most three trees share the tmpfs.
                [ "$r" -gt 1 ] || verify "$src" "$base/dst-cp"
                rm -rf "$base/dst-cp"
            fi
        done
        # Check the first copies once: the no-change pass must start from a right copy, not mend it.
        [ "$r" -gt 1 ] || verify "$src" "$base/dst-lanwatch" "$base/dst-rsync"
        local synced=()
        for tool in "${order[@]}"; do [ "$tool" = cp ] || synced+=("$tool"); done
        timed_pass times none "$src" "$base" "${synced[@]}"
    done
    verify "$src" "$base/dst-lanwatch" "$base/dst-rsync"
    rss_table times first none
    rm -rf "$base/src" "$base"/dst-*
    echo
}

# Whatever happens (a failed copy, Ctrl-C), the private tmpfs and the scratch folders go away.
mnt='' shm='' disk=''
cleanup() {
    if [ -n "$mnt" ]; then
        umount "$mnt" 2>/dev/null || umount -l "$mnt" 2>/dev/null || true
        rmdir "$mnt" 2>/dev/null || true
    fi
    [ -z "$shm" ] || rm -rf "$shm"
    [ -z "$disk" ] || rm -rf "$disk"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "median of $rounds interleaved rounds; 'cp -a' re-copies everything on every pass"
if [ "$(id -u)" -eq 0 ]; then
    mnt=$(mktemp -d)
    # Three copies of the 200,000-file tree at a time (source, lanwatch's, rsync's), each ~800 MB of
    # tmpfs pages (every file takes a 4 KB page), plus cp's until it is checked and removed.
    mount -t tmpfs -o size=4g tmpfs "$mnt"
    tmp=$mnt
    tmp_label=tmpfs
else
    echo "(not root: no private tmpfs; using /dev/shm)"
    shm=$(mktemp -d /dev/shm/lanwatch-bench.XXXX)
    tmp=$shm
    tmp_label="tmpfs (/dev/shm)"
fi
[ $small -eq 0 ] || bench_on "$tmp" "$tmp_label"
if [ $small -eq 1 ] && [ $tmpfs_only -eq 0 ]; then
    disk=$(mktemp -d /var/tmp/lanwatch-bench.XXXX)
    bench_on "$disk" "disk ($(df -T /var/tmp | awk 'NR==2 {print $2}'))"
    rmdir "$disk"
    disk=''
fi
[ $big -eq 0 ] || big_on "$tmp" "$tmp_label, big tree"
