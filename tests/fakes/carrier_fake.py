#!/usr/bin/env python3
"""A fake carrier tracking server on loopback, for the client's tests and benchmark.

Speaks DHL's unified tracking (GET /track/shipments?trackingNumber=N) and AfterShip
(GET /tracking/VERSION/trackings/SLUG/N, or /v4/trackings/SLUG/N; POST
/tracking/VERSION/trackings {"tracking": {"slug", "tracking_number"}} starts
following a number: 201, or 400 with meta.code 4003 when it is followed already).  Answers from
tests/fakes/fixtures/{dhl,aftership}/N.json (HTTP 200) or N.STATUS.json (that
status) when there is one (fixtures/README.md), else a generated parcel in transit.  Python 3 standard library only.

    carrier_fake.py [--port 0] [--port-file FILE] [--latency-ms N]
                    [--tls-cert FILE --tls-key FILE] [--fixtures DIR]
                    [--aftership-follow]

--aftership-follow: as AfterShip does, a number nobody POSTed yet answers 404
with meta.code 4004 (faults still come first); once created, its fixture or a
generated parcel.

Control (never counted):
    GET /_control/fault?fault=F[&number=N][&times=K][&ms=D][&retry_after=S]
        F: slow hang drop 429 500 503 404 malformed huge huge_chunked drip ctype ok.
        With number: every request for N (or its next K); without: the next K
        requests whatever they ask (K defaults to 1).  retry_after: seconds, or
        date:SECONDS for an HTTP date that far ahead (429 and 503).  ms: slow's
        delay (2000), drip's gap between bytes (200), hang's hold (60000).
    GET /_control/count[?number=N]  -> {"count": n, "max_inflight": m, "creates": c}
        (count: lookups (GET); creates: AfterShip POSTs, of N or in all)
    GET /_control/log               -> {"log": [[number, seconds since start], ...]}
    GET /_control/reset             forgets faults, counts and the log
"""
import argparse
import email.utils
import json
import os
import random
import signal
import socket
import ssl
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HERE = os.path.dirname(os.path.abspath(__file__))
START = time.monotonic()


class State:
    def __init__(self):
        self.lock = threading.Lock()
        self.reset()

    def reset(self):
        # Requests still running from before (a hang) no longer count as in flight.
        self.generation = getattr(self, "generation", 0) + 1
        self.by_number = {}   # number -> [fault, times_left (-1: always), params]
        self.next = []        # [fault, times_left, params]
        self.counts = {}
        self.total = 0
        self.inflight = 0
        self.max_inflight = 0
        self.log = []
        self.created = {}     # number -> how many POSTs asked to follow it

    def take_fault(self, number):
        with self.lock:
            f = self.by_number.get(number)
            if f:
                if f[1] > 0:
                    f[1] -= 1
                    if f[1] == 0:
                        del self.by_number[number]
                return f[0], f[2]
            if self.next:
                f = self.next[0]
                f[1] -= 1
                if f[1] <= 0:
                    self.next.pop(0)
                return f[0], f[2]
        return None, {}


STATE = State()
ARGS = None


def generated(fmt, number):
    if fmt == "dhl":
        ev = {"timestamp": "2026-11-26T08:00:00Z", "statusCode": "transit", "status": "IN TRANSIT",
              "description": "Processed at hub", "location": {"address": {"addressLocality": "Leipzig"}}}
        return {"shipments": [{"id": number, "service": "express", "status": ev,
                               "estimatedTimeOfDelivery": "2026-11-30T18:00:00Z", "events": [ev]}]}
    cp = {"checkpoint_time": "2026-11-26T08:00:00+03:00", "tag": "InTransit", "subtag": "InTransit_001",
          "message": "Transfer merkezinde", "location": "Istanbul"}
    return {"meta": {"code": 200, "message": "OK", "type": "OK"},
            "data": {"tracking": {"tracking_number": number, "tag": "InTransit", "subtag": "InTransit_001",
                                  "subtag_message": "In transit", "expected_delivery": "2026-11-30",
                                  "checkpoints": [cp]}}}


def error_doc(fmt, status, title):
    if fmt == "dhl":
        return {"status": status, "title": title, "detail": title}
    code = {404: 4004, 429: 429, 401: 401}.get(status, status)
    return {"meta": {"code": code, "message": title, "type": "Error"}, "data": {}}


