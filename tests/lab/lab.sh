#!/usr/bin/env bash
# lab.sh: a real test LAN made of network namespaces, veth links and a bridge, for lanwatch's scan
# tests and benchmarks. Nothing in it can reach the machine's own networks: the scanner namespace's
# only link is the lab bridge and it has no default route.
#
#   lab.sh up NAME [--big] [--subnet N]
#                            build the lab (removing a stale one of the same NAME first) and print
#                              LAB_NS=<scanner namespace>  LAB_IF=<its interface>
#                              LAB_TARGET=<the /24>        LAB_DIR=<state directory>
#                              LAB_BIG_TARGET=<the /16>    (with --big)
#                            the /24 is 10.251.N.0/24, N from 1 to 19 (default 7), so two labs that one
#                            test joins (two sites) can have different subnets
#   lab.sh down NAME         remove every namespace, process and file of the lab
#   lab.sh join NAME CLIENT MAC
#                            add a namespace with one link to the lab's bridge, the MAC given and no
#                            address (a device arriving), and print
#                              LAB_CLIENT_NS=<its namespace>  LAB_CLIENT_IF=<its interface>
#                              LAB_UDHCPC_SCRIPT=<a busybox udhcpc script that configures the lease>
#                            the lab's dnsmasq hands out $lan.100-199 by DHCP (no ping check, so a
#                            lease takes milliseconds, not the seconds of dnsmasq's address probe)
#   lab.sh slow NAME CLIENT MAC IP/PREFIX DELAY_MS
#                            add a host at IP with the MAC given behind a layer-2 relay (l2delay.py) that
#                            delivers everything sent to it DELAY_MS late (a phone in Wi-Fi power save);
#                            it answers ping and ARP, and goes with the lab. Prints LAB_SLOW_NS=<namespace>
#   lab.sh names NAME        start the devices' own name responders in the lab's hosts (tests/lab/names/
#                            expected.tsv lists what each one announces): avahi-daemon (mDNS) on .3, .16 and
#                            .19, .16 answering only queries from port 5353 (like an iPhone), .19 a printer
#                            with _ipp._tcp and a TXT model; Samba's nmbd (NetBIOS) on .12; misbehaving
#                            responders (names/badresponders.py) on .13: garbage on 137, mDNS compression
#                            loops; SSDP responders (names/ssdp.py): a TV on .14, a 10 MB description on .17,
#                            a LOCATION on another host on .18. Waits until every one answers, then prints
#                            LAB_NAMES=<expected.tsv path>
#
# $LAB_DIR/expected.tsv lists the /24's live addresses (the scanner's own included), one per line:
#   ip  mac  vendor  hostname  icmp_silent  tcp_port  role
# and with --big, $LAB_DIR/expected-big.tsv lists the ~400 extra addresses of the /16 (same columns).
# Needs root, iproute2, nftables, dnsmasq and socat. Exits 77 (the "skip" code) when not root.
set -euo pipefail

usage() {
    echo "usage: $0 up NAME [--big] [--subnet N] | down NAME | join NAME CLIENT MAC | slow NAME CLIENT MAC IP/PREFIX DELAY_MS | names NAME" >&2
    exit 2
}

[ $# -ge 2 ] || usage
cmd=$1
name=$2
big=0
subnet=7
if [ "$cmd" = "up" ]; then
    shift 2
    while [ $# -gt 0 ]; do
        case $1 in
        --big) big=1 ;;
        --subnet)
            subnet=${2:-}
            [[ $subnet =~ ^[0-9]{1,2}$ ]] && [ "$subnet" -ge 1 ] && [ "$subnet" -le 19 ] ||
                { echo "lab.sh: --subnet takes N from 1 to 19 (the lab is then 10.251.N.0/24)" >&2; exit 2; }
            shift
            ;;
        *) usage ;;
        esac
        shift
    done
    set -- up "$name"
