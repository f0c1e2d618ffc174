#!/usr/bin/env python3
"""A loopback TCP proxy in front of a PostgreSQL Unix socket that writes down each
round trip a client makes, to count them in tests.

    pgtrips.py SOCKET LOG [HOLD_FROM]

Prints the port it listens on (127.0.0.1), then serves until killed.  Connection
number k (1, 2, ... in the order they are accepted) goes through to SOCKET, unless
HOLD_FROM is given and k >= HOLD_FROM: that one is accepted and never answered (a
server that is slow to let it in).  For every round trip a client asks for (a Sync,
or a simple Query), one line goes to LOG:

    <k> <statements> <each statement's first 40 characters, separated by " | ">

(PGTRIPS_CHARS=N in the environment: the first N characters instead.)

where statements counts the extended-protocol Parse messages since the last Sync
(1 for a simple Query).  Nothing is changed on the way.
"""
import os
import socket
import struct
import sys
import threading

SSL_REQUEST, GSS_REQUEST = 80877103, 80877104

lock = threading.Lock()
CHARS = int(os.environ.get("PGTRIPS_CHARS", "40"))


def log(path, line):
    with lock:
        with open(path, "a", encoding="utf-8") as f:
            f.write(line + "\n")


def recv_exact(s, n):
    buf = b""
    while len(buf) < n:
        chunk = s.recv(n - len(buf))
        if not chunk:
            raise EOFError
        buf += chunk
    return buf


def query_text(payload, skip_name):
    """The SQL in a Parse (name, then query) or a Query message."""
    if skip_name:
        payload = payload[payload.index(b"\0") + 1:]
    text = payload.split(b"\0", 1)[0].decode("utf-8", "replace")
    return " ".join(text.split())[:CHARS]


def client_to_server(k, cli, srv, path):
    try:
        # Untyped messages first: an SSL or GSS request (answered by the server
        # with one byte, passed back by the other thread), then the startup packet.
        while True:
            head = recv_exact(cli, 4)
            (length,) = struct.unpack("!I", head)
            body = recv_exact(cli, length - 4)
            srv.sendall(head + body)
            code = struct.unpack("!I", body[:4])[0] if len(body) >= 4 else 0
            if code not in (SSL_REQUEST, GSS_REQUEST):
                break
        texts = []
        while True:
            head = recv_exact(cli, 5)
            kind = head[:1]
            (length,) = struct.unpack("!I", head[1:])
            body = recv_exact(cli, length - 4)
            if kind == b"P":
                texts.append(query_text(body, True))
            elif kind == b"S":
                log(path, f"{k} {len(texts)} {' | '.join(texts)}")
                texts = []
            elif kind == b"Q":
                log(path, f"{k} 1 {query_text(body, False)}")
            srv.sendall(head + body)
    except (EOFError, OSError):
        pass
    finally:
        for s in (srv, cli):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def server_to_client(srv, cli):
    try:
        while True:
            data = srv.recv(65536)
            if not data:
                break
            cli.sendall(data)
    except OSError:
        pass
    finally:
        try:
            cli.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


def hold(cli):
    try:
        while cli.recv(65536):
            pass
    except OSError:
        pass


def main():
    sock_path, path = sys.argv[1], sys.argv[2]
    hold_from = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    lsn = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    lsn.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    lsn.bind(("127.0.0.1", 0))
    lsn.listen(16)
    print(lsn.getsockname()[1], flush=True)
    k = 0
    while True:
        cli, _ = lsn.accept()
        k += 1
        if hold_from and k >= hold_from:
            threading.Thread(target=hold, args=(cli,), daemon=True).start()
            continue
        srv = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            srv.connect(sock_path)
        except OSError:
            cli.close()
            continue
        threading.Thread(target=client_to_server, args=(k, cli, srv, path), daemon=True).start()
        threading.Thread(target=server_to_client, args=(srv, cli), daemon=True).start()


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        os._exit(0)