def fixture(fmt, number):
    """tests/fakes/fixtures/SERVICE/NUMBER.json (HTTP 200) or NUMBER.STATUS.json."""
    if not ARGS.fixtures or "/" in number or number.startswith("."):
        return None
    folder = os.path.join(ARGS.fixtures, fmt)
    try:
        names = os.listdir(folder)
    except OSError:
        return None
    for name in sorted(names):
        status = None
        if name == number + ".json":
            status = 200
        elif name.startswith(number + ".") and name.endswith(".json"):
            mid = name[len(number) + 1:-len(".json")]
            if mid.isdigit() and len(mid) == 3:
                status = int(mid)
        if status is None:
            continue
        try:
            with open(os.path.join(folder, name), "rb") as f:
                return status, f.read()
        except OSError:
            return None
    return None


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes: without this, Nagle and the peer's
    # delayed ACK add 40 ms to every answer.
    disable_nagle_algorithm = True
    server_version = "carrier-fake/1"

    def log_message(self, *a):
        pass


    def send(self, status, body, ctype="application/json", headers=()):
        if isinstance(body, (dict, list)):
            body = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        try:
            self.wfile.write(body)
        except OSError:  # the client hung up (a cap, a time-out): that is the test
            self.close_connection = True

    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        q = dict(urllib.parse.parse_qsl(url.query))
        if url.path.startswith("/_control/"):
            return self.control(url.path[len("/_control/"):], q)
        parts = url.path.strip("/").split("/")
        if url.path == "/track/shipments" and "trackingNumber" in q:
            fmt, number = "dhl", q["trackingNumber"]
        elif len(parts) == 5 and parts[0] == "tracking" and parts[2] == "trackings":
            fmt, number = "aftership", urllib.parse.unquote(parts[4])
        elif len(parts) == 4 and parts[0] == "v4" and parts[1] == "trackings":
            fmt, number = "aftership", urllib.parse.unquote(parts[3])
        else:
            return self.send(404, error_doc("dhl", 404, "no such endpoint"), "application/problem+json")
        with STATE.lock:
            gen = STATE.generation
            STATE.total += 1
            STATE.counts[number] = STATE.counts.get(number, 0) + 1
            STATE.inflight += 1
            STATE.max_inflight = max(STATE.max_inflight, STATE.inflight)
            STATE.log.append([number, round(time.monotonic() - START, 4)])
        try:
            if ARGS.latency_ms:
                time.sleep(ARGS.latency_ms / 1000)
            self.answer(fmt, number)
        finally:
            with STATE.lock:
                if STATE.generation == gen:
                    STATE.inflight -= 1

    def do_POST(self):
        url = urllib.parse.urlsplit(self.path)
        parts = url.path.strip("/").split("/")
        try:
            n = int(self.headers.get("Content-Length") or 0)
            body = json.loads(self.rfile.read(n) or b"null") if n <= 65536 else None
        except (ValueError, OSError):
            body = None
        if not (len(parts) == 3 and parts[0] == "tracking" and parts[2] == "trackings"):
            return self.send(404, error_doc("dhl", 404, "no such endpoint"), "application/problem+json")
        t = body.get("tracking") if isinstance(body, dict) else None
        number = t.get("tracking_number") if isinstance(t, dict) else None
        slug = t.get("slug") if isinstance(t, dict) else None
        if not isinstance(number, str) or not isinstance(slug, str) or not self.headers.get("as-api-key"):
            return self.send(400, {"meta": {"code": 4001, "message": "tracking_number and slug are required",
                                            "type": "BadRequest"}, "data": {}})
        with STATE.lock:
            seen = STATE.created.get(number, 0)
            STATE.created[number] = seen + 1
        if seen:
            return self.send(400, {"meta": {"code": 4003, "message": "Tracking already exists.",
                                            "type": "BadRequest"}, "data": {}})
        return self.send(201, {"meta": {"code": 201, "message": "Created", "type": "Created"},
                               "data": {"tracking": {"slug": slug, "tracking_number": number}}})

    def answer(self, fmt, number):
        fault, p = STATE.take_fault(number)
        ptype = "application/problem+json" if fmt == "dhl" else "application/json"
        ms = int(p.get("ms", 0) or 0)
        if fault == "slow":
            time.sleep((ms or 2000) / 1000)
        elif fault == "hang":
            time.sleep((ms or 60000) / 1000)
            self.close_connection = True
            return
        elif fault == "drop":
            self.close_connection = True
            try:
                self.connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            return
        elif fault in ("429", "503"):
            status = int(fault)
            hdrs = []
            ra = p.get("retry_after")
            if ra:
                if ra.startswith("date:"):
                    ra = email.utils.formatdate(time.time() + float(ra[5:]), usegmt=True)
                hdrs.append(("Retry-After", ra))
            return self.send(status, error_doc(fmt, status, "slow down" if status == 429 else "unavailable"),
                             ptype, hdrs)
        elif fault in ("500", "404"):
            status = int(fault)
            return self.send(status, error_doc(fmt, status, "not found" if status == 404 else "internal error"),
                             ptype)
        elif fault == "malformed":
            return self.send(200, b'{"meta": {"code": 200}, "data": {"tracking": {"tag": "InTr')
        elif fault == "huge":
            pad = "x" * (5 * 1024 * 1024)
            return self.send(200, json.dumps({"pad": pad}).encode())
        elif fault == "huge_chunked":
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            chunk = b"x" * 65536
            try:
                self.wfile.write(b'%x\r\n{"pad":"\r\n' % 8)
                for _ in range(80):  # 5 MB
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                self.wfile.write(b'2\r\n"}\r\n0\r\n\r\n')
            except OSError:
                pass
            self.close_connection = True
            return
        elif fault == "drip":
            body = json.dumps(generated(fmt, number)).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            try:
                for i in range(len(body)):
                    self.wfile.write(body[i:i + 1])
                    self.wfile.flush()
                    time.sleep((ms or 200) / 1000)
            except OSError:
                pass
            self.close_connection = True
            return
        elif fault == "ctype":
            return self.send(200, b"<html><body>Please log in to the Wi-Fi</body></html>", "text/html")
        if fmt == "aftership" and ARGS.aftership_follow:
            with STATE.lock:
                followed = number in STATE.created
            if not followed:
                return self.send(404, {"meta": {"code": 4004, "message": "Tracking does not exist.",
                                                "type": "NotFound"}, "data": {}})
        fx = fixture(fmt, number)
        if fx:
            status, body = fx
            ctype = "application/problem+json" if fmt == "dhl" and status >= 400 else "application/json"
            return self.send(status, body, ctype)
        return self.send(200, generated(fmt, number))

    def control(self, what, q):
        if what == "fault":
            fault = q.get("fault", "")
            params = {k: v for k, v in q.items() if k in ("ms", "retry_after")}
            with STATE.lock:
                if "number" in q:
                    STATE.by_number[q["number"]] = [fault, int(q.get("times", -1)), params]
                else:
                    STATE.next.append([fault, int(q.get("times", 1)), params])
            return self.send(200, {"ok": True})
        if what == "count":
            with STATE.lock:
                n = STATE.counts.get(q["number"], 0) if "number" in q else STATE.total
                c = STATE.created.get(q["number"], 0) if "number" in q else sum(STATE.created.values())
                return self.send(200, {"count": n, "max_inflight": STATE.max_inflight, "creates": c})
        if what == "log":
            with STATE.lock:
                return self.send(200, {"log": list(STATE.log)})
        if what == "reset":
            with STATE.lock:
                STATE.reset()
            return self.send(200, {"ok": True})
        return self.send(404, {"error": "no such control"})


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256

    def __init__(self, addr, tls):
        self.tls = tls
        super().__init__(addr, Handler)

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], OSError):
            super().handle_error(request, client_address)

    def get_request(self):
        sock, addr = super().get_request()
        if self.tls:
            # The handshake happens in the request's own thread (first read).
            sock = self.tls.wrap_socket(sock, server_side=True, do_handshake_on_connect=False)
        return sock, addr

    def process_request_thread(self, request, client_address):
        if isinstance(request, ssl.SSLSocket):
            try:
                request.settimeout(10)
                request.do_handshake()
                request.settimeout(None)
            except (OSError, ssl.SSLError):
                self.shutdown_request(request)
                return
        super().process_request_thread(request, client_address)


def main():
    global ARGS
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--port-file")
    ap.add_argument("--latency-ms", type=int, default=0)
    ap.add_argument("--tls-cert")
    ap.add_argument("--tls-key")
    ap.add_argument("--fixtures", default=os.path.join(HERE, "fixtures"))
    ap.add_argument("--aftership-follow", action="store_true")
    ARGS = ap.parse_args()
    if not (ARGS.host.startswith("127.") or ARGS.host in ("::1", "localhost")):
        sys.exit("carrier_fake: loopback only")
    tls = None
    if ARGS.tls_cert:
        tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        tls.load_cert_chain(ARGS.tls_cert, ARGS.tls_key)
    random.seed(1)
    srv = Server((ARGS.host, ARGS.port), tls)
    port = srv.server_address[1]
    if ARGS.port_file:
        tmp = ARGS.port_file + ".tmp"
        with open(tmp, "w") as f:
            f.write("%d\n" % port)
        os.rename(tmp, ARGS.port_file)
    signal.signal(signal.SIGTERM, lambda *a: sys.exit(0))
    try:
        srv.serve_forever(poll_interval=0.2)
    except (KeyboardInterrupt, SystemExit):
        pass


if __name__ == "__main__":
    main()