fi
[[ $name =~ ^[a-z0-9]{1,6}$ ]] || { echo "lab.sh: NAME must be 1-6 lower-case letters/digits" >&2; exit 2; }
if [ "$(id -u)" -ne 0 ]; then
    echo "lab.sh: building network namespaces needs root" >&2
    exit 77
fi
for tool in ip nft dnsmasq socat; do
    command -v "$tool" >/dev/null || { echo "lab.sh: '$tool' is missing (run scripts/bootstrap.sh deps)" >&2; exit 1; }
done

prefix="lw$name"
sw="$prefix-sw"
scan="$prefix-scan"
dir="${TMPDIR:-/tmp}/lanwatch-lab-$name"
net="10.251"
lan="$net.$subnet" # the /16's extra hosts (--big) are in 10.251.20-243.x, clear of every N

# The kernel's neighbour-table limits (gc_thresh1-3) are global: current kernels show them only in the
# initial namespace. An unprivileged /16 scan resolves through that table, and at the default 1024
# entries it overflows ("neighbor table overflow") and hosts go missing (measured: 161 of 423 found).
# A --big lab raises them for its lifetime; the last big lab to go down puts the saved values back.
gc=/proc/sys/net/ipv4/neigh/default
# Other labs' saves, by glob: a walk of the whole temp folder would trip over anything unrelated in it
# (an unreadable folder, a FUSE mount whose daemon died answers ENOTCONN).
other_gc_saves() {
    local saved
    for saved in "$(dirname "$dir")"/lanwatch-lab-*/gc_thresh.saved; do
        [ -f "$saved" ] && [ "$saved" != "$dir/gc_thresh.saved" ] && echo "$saved"
    done
    return 0
}
raise_gc_thresh() {
    local saved
    saved=$(other_gc_saves | head -1)
    if [ -n "$saved" ]; then
        cp "$saved" "$dir/gc_thresh.saved" # another big lab already saved the machine's own values
    else
        paste -d' ' "$gc/gc_thresh1" "$gc/gc_thresh2" "$gc/gc_thresh3" >"$dir/gc_thresh.saved"
    fi
    local i want current
    for i in 1 2 3; do
        want=$((i == 1 ? 4096 : i == 2 ? 32768 : 131072))
        current=$(cat "$gc/gc_thresh$i")
        [ "$current" -lt "$want" ] && echo "$want" >"$gc/gc_thresh$i"
    done
    return 0
}
restore_gc_thresh() {
    [ -f "$dir/gc_thresh.saved" ] || return 0
    [ -z "$(other_gc_saves)" ] || return 0
    local t1 t2 t3
    read -r t1 t2 t3 <"$dir/gc_thresh.saved"
    # thresh3 >= thresh2 >= thresh1 at every step: lower the smallest first.
    echo "$t1" >"$gc/gc_thresh1"
    echo "$t2" >"$gc/gc_thresh2"
    echo "$t3" >"$gc/gc_thresh3"
}

teardown() {
    restore_gc_thresh
    if [ -f "$dir/pids" ]; then
        while read -r pid; do kill "$pid" 2>/dev/null || true; done <"$dir/pids"
    fi
    # A process left in a namespace keeps it alive: kill whatever still runs in ours, then delete.
    local ns
    for ns in $(ip netns list | awk -v p="^$prefix-" '$1 ~ p {print $1}'); do
        ip netns pids "$ns" 2>/dev/null | xargs -r kill 2>/dev/null || true
        ip netns del "$ns" 2>/dev/null || true
    done
    rm -rf "/etc/netns/$scan" "$dir"
}

if [ "$cmd" = "down" ]; then
    teardown
    exit 0
fi

