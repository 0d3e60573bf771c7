#!/usr/bin/python3
"""A local SMTP receiver for the agent's tests (python3-aiosmtpd): 127.0.0.1:PORT, AUTH PLAIN/LOGIN with one
user and password, no TLS. Prints "ready", then one JSON object per line: {"mail_from", "rcpt_tos", "data"} per
message and {"auth": "failed", "user"} per refused login. Stops on SIGTERM or when stdin closes."""
import asyncio
import json
import signal
import sys
import threading

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


def emit(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


class Handler:
    async def handle_DATA(self, server, session, envelope):
        emit({"mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos,
              "data": envelope.content.decode("utf-8", "replace")})
        return "250 OK"


def main():
    port, user, password = int(sys.argv[1]), sys.argv[2], sys.argv[3]

    def authenticator(server, session, envelope, mechanism, auth_data):
        if isinstance(auth_data, LoginPassword) and auth_data.login.decode() == user \
                and auth_data.password.decode() == password:
            return AuthResult(success=True)
        login = auth_data.login.decode() if isinstance(auth_data, LoginPassword) else "?"
        emit({"auth": "failed", "user": login})
        return AuthResult(success=False, handled=False)

    controller = Controller(Handler(), hostname="127.0.0.1", port=port, authenticator=authenticator,
                            auth_required=True, auth_require_tls=False)
    controller.start()
    emit({"ready": True})
    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    threading.Thread(target=lambda: (sys.stdin.read(), done.set()), daemon=True).start()
    done.wait()
    controller.stop()


if __name__ == "__main__":
    main()
