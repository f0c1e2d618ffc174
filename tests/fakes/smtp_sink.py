#!/usr/bin/python3
"""An SMTP sink on loopback for the outbox's tests (aiosmtpd, Debian's
python3-aiosmtpd; hence /usr/bin/python3, not whatever python3 is first on PATH).

Every message accepted is written to DIR/NNNNN.eml (the bytes as received), in
the order accepted, after the final dot and before the 250 goes back.

    smtp_sink.py --dir DIR [--port 0] [--port-file FILE]
                 [--rcpt-delay SECONDS] [--reject RCPT_SUBSTRING]
                 [--tempfail RCPT_SUBSTRING] [--auth USER:PASSWORD]

--rcpt-delay holds each RCPT's answer that long (a slow server, for killing a
sender half-way: nothing is accepted until DATA ends).  --reject answers 550 to
a recipient containing the text, --tempfail 451.  --auth requires AUTH PLAIN or
LOGIN with that user and password (allowed without TLS: loopback only).
"""
import argparse
import asyncio
import os
import signal

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


class Sink:
    def __init__(self, args):
        self.args = args
        self.n = len([f for f in os.listdir(args.dir) if f.endswith(".eml")])

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.args.rcpt_delay:
            await asyncio.sleep(self.args.rcpt_delay)
        if self.args.reject and self.args.reject in address:
            return "550 5.1.1 <%s>: Recipient address rejected: User unknown" % address
        if self.args.tempfail and self.args.tempfail in address:
            return "451 4.3.0 <%s>: Temporary local problem, try again later" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.n += 1
        path = os.path.join(self.args.dir, "%05d.eml" % self.n)
        tmp = path + ".tmp"
        with open(tmp, "wb") as f:
            f.write(b"X-Envelope-From: " + envelope.mail_from.encode() + b"\r\n")
            f.write(b"X-Envelope-To: " + ",".join(envelope.rcpt_tos).encode() + b"\r\n")
            f.write(envelope.original_content)
        os.rename(tmp, path)
        return "250 2.0.0 Ok: queued as %05d" % self.n


def authenticator(user_password):
    want_user, want_password = user_password.split(":", 1)

    def check(server, session, envelope, mechanism, auth_data):
        ok = (isinstance(auth_data, LoginPassword)
              and auth_data.login.decode() == want_user
              and auth_data.password.decode() == want_password)
        return AuthResult(success=ok)
    return check


async def main():
    p = argparse.ArgumentParser()
    p.add_argument("--dir", required=True)
    p.add_argument("--port", type=int, default=0)
    p.add_argument("--port-file")
    p.add_argument("--rcpt-delay", type=float, default=0)
    p.add_argument("--reject")
    p.add_argument("--tempfail")
    p.add_argument("--auth")
    args = p.parse_args()
    os.makedirs(args.dir, exist_ok=True)
    sink = Sink(args)
    kw = {}
    if args.auth:
        kw = dict(authenticator=authenticator(args.auth), auth_required=True,
                  auth_require_tls=False)
    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: SMTP(sink, hostname="sink.test", **kw),
                                      host="127.0.0.1", port=args.port)
    port = server.sockets[0].getsockname()[1]
    if args.port_file:
        with open(args.port_file + ".tmp", "w") as f:
            f.write("%d\n" % port)
        os.rename(args.port_file + ".tmp", args.port_file)
    stop = asyncio.Event()
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    loop.add_signal_handler(signal.SIGINT, stop.set)
    await stop.wait()
    server.close()


if __name__ == "__main__":
    asyncio.run(main())