if [ "$cmd" = "join" ]; then
    client=${3:-}
    client_mac=${4:-}
    [[ $client =~ ^[a-z0-9]{1,4}$ ]] || { echo "lab.sh: CLIENT must be 1-4 lower-case letters/digits" >&2; exit 2; }
    [[ $client_mac =~ ^([0-9a-f]{2}:){5}[0-9a-f]{2}$ ]] || { echo "lab.sh: MAC must be aa:bb:cc:dd:ee:ff" >&2; exit 2; }
    [ -d "$dir" ] && ip netns list | grep -q "^$sw\b" || { echo "lab.sh: lab $name is not up" >&2; exit 1; }
    client_ns="$prefix-c$client"
    ip netns del "$client_ns" 2>/dev/null || true
    ip netns add "$client_ns"
    ip netns exec "$client_ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
    ip -n "$client_ns" link set lo up
    ip link add eth0 netns "$client_ns" type veth peer name "pc$client" netns "$sw"
    ip -n "$sw" link set "pc$client" master br0 up
    ip -n "$client_ns" link set eth0 address "$client_mac" up
    cat >"$dir/udhcpc.script" <<'EOF'
#!/bin/sh
# busybox udhcpc calls this with the lease in the environment ($ip, $mask = prefix length).
case "$1" in
deconfig) ip addr flush dev "$interface" ;;
bound | renew) ip addr flush dev "$interface" && ip addr add "$ip/${mask:-24}" dev "$interface" ;;
esac
exit 0
EOF
    chmod 755 "$dir/udhcpc.script"
    echo "LAB_CLIENT_NS=$client_ns"
    echo "LAB_CLIENT_IF=eth0"
    echo "LAB_UDHCPC_SCRIPT=$dir/udhcpc.script"
    exit 0
fi
if [ "$cmd" = "slow" ]; then
    client=${3:-}
    client_mac=${4:-}
    client_ip=${5:-}
    delay_ms=${6:-}
    [[ $client =~ ^[a-z0-9]{1,4}$ ]] || { echo "lab.sh: CLIENT must be 1-4 lower-case letters/digits" >&2; exit 2; }
    [[ $client_mac =~ ^([0-9a-f]{2}:){5}[0-9a-f]{2}$ ]] || { echo "lab.sh: MAC must be aa:bb:cc:dd:ee:ff" >&2; exit 2; }
    [[ $client_ip =~ ^[0-9.]+/[0-9]+$ ]] || { echo "lab.sh: IP must be given with its prefix, a.b.c.d/nn" >&2; exit 2; }
    [[ $delay_ms =~ ^[0-9]+$ ]] || { echo "lab.sh: DELAY_MS must be a whole number" >&2; exit 2; }
    [ -d "$dir" ] && ip netns list | grep -q "^$sw\b" || { echo "lab.sh: lab $name is not up" >&2; exit 1; }
    host_ns="$prefix-c$client"
    relay_ns="$prefix-r$client"
    ip netns del "$host_ns" 2>/dev/null || true
    ip netns del "$relay_ns" 2>/dev/null || true
    ip netns add "$host_ns"
    ip netns add "$relay_ns"
    for ns in "$host_ns" "$relay_ns"; do
        ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
        ip -n "$ns" link set lo up
    done
    ip link add lan netns "$relay_ns" type veth peer name "ps$client" netns "$sw"
    ip -n "$sw" link set "ps$client" master br0 up
    ip link add eth0 netns "$host_ns" type veth peer name host netns "$relay_ns"
    ip -n "$relay_ns" link set lan promisc on up
    ip -n "$relay_ns" link set host promisc on up
    ip -n "$host_ns" link set eth0 address "$client_mac" up
    ip -n "$host_ns" addr add "$client_ip" dev eth0
    ip netns exec "$relay_ns" python3 "$(dirname "${BASH_SOURCE[0]}")/l2delay.py" lan host "$delay_ms" \
        </dev/null >"$dir/l2delay-$client.ready" 2>"$dir/l2delay-$client.log" &
    echo $! >>"$dir/pids"
    # The relay is the host's only link: wait until it forwards (at most 10 s), or say why it did not.
    for _ in $(seq 100); do
        [ -s "$dir/l2delay-$client.ready" ] && break
        sleep 0.1
    done
    [ -s "$dir/l2delay-$client.ready" ] || { echo "lab.sh: the delay relay did not start: $(cat "$dir/l2delay-$client.log")" >&2; exit 1; }
    echo "LAB_SLOW_NS=$host_ns"
    exit 0
