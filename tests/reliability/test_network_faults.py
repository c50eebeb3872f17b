"""Network faults: hostile Python peers against a 4D server written in 4D.

The server (fault_server.py) runs with ``fourd run`` in a subprocess, so
that its descriptors and threads can be counted in ``/proc``. After each
fault, the runtime must still serve a new client with every byte echoed in
order (SHA-256), and be back to the descriptors and threads it had before
(after a settle delay). Loopback only, ports chosen at run time, every wait
bounded.

Specification: API/TCPListenerClass.md, API/TCPConnectionClass.md
(``shutdown()`` closes the write side only; callbacks ``onConnection``,
``onData``, ``onShutdown``, ``onError``, ``onTerminate``),
API/TCPEventClass.md, Develop/async.md; README "Network" (errors in
callbacks are reported on stderr and end the callback, not the server).
"""
import hashlib
import os
import socket
import threading
import time

import pytest

import fault_server
from fault_server import MB, TIMEOUT, ask, bulk_digest, echo_check, open_client, read_digest, reset, stream_digest
from fourd.net.tcp import TCPConnection
from fourd.runtime.process import Process
from fourd.runtime.scheduler import MAIN_PROCESS, ProcessRuntime

pytestmark = pytest.mark.timeout(120)


@pytest.fixture
def server(project):
    """The running 4D server, after one client, with its (descriptors, threads) as ``baseline``."""
    fault_server.write(project)
    running = project.start("serve")
    running.port = running.wait_for_port()
    assert echo_check(running.port, os.urandom(64 * 1024))
    running.baseline = running.census()
    yield running
    running.stop()


def still_healthy(server) -> None:
    """A new client is served and nothing leaked; no Python traceback was written."""
    assert echo_check(server.port, os.urandom(256 * 1024))
    (descriptors, threads), (fds_before, threads_before) = server.settled(server.baseline), server.baseline
    assert descriptors <= fds_before and threads <= threads_before, "descriptors or threads leaked"
    assert "Traceback" not in server.output()[1]


