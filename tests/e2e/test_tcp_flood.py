"""A peer that sends without ever reading cannot make a 4D echo server's
memory grow without bound (fourd stops reading a connection while its unsent
output is above a high-water mark), and the server keeps serving others."""
import socket
import time
from pathlib import Path

from tests.e2e.test_tcp_samples import server  # noqa: F401 -- the fixture

FLOOD_LIMIT = 200 << 20         # bytes the flooding client tries to send at most
RSS_GROWTH_BOUND = 48 << 20     # what the server's memory may grow by meanwhile


def rss(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise AssertionError("no VmRSS")


def flood(port: int) -> tuple[socket.socket, int]:
    """Send until the server stops taking bytes for a second (or FLOOD_LIMIT); never read."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=10)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 16)
    sock.settimeout(1.0)
    chunk = b"x" * (1 << 20)
    sent = 0
    while sent < FLOOD_LIMIT:
        try:
            sent += sock.send(chunk)
        except socket.timeout:
            break
    return sock, sent


def test_non_reading_flood_keeps_memory_bounded_and_others_served(server):  # noqa: F811
    proc, port = server("echoServer")
    before = rss(proc.pid)
    flooder, sent = flood(port)
    try:
        grown = rss(proc.pid) - before
        assert grown < RSS_GROWTH_BOUND, f"server grew by {grown >> 20} MB after {sent >> 20} MB sent"
        assert sent < FLOOD_LIMIT          # the server stopped reading the flooding peer
        with socket.create_connection(("127.0.0.1", port), timeout=10) as other:
            other.sendall(b"still served\n")
            received = b""
            deadline = time.monotonic() + 10
            while len(received) < 13 and time.monotonic() < deadline:
                received += other.recv(100)
            assert received == b"still served\n"
    finally:
        flooder.close()