fi
if [ "$cmd" = "names" ]; then
    [ -d "$dir" ] && ip netns list | grep -q "^$sw\b" || { echo "lab.sh: lab $name is not up" >&2; exit 1; }
    for tool in avahi-daemon nmbd python3; do
        command -v "$tool" >/dev/null || { echo "lab.sh: '$tool' is missing (run scripts/bootstrap.sh deps)" >&2; exit 1; }
    done
    here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
    lan=$(awk -F'\t' 'NR == 2 { split($1, a, "."); print a[1] "." a[2] "." a[3] }' "$dir/expected.tsv")
    # avahi OCTET HOSTNAME [SERVICE-FILE...]: its own /run/avahi-daemon and /etc/avahi/services, in the
    # private mount namespace 'ip netns exec' gives every command, so it sees none of the machine's own.
    avahi() {
        local octet=$1 host=$2 adir="$dir/avahi-$1"
        shift 2
        mkdir -p "$adir/services" "$adir/run"
        cat >"$adir/avahi-daemon.conf" <<EOF
[server]
host-name=$host
domain-name=local
use-ipv4=yes
use-ipv6=no
allow-interfaces=eth0
enable-dbus=no
[wide-area]
enable-wide-area=no
[publish]
publish-addresses=yes
publish-hinfo=no
publish-workstation=no
publish-aaaa-on-ipv4=no
[reflector]
enable-reflector=no
EOF
        local f
        for f in "$@"; do cp "$here/names/$f" "$adir/services/"; done
        ip netns exec "$prefix-h$octet" sh -c 'mkdir -p /run/avahi-daemon /etc/avahi/services &&
            mount -t tmpfs none /run/avahi-daemon && mount --bind "$1/services" /etc/avahi/services &&
            exec avahi-daemon -f "$1/avahi-daemon.conf" --no-drop-root --no-chroot --no-rlimits --no-proc-title' \
            sh "$adir" </dev/null >/dev/null 2>"$adir/log" &
        echo $! >>"$dir/pids"
    }
    avahi 3 macbook device-info.service ssh.service
    avahi 16 annas-iphone
    avahi 19 printer ipp.service
    # An iPhone answers only questions from port 5353 (it does not serve RFC 6762 6.7 legacy unicast).
    ip netns exec "$prefix-h16" nft add table inet lab
    ip netns exec "$prefix-h16" nft add chain inet lab input '{ type filter hook input priority 0; policy accept; }'
    ip netns exec "$prefix-h16" nft add rule inet lab input udp dport 5353 udp sport != 5353 drop
    # nmbd: NetBIOS name WORKPC, every state file in the lab's directory.
    ndir="$dir/nmbd"
    mkdir -p "$ndir/lock" "$ndir/state" "$ndir/cache" "$ndir/pid" "$ndir/private" "$ndir/log" "$ndir/ncalrpc"
    cat >"$ndir/smb.conf" <<EOF
