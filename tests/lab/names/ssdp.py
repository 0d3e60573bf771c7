#!/usr/bin/env python3
"""A small SSDP/UPnP responder for lanwatch's lab (lab.sh names): answers M-SEARCH on 239.255.255.250:1900
with a LOCATION and serves the device description there, like a TV or router does.

    ssdp.py ADDRESS MODE
MODE: tv      a description with friendlyName "Living-room TV", manufacturer and modelName
      huge    a 10 MB description (the prober must stop reading, not hang or grow)
      elsewhere  a LOCATION on another host (.2), which the prober must not fetch
"""
import http.server
import socket
import struct
import sys
import threading

address, mode = sys.argv[1], sys.argv[2]
HTTP_PORT = 49152

DESCRIPTION = b"""<?xml version="1.0"?>
<root xmlns="urn:schemas-upnp-org:device-1-0">
  <specVersion><major>1</major><minor>0</minor></specVersion>
  <device>
    <deviceType>urn:schemas-upnp-org:device:MediaRenderer:1</deviceType>
    <friendlyName>Living-room TV</friendlyName>
    <manufacturer>Samsung Electronics</manufacturer>
    <modelName>UE55RU7400</modelName>
    <UDN>uuid:2f402f80-da50-11e1-9b23-00125a0fe3c1</UDN>
  </device>
</root>
"""


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        # The lab test reads this log: the 10 MB description was really asked for (and cut short).
        sys.stderr.write("GET %s from %s\n" % (self.path, self.client_address[0]))
        sys.stderr.flush()
        self.send_response(200)
        self.send_header("Content-Type", 'text/xml; charset="utf-8"')
        if mode == "huge":
            chunk = b"<!--" + b"x" * 65536 + b"-->\n"
            count = 10 * 1024 * 1024 // len(chunk)
            self.send_header("Content-Length", str(len(chunk) * count + len(DESCRIPTION)))
            self.end_headers()
            try:
                for _ in range(count):
                    self.wfile.write(chunk)
                self.wfile.write(DESCRIPTION)
            except OSError:
                pass  # the prober hung up: what it should do
            return
        self.send_header("Content-Length", str(len(DESCRIPTION)))
        self.end_headers()
        self.wfile.write(DESCRIPTION)

    def log_message(self, *args):
        pass


def serve_http():
    http.server.ThreadingHTTPServer((address, HTTP_PORT), Handler).serve_forever()


def main():
    threading.Thread(target=serve_http, daemon=True).start()
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("0.0.0.0", 1900))
    s.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP,
                 socket.inet_aton("239.255.255.250") + socket.inet_aton(address))
    host = address if mode != "elsewhere" else address.rsplit(".", 1)[0] + ".2"
    location = "http://%s:%d/description.xml" % (host, HTTP_PORT)
    while True:
        data, peer = s.recvfrom(2048)
        if not data.startswith(b"M-SEARCH * HTTP/1.1"):
            continue
        reply = ("HTTP/1.1 200 OK\r\nCACHE-CONTROL: max-age=1800\r\nEXT:\r\nLOCATION: %s\r\n"
                 "SERVER: Linux/5.10 UPnP/1.0 lab/1.0\r\nST: upnp:rootdevice\r\n"
                 "USN: uuid:2f402f80-da50-11e1-9b23-00125a0fe3c1::upnp:rootdevice\r\n\r\n" % location)
        s.sendto(reply.encode(), peer)


if __name__ == "__main__":
    main()