def in_threads(target, count: int, *args) -> list:
    """Run ``target(*args)`` in *count* threads; their results (each must finish in time)."""
    results = [None] * count

    def run(i):
        results[i] = target(*args)

    workers = [threading.Thread(target=run, args=(i,), daemon=True) for i in range(count)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(TIMEOUT)
        assert not worker.is_alive()
    return results


def test_reset_in_the_middle_of_transfers(server):
    for _ in range(10):
        receiving = open_client(server.port, "BULK 50")
        assert len(receiving.recv(MB)) > 0
        reset(receiving)                                  # while 49 MB are still queued for it
        sending = open_client(server.port, "ECHO")
        sending.sendall(os.urandom(2 * MB))               # its echo is never read
        reset(sending)
        reset(open_client(server.port, "STREAM 20"))
    still_healthy(server)


@pytest.mark.parametrize("host", ["127.0.0.1", "::1"])
def test_half_open_peers_get_every_byte_back(server, host):
    """Each peer shuts down its write side after sending and keeps reading: the
    server sends what it still has, then closes (TCPConnectionClass.md, shutdown())."""
    if host == "::1" and not socket.has_ipv6:
        pytest.skip("no IPv6")
    try:
        socket.create_connection((host, server.port), timeout=TIMEOUT).close()
    except OSError:
        pytest.skip(f"no {host} loopback here")
    assert all(in_threads(echo_check, 16, server.port, os.urandom(MB), host))

    def half_closed_bulk():
        with open_client(server.port, "BULK 8", host) as sock:
            sock.shutdown(socket.SHUT_WR)
            return read_digest(sock) == (8 * MB, bulk_digest(8))

    assert all(in_threads(half_closed_bulk, 4))
    still_healthy(server)


def test_clients_that_connect_and_never_send(server):
    idle = [socket.create_connection(("127.0.0.1", server.port), timeout=TIMEOUT) for _ in range(200)]
    try:
        assert echo_check(server.port, os.urandom(MB))         # served meanwhile
        time.sleep(0.5)
        assert server.descriptors() >= server.baseline[0] + 200   # kept open: 4D has no idle timeout
    finally:
        for sock in idle:
            sock.close()
    still_healthy(server)


@pytest.mark.parametrize("command, digest, bound", [
    # The same 4D.Blob sent 100 times is queued by reference: no copy.
    ("BULK", bulk_digest, 32 * MB),
    # 100 different blobs must wait for the reader: their bytes, nothing more.
    ("STREAM", stream_digest, 100 * MB + 32 * MB),
])
def test_a_slow_reader_of_100_mb(server, command, digest, bound):
    before = server.resident()
    with open_client(server.port, f"{command} 100") as sock:
        time.sleep(1.0)                     # not reading: everything is queued on the server
        peak = server.resident()
        head = b""
        for _ in range(64):                 # then reading slowly for a while…
            head += sock.recv(16 * 1024)
            time.sleep(0.005)
        received = read_digest(sock, head)  # …and the rest at full speed
    assert received == (100 * MB, digest(100))
    assert peak - before <= bound, f"{(peak - before) / MB:.0f} MB buffered"
    still_healthy(server)


def test_5000_rapid_connect_disconnect_cycles(server):
    """Closed at once, reset, closed in the middle of a command line, closed after one."""
    address = ("127.0.0.1", server.port)
    for i in range(5000):
        sock = socket.create_connection(address, timeout=TIMEOUT)
        if i % 4 == 1:
            reset(sock)
            continue
        if i % 4 == 2:
            sock.sendall(b"ECH")
        elif i % 4 == 3:
            sock.sendall(b"ECHO\nhello")
        sock.close()
    still_healthy(server)


def test_callbacks_that_throw(server):
    """Errors in onData, onShutdown, onTerminate and a listener's onConnection are
    reported on stderr; the connection (or the server) goes on."""
    payload = os.urandom(256 * 1024)

    def throwing_echo():
        with open_client(server.port, "THROW") as sock:
            threading.Thread(target=fault_server.send_in_pieces, args=(sock, payload, 16), daemon=True).start()
            return read_digest(sock)

    assert set(in_threads(throwing_echo, 8)) == {(len(payload), hashlib.sha256(payload).hexdigest())}
    faulty = fault_server.faulty_port(server)
    for _ in range(20):                     # refused: closed at once
        with socket.create_connection(("127.0.0.1", faulty), timeout=TIMEOUT) as sock:
            try:
                assert sock.recv(1) == b""
            except ConnectionResetError:
                pass
    still_healthy(server)
    errors = server.output()[1]
    for message in ("onData fails on purpose", "onShutdown fails on purpose", "onTerminate fails on purpose"):
        assert errors.count(message) >= 8, message
    assert errors.count("Error -20011 (4DRT): Division by zero") == 20      # each onConnection of the faulty listener


def test_listener_terminated_while_connections_are_live(server):
    """terminate() frees the port (TCPListenerClass.md); its connections go on."""
    control, answer = ask(server.port, "OPEN")
    extra = int(answer.split()[1])
    live = [socket.create_connection(("127.0.0.1", extra), timeout=TIMEOUT) for _ in range(5)]
    first, second = os.urandom(MB), os.urandom(MB)
    for sock in live:                       # each echoes before the listener ends…
        sock.sendall(first)
    for sock in live:
        got = b""
        while len(got) < len(first):
            got += sock.recv(len(first) - len(got))
        assert got == first
    control.sendall(b"CLOSE\n")
    assert control.recv(100) == b"closed\n"
    control.close()
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", extra), timeout=TIMEOUT)
    for sock in live:                       # …and after
        sock.sendall(second)
        sock.shutdown(socket.SHUT_WR)
    for sock in live:
        assert read_digest(sock) == (len(second), hashlib.sha256(second).hexdigest())
        sock.close()
    still_healthy(server)


class _Transport:
    """Records what a TCPConnection asks of its asyncio transport."""

    def __init__(self):
        self.calls = []

    def write(self, data):
        self.calls.append("write")

    def write_eof(self):
        self.calls.append("write_eof")

    def close(self):
        self.calls.append("close")


@pytest.mark.parametrize("pending, call", [("_eof_pending", "write_eof"), ("_close_pending", "close")])
def test_resume_writing_leaves_the_transport_alone(pending, call):
    """asyncio calls resume_writing() from its write handler, which shuts the write side
    down (or closes) itself when its buffer is empty: a shutdown() or a close that waited
    for the queue must come after, or the socket is shut down twice (ENOTCONN once the
    peer has gone, seen under load with 100 MB STREAM transfers)."""
    runtime = ProcessRuntime(Process(), MAIN_PROCESS)
    connection = TCPConnection(runtime, "127.0.0.1", 1)
    connection._transport = transport = _Transport()
    connection._backlog.append(b"queued")
    connection._paused = True
    setattr(connection, pending, True)
    try:
        connection.resume_writing()
        assert transport.calls == []
        runtime.loop.call_soon(runtime.loop.stop)
        runtime.loop.run_forever()
    finally:
        runtime.loop.close()
    assert transport.calls == ["write", call]