[global]
netbios name = WORKPC
workgroup = LAB
interfaces = $lan.12/24
bind interfaces only = yes
lock directory = $ndir/lock
state directory = $ndir/state
cache directory = $ndir/cache
pid directory = $ndir/pid
private dir = $ndir/private
ncalrpc dir = $ndir/ncalrpc
log file = $ndir/log/nmbd.log
local master = no
domain master = no
preferred master = no
EOF
    ip netns exec "$prefix-h12" nmbd -F --no-process-group -s "$ndir/smb.conf" </dev/null >/dev/null 2>&1 &
    echo $! >>"$dir/pids"
    ip netns exec "$prefix-h13" python3 "$here/names/badresponders.py" </dev/null >/dev/null 2>"$dir/badresponders.log" &
    echo $! >>"$dir/pids"
    # SSDP/UPnP: a TV on .14; on .17 a 10 MB description; on .18 a LOCATION on another host (.2).
    for ssdp in 14:tv 17:huge 18:elsewhere; do
        ip netns exec "$prefix-h${ssdp%%:*}" python3 "$here/names/ssdp.py" "$lan.${ssdp%%:*}" "${ssdp#*:}" \
            </dev/null >/dev/null 2>"$dir/ssdp-${ssdp%%:*}.log" &
        echo $! >>"$dir/pids"
    done
    # Ready: each avahi has its name and services established, nmbd and the bad responders listen.
    names_ready() {
        local octet
        for octet in 3 16 19; do
            grep -q "Server startup complete" "$dir/avahi-$octet/log" 2>/dev/null || return 1
        done
        for octet in 3 19; do
            grep -q "successfully established" "$dir/avahi-$octet/log" 2>/dev/null || return 1
        done
        [ -n "$(ip netns exec "$prefix-h12" ss -Hlun "sport = :137")" ] || return 1
        [ -n "$(ip netns exec "$prefix-h13" ss -Hlun "sport = :5353")" ] || return 1
        [ -n "$(ip netns exec "$prefix-h13" ss -Hlun "sport = :137")" ] || return 1
        for octet in 14 17 18; do
            [ -n "$(ip netns exec "$prefix-h$octet" ss -Hlun "sport = :1900")" ] || return 1
            [ -n "$(ip netns exec "$prefix-h$octet" ss -Hltn "sport = :49152")" ] || return 1
        done
    }
    for attempt in $(seq 1 150); do
        names_ready && break
        if [ "$attempt" -eq 150 ]; then
            echo "lab.sh: the name responders did not start within 15 s:" >&2
            cat "$dir"/avahi-*/log "$ndir/log/nmbd.log" "$dir/badresponders.log" "$dir"/ssdp-*.log >&2 2>/dev/null || true
            exit 1
        fi
        sleep 0.1
    done
    echo "LAB_NAMES=$here/names/expected.tsv"
    exit 0
fi
[ "$cmd" = "up" ] || usage
# A lab of this NAME in use by a live process (another test run, a bench) is waited for, not torn down
# under it: $dir/owner holds the pid of the process that built it (lab.sh's parent).
for _ in $(seq 1200); do
    owner=$(cat "$dir/owner" 2>/dev/null || true)
    [[ $owner =~ ^[0-9]+$ ]] && [ "$owner" != "$PPID" ] && kill -0 "$owner" 2>/dev/null || break
    [ "${waited:-0}" = 1 ] || echo "lab.sh: lab $name is in use by process $owner; waiting for it" >&2
    waited=1
    sleep 0.5
done
owner=$(cat "$dir/owner" 2>/dev/null || true)
if [[ $owner =~ ^[0-9]+$ ]] && [ "$owner" != "$PPID" ] && kill -0 "$owner" 2>/dev/null; then
    echo "lab.sh: lab $name is still in use by process $owner after 10 minutes" >&2
    exit 1
fi
teardown
# A lab that fails half-way is removed again, so no half-built namespace or daemon outlives the error.
on_exit() {
    local status=$?
    if [ $status -ne 0 ]; then
        echo "lab.sh: building lab $name failed, removing it" >&2
        teardown
    fi
    exit $status
}
trap on_exit EXIT
mkdir -p "$dir"
: >"$dir/pids"

in_ns() { ip netns exec "$@"; }

quiet_ns() { # no IPv6 chatter (DAD, router solicitations) in the captures and timings
    in_ns "$1" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
    ip -n "$1" link set lo up
}

ip netns add "$sw"
quiet_ns "$sw"
ip -n "$sw" link add br0 type bridge stp_state 0 forward_delay 0
ip -n "$sw" link set br0 up

port=0
# attach NS MAC: a veth "eth0" in NS, its peer a port of the bridge
attach() {
    port=$((port + 1))
    ip link add eth0 netns "$1" type veth peer name "p$port" netns "$sw"
    ip -n "$sw" link set "p$port" master br0 up
    ip -n "$1" link set eth0 address "$2" up
}

