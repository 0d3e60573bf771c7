#!/usr/bin/env python3
"""arp_liar.py IFACE ASKED_IP CLAIMED_MAC UNSOLICITED_IP: a misbehaving ARP responder for the scan tests.

Answers every ARP request for ASKED_IP with an ARP reply whose sender MAC (in the ARP payload) is
CLAIMED_MAC while the Ethernet frame carries this interface's own source MAC; and, on the first request
it sees, also sends the asker a reply for UNSOLICITED_IP, which nobody asked about. Ends on SIGTERM.
"""
import signal
import socket
import struct
import sys

ETH_P_ARP = 0x0806


def mac_bytes(text):
    return bytes(int(x, 16) for x in text.split(":"))


def main():
    iface, asked, claimed, unsolicited = sys.argv[1], socket.inet_aton(sys.argv[2]), mac_bytes(sys.argv[3]), socket.inet_aton(sys.argv[4])
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ARP))
    s.bind((iface, 0))
    own = s.getsockname()[4]
    print("ready", flush=True)
    sent_unsolicited = False
    while True:
        frame = s.recv(2048)
        if len(frame) < 42:
            continue
        op, sha, spa, tpa = struct.unpack("!H", frame[20:22])[0], frame[22:28], frame[28:32], frame[38:42]
        if op != 1:
            continue
        def reply(sender_ip, sender_mac):
            arp = struct.pack("!HHBBH", 1, 0x0800, 6, 4, 2) + sender_mac + sender_ip + sha + spa
            s.send(sha + own + struct.pack("!H", ETH_P_ARP) + arp + b"\0" * 18)
        if not sent_unsolicited:
            sent_unsolicited = True
            reply(unsolicited, own)
        if tpa == asked:
            reply(asked, claimed)


if __name__ == "__main__":
    main()
