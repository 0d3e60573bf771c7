#!/usr/bin/env python3
"""l2delay.py LAN_IF HOST_IF DELAY_MS: a layer-2 relay that makes one lab host slow.

Frames from the LAN side reach the host DELAY_MS late; the host's frames go back at once. So every
question put to the host (an ARP request, a ping, a TCP SYN) is answered DELAY_MS later than on a
plain link, as a Wi-Fi device in power save does. This kernel has no netem qdisc, hence user space.
Runs in a namespace of its own whose two links carry no address. Ends on SIGTERM.
"""
import heapq
import select
import signal
import socket
import sys
import time

ETH_P_ALL = 0x0003
PACKET_OUTGOING = 4


def open_link(name):
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ALL))
    s.bind((name, 0))
    s.setblocking(False)
    return s


def main():
    lan_if, host_if, delay_ms = sys.argv[1], sys.argv[2], float(sys.argv[3])
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    lan, host = open_link(lan_if), open_link(host_if)
    print("ready", flush=True)  # lab.sh waits for this: frames sent before it would be lost
    delay = delay_ms / 1000.0
    queue = []  # (due, seq, frame) for the host side
    seq = 0
    while True:
        timeout = max(0.0, queue[0][0] - time.monotonic()) if queue else None
        ready, _, _ = select.select([lan, host], [], [], timeout)
        for s in ready:
            while True:
                try:
                    frame, addr = s.recvfrom(65535)
                except BlockingIOError:
                    break
                if addr[2] == PACKET_OUTGOING:
                    continue  # our own sends
                if s is lan:
                    seq += 1
                    heapq.heappush(queue, (time.monotonic() + delay, seq, frame))
                else:
                    lan.send(frame)
        now = time.monotonic()
        while queue and queue[0][0] <= now:
            host.send(heapq.heappop(queue)[2])


if __name__ == "__main__":
    main()