# ---- the scanner ----
ip netns add "$scan"
quiet_ns "$scan"
attach "$scan" 02:1a:b0:00:07:01
if [ $big -eq 1 ]; then
    ip -n "$scan" addr add "$lan.1/16" dev eth0
else
    ip -n "$scan" addr add "$lan.1/24" dev eth0
fi
# Unprivileged users may ping here (the lab's unprivileged runs use setpriv --reuid=nobody).
in_ns "$scan" sysctl -qw net.ipv4.ping_group_range="0 2147483647"
mkdir -p "/etc/netns/$scan"
printf 'nameserver %s\noptions timeout:1 attempts:2\n' "$lan.2" >"/etc/netns/$scan/resolv.conf"

# ---- the /24's hosts ----
# octet  mac                 vendor (exact IEEE registry name)   hostname          icmp_silent tcp_port
hosts=$(
    cat <<'EOF'
2	b8:27:eb:12:34:02	Raspberry Pi Foundation	dns.lab.test	0	53
3	f0:b4:79:00:00:03	Apple, Inc.	macbook.lab.test	0	-
4	00:11:32:00:00:04	Synology Incorporated	nas.lab.test	0	445
5	20:85:93:b0:00:05	IOG Products LLC	-	0	-
6	70:b3:d5:f2:f0:06	TELEPLATFORMS	-	0	-
7	02:42:0a:fb:07:07	Locally administered	container.lab.test	0	-
8	00:1b:21:00:00:08	Intel Corporate	-	1	-
9	00:00:0c:00:00:09	Cisco Systems, Inc	web.lab.test	1	8080
10	18:e8:29:00:00:0a	Ubiquiti Networks Inc.	ssh.lab.test	0	22
11	b0:be:76:00:00:0b	TP-LINK TECHNOLOGIES CO.,LTD.	-	0	80
12	00:15:5d:00:00:0c	Microsoft Corporation	-	0	-
13	00:0c:29:00:00:0d	VMware, Inc.	-	0	-
14	f4:f5:d8:00:00:0e	Google, Inc.	-	0	-
15	dc:a6:32:00:00:0f	Raspberry Pi Trading Ltd	stealth.lab.test	2	-
16	3c:22:fb:00:00:10	Apple, Inc.	-	0	-
17	00:1a:11:00:00:11	Google, Inc.	-	1	-
18	d8:bb:2c:00:00:12	Apple, Inc.	-	0	-
19	28:cf:e9:00:00:13	Apple, Inc.	printer.lab.test	0	-
20	00:00:0c:00:00:14	Cisco Systems, Inc	-	0	-
21	00:1b:21:00:00:15	Intel Corporate	-	0	-
30	b8:27:eb:00:00:1e	Raspberry Pi Foundation	-	0	-
254	00:00:0c:00:00:fe	Cisco Systems, Inc	gw.lab.test	0	-
EOF
)
# icmp_silent: 1 drops ICMP echo (nft), 2 drops every IPv4 packet (only ARP answers: "stealth").

printf 'ip\tmac\tvendor\thostname\ticmp_silent\ttcp_port\trole\n' >"$dir/expected.tsv"
printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$lan.1" 02:1a:b0:00:07:01 "Locally administered" scanner.lab.test 0 - scanner \
    >>"$dir/expected.tsv"
dns_records=(--host-record=scanner.lab.test,"$lan.1")

