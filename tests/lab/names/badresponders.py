#!/usr/bin/env python3
"""Misbehaving name responders for lanwatch's lab (lab.sh names): every question on UDP 5353 (mDNS) and
137 (NetBIOS) gets replies that must be ignored: compression loops, records past the end, a datagram too
large for the prober's buffer, random bytes, a node status whose name count runs past its data."""
import os
import select
import socket
import struct


def udp(port):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("0.0.0.0", port))
    return s


def question(query):
    """The question's name as sent (uncompressed labels), with its type and class; None if unreadable."""
    p = 12
    while p < len(query) and query[p] != 0:
        p += 1 + query[p]
    if p + 5 > len(query):
        return None
    return query[12:p + 5]


def mdns_replies(query):
    q = question(query)
    if q is None:
        return []
    name = q[:-4]
    header = struct.pack(">HHHHHH", 0, 0x8400, 0, 1, 0, 0)
    # The PTR data points at itself (offset of its own first byte): a loop.
    at = 12 + len(name) + 10
    loop_self = header + name + struct.pack(">HHIH", 12, 1, 120, 2) + bytes([0xC0 | (at >> 8), at & 0xFF])
    # Two pointers that point at each other: the owner points forward to the data, the data back.
    forward = header + b"\xc0\x0e" + struct.pack(">HHIH", 12, 1, 120, 2) + b"\xc0\x0c"
    past_end = header + name + struct.pack(">HHIH", 12, 1, 120, 200) + b"\x03abc"
    huge = header + name + struct.pack(">HHIH", 12, 1, 120, 20000) + b"\x01a" * 10000
    return [loop_self, forward, past_end, huge, os.urandom(40)]


def netbios_replies(query):
    if len(query) < 2:
        return []
    tid = query[:2]
    rr = b"\x20" + b"CKAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" + b"\x00" + struct.pack(">HHI", 0x21, 1, 0)
    too_many = tid + b"\x84\x00\x00\x00\x00\x01\x00\x00\x00\x00" + rr + struct.pack(">H", 19) + b"\xc8" + b"EVIL" * 4 + b"\x00\x04"
    cut = tid + b"\x84\x00\x00\x00\x00\x01\x00\x00\x00\x00" + rr[:20]
    return [os.urandom(60), too_many, cut, tid + os.urandom(10)]


def main():
    mdns, netbios = udp(5353), udp(137)
    while True:
        ready, _, _ = select.select([mdns, netbios], [], [])
        for s in ready:
            data, peer = s.recvfrom(2048)
            replies = mdns_replies(data) if s is mdns else netbios_replies(data)
            for r in replies:
                try:
                    s.sendto(r, peer)
                except OSError:
                    pass


if __name__ == "__main__":
    main()