while IFS=$'\t' read -r octet mac vendor hostname silent tcp; do
    ns="$prefix-h$octet"
    ip netns add "$ns"
    quiet_ns "$ns"
    attach "$ns" "$mac"
    ip -n "$ns" addr add "$lan.$octet/24" dev eth0
    if [ "$silent" != 0 ]; then
        in_ns "$ns" nft add table inet lab
        in_ns "$ns" nft add chain inet lab input '{ type filter hook input priority 0; policy accept; }'
        if [ "$silent" = 1 ]; then
            in_ns "$ns" nft add rule inet lab input icmp type echo-request drop
        else
            in_ns "$ns" nft add rule inet lab input meta nfproto ipv4 drop
        fi
    fi
    if [ "$tcp" != - ] && [ "$tcp" != 53 ]; then
        # 'ip netns exec' execs socat, so $! is socat itself; no fd of ours (stdout!) stays open in it.
        ip netns exec "$ns" socat "TCP-LISTEN:$tcp,fork,reuseaddr" SYSTEM:'echo lanwatch-lab' \
            </dev/null >/dev/null 2>&1 &
        echo $! >>"$dir/pids"
    fi
    [ "$hostname" != - ] && dns_records+=(--host-record="$hostname,$lan.$octet")
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$lan.$octet" "$mac" "$vendor" "$hostname" "$silent" "$tcp" host \
        >>"$dir/expected.tsv"
done <<<"$hosts"

# The lab's DNS (A and PTR records) on .2; names outside the records get NXDOMAIN at once.
# Its stdout must not be ours: a caller reading "$(lab.sh up ...)" would wait for EOF forever.
ip netns exec "$prefix-h2" dnsmasq --keep-in-foreground --no-resolv --no-hosts \
    --bind-interfaces --listen-address="$lan.2" --local=/lab.test/ --local=/251.10.in-addr.arpa/ \
    --pid-file="$dir/dnsmasq.pid" --user=root --log-facility=/dev/null "${dns_records[@]}" \
    --dhcp-range="$lan.100,$lan.199,255.255.255.0,1h" --dhcp-leasefile="$dir/dnsmasq.leases" --no-ping \
    </dev/null >/dev/null 2>&1 &
echo $! >>"$dir/pids"

echo "LAB_NS=$scan"
echo "LAB_IF=eth0"
echo "LAB_TARGET=$lan.0/24"
echo "$PPID" >"$dir/owner"
echo "LAB_DIR=$dir"

# ---- the /16: ~400 more addresses in 8 namespaces (one MAC each, 50 addresses on one link) ----
if [ $big -eq 1 ]; then
    raise_gc_thresh
    printf 'ip\tmac\tvendor\thostname\ticmp_silent\ttcp_port\trole\n' >"$dir/expected-big.tsv"
    for b in 1 2 3 4 5 6 7 8; do
        ns="$prefix-b$b"
        mac=$(printf '00:1b:21:0b:00:%02x' "$b")
        ip netns add "$ns"
        quiet_ns "$ns"
        attach "$ns" "$mac"
        batch=""
        for j in $(seq 1 50); do
            third=$((20 + (b - 1) * 28 + (j - 1) / 2))
            fourth=$(((j * 37 + b * 11) % 250 + 2))
            batch+="address add $net.$third.$fourth/16 dev eth0"$'\n'
            printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$net.$third.$fourth" "$mac" "Intel Corporate" - 0 - host \
                >>"$dir/expected-big.tsv"
        done
        ip -n "$ns" -batch - <<<"$batch"
    done
    echo "LAB_BIG_TARGET=$net.0.0/16"
fi

# Wait until DNS answers and every listener listens, so the first scan is not a race with their start-up.
ready() {
    in_ns "$scan" getent hosts "$lan.2" >/dev/null 2>&1 || return 1
    local octet tcp
    while IFS=$'\t' read -r octet _ _ _ _ tcp; do
        [ "$tcp" = - ] && continue
        [ -n "$(ip netns exec "$prefix-h$octet" ss -Hltn "sport = :$tcp")" ] || return 1
    done <<<"$hosts"
}
for attempt in $(seq 1 100); do
    ready && break
    [ "$attempt" -eq 100 ] && { echo "lab.sh: dnsmasq or a socat listener did not start within 10 s" >&2; exit 1; }
    sleep 0.1
done
# Start every scan from an empty neighbour table: the checks above must not have done ARP for a scanner.
ip -n "$scan" neigh flush all
trap - EXIT
