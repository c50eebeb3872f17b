"""4D.TCPConnection against Python peers (API/TCPConnectionClass.md, TCPEventClass.md).

Callback order: onConnection -> onData* -> onShutdown | onError -> onTerminate,
each once except onData. Loopback only; every peer socket has a timeout.
"""
from __future__ import annotations

import errno
import hashlib
import socket
import struct
import threading
import time

import pytest
from tcp_helpers import (TIMEOUT, call, connect, formula, free_port, needs_ipv6, prop, python_server,
                         receive_all, recorder, run, serve_once, text)

from fourd.net.tcp import new_connection
from fourd.runtime.errors import Codes, FourDError
from fourd.runtime.scheduler import call_worker
from fourd.runtime.values import Blob4D, Obj

MB = 1 << 20


def kinds(log):
    return [name for _, name, _ in log]


def test_client_callback_order_and_properties():
    """onConnection, onData (maybe several), onShutdown when the server closes, onTerminate."""
    received = []

    def peer(sock):
        sock.sendall(b"hello")
        received.append(receive_all(sock))     # until the client shuts down

    port = serve_once(peer)
    log, seen = [], {}

    def on_data(connection, event):
        seen["data"] = seen.get("data", "") + text(prop(event, "data"))
        seen["event"] = (prop(event, "address"), prop(event, "port"))
        if seen["data"] == "hello":
            call(connection, "send", bytearray(b"bye"))
            call(connection, "shutdown")
            seen["closed after shutdown"] = prop(connection, "closed")

    def on_terminate(connection, event):
        seen["final"] = (prop(connection, "closed"), list(prop(connection, "errors")))

    def entry():
        connection = new_connection("127.0.0.1", port, recorder(log, onData=on_data, onTerminate=on_terminate))
        seen["properties"] = (prop(connection, "address"), prop(connection, "port"),
                              prop(connection, "listener"), prop(connection, "noDelay"))

    run(entry)
    assert kinds(log)[0] == "onConnection"
    assert set(kinds(log)[1:-2]) == {"onData"}
    assert kinds(log)[-2:] == ["onShutdown", "onTerminate"]
    assert [event_type for *_, event_type in log if event_type != "data"] == ["connection", "close", "terminate"]
    assert seen["data"] == "hello" and received == [b"bye"]
    assert seen["event"] == ("127.0.0.1", float(port))
    assert seen["properties"] == ("127.0.0.1", float(port), None, False)
    assert seen["closed after shutdown"] is True
    assert seen["final"] == (True, [])


def test_refused_connection_calls_onError_then_onTerminate():
    log, errors = [], []
    port = free_port()

    def entry():
        connection = new_connection("127.0.0.1", port, recorder(
            log, onTerminate=lambda c, e: errors.extend(prop(c, "errors"))))
        assert call(connection, "wait", 3) is None

    run(entry)
    assert kinds(log) == ["onError", "onTerminate"]
    assert [(e["errCode"], e["message"], e["componentSignature"]) for e in errors] == [
        (float(errno.ECONNREFUSED), f"Cannot connect to 127.0.0.1:{port}: Connection refused", "TCP")]


def test_connection_timeout():
    """A listener that never accepts, its backlog (0) full: the SYN goes unanswered."""
    server = python_server(backlog=0)
    port = server.getsockname()[1]
    filler = connect(port)         # takes the only place in the accept queue
    log, errors = [], []

    def entry():
        began = time.monotonic()
        connection = new_connection("127.0.0.1", port, recorder(
            log, connectionTimeout=0.3, onTerminate=lambda c, e: errors.extend(prop(c, "errors"))))
        call(connection, "wait")
        errors.append(time.monotonic() - began)

    try:
        run(entry)
    finally:
        filler.close()
        server.close()
    assert kinds(log) == ["onError", "onTerminate"]
    assert errors[0]["errCode"] == float(errno.ETIMEDOUT)
    assert errors[0]["message"] == f"Cannot connect to 127.0.0.1:{port}: Timeout"
    assert 0.25 < errors[1] < 2


def test_send_before_connect_is_queued_in_order():
    received = []
    port = serve_once(lambda sock: received.append(receive_all(sock)))

    def entry():
        connection = new_connection("127.0.0.1", port, Obj())
        for part in (b"one ", b"two ", b"three"):
            call(connection, "send", Blob4D(part))
        call(connection, "shutdown")      # also deferred until connected and flushed

    run(entry)
    assert received == [b"one two three"]


def test_half_close_keeps_receiving_after_shutdown():
    """shutdown() closes the write side only: data keeps arriving until the peer closes."""
    def peer(sock):
        request = receive_all(sock)             # ends with the client's FIN
        sock.sendall(b"reply to " + request)
        time.sleep(0.05)
        sock.sendall(b" and more")

    port = serve_once(peer)
    log, data = [], []

    def entry():
        connection = new_connection("127.0.0.1", port, recorder(
            log, onData=lambda c, e: data.append(text(prop(e, "data")))))
        call(connection, "send", bytearray(b"question"))
        call(connection, "shutdown")

    run(entry)
    assert "".join(data) == "reply to question and more"
    assert kinds(log)[0] == "onConnection" and kinds(log)[-2:] == ["onShutdown", "onTerminate"]


def test_peer_reset_mid_stream_is_an_error():
    def peer(sock):
        sock.sendall(b"partial")
        time.sleep(0.1)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        sock.close()                                # RST

    port = serve_once(peer)
    log, errors = [], []

    def entry():
        new_connection("127.0.0.1", port, recorder(log, onTerminate=lambda c, e: errors.extend(prop(c, "errors"))))

    run(entry)
    assert kinds(log)[0] == "onConnection" and kinds(log)[-2:] == ["onError", "onTerminate"]
    assert "onShutdown" not in kinds(log)
    assert errors[0]["errCode"] == float(errno.ECONNRESET)
    assert errors[0]["message"] == f"Cannot exchange data with 127.0.0.1:{port}: Connection reset by peer"


@needs_ipv6
def test_ipv6_loopback_and_host_names():
    ports = {"::1": serve_once(lambda sock: None, family=socket.AF_INET6, host="::1"),
             "localhost": serve_once(lambda sock: None)}
    log = []

    def entry():
        for host, port in ports.items():
            new_connection(host, port, recorder(log, host))

    run(entry)
    for host in ports:
        assert [name for tag, name, _ in log if tag == host] == ["onConnection", "onShutdown", "onTerminate"]


def test_wait_with_timeout_returns_while_connected():
    release = threading.Event()
    port = serve_once(lambda sock: release.wait(TIMEOUT))
    seen = []

    def entry():
        connection = new_connection("127.0.0.1", port, recorder(seen))
        began = time.monotonic()
        call(connection, "wait", 0.2)
        seen.append(("", "waited", round(time.monotonic() - began, 1)))
        seen.append(("", "closed", prop(connection, "closed")))
        release.set()                         # the server closes: the connection can end
        call(connection, "wait")

    run(entry)
    assert seen[:3] == [("", "onConnection", "connection"), ("", "waited", 0.2), ("", "closed", False)]
    assert kinds(seen)[-2:] == ["onShutdown", "onTerminate"]


def test_wait_inside_a_callback_runs_other_callbacks():
    """wait() from a callback re-enters the running loop: other callbacks run (async.md)."""
    first = serve_once(receive_all)          # until our shutdown
    second = serve_once(lambda sock: sock.sendall(b"x"))
    log = []

    def on_connection(connection, event):
        log.append("first connected")
        other = new_connection("127.0.0.1", second, Obj(
            onData=formula(lambda c, e: log.append("second data")),
            onTerminate=formula(lambda c, e: log.append("second terminated"))))
        call(other, "wait", 2)
        log.append("first resumes")
        call(connection, "shutdown")

    def entry():
        new_connection("127.0.0.1", first, Obj(
            onConnection=formula(on_connection),
            onTerminate=formula(lambda c, e: log.append("first terminated"))))

    run(entry)
    assert log == ["first connected", "second data", "second terminated", "first resumes", "first terminated"]


def test_messages_to_the_process_wait_for_the_callback_in_wait():
    """4D code of a process never runs during its callbacks, even one blocked in
    wait(); and that wait() sleeps instead of polling."""
    release = threading.Event()
    port = serve_once(lambda sock: release.wait(TIMEOUT))    # keeps the connection open
    log = []

    def on_connection(connection, event):
        call_worker("w", formula(lambda: call_worker(1, formula(lambda: log.append("message")))))
        began = time.thread_time()
        call(connection, "wait", 0.3)
        log.append(("CPU time under 0.1 s", time.thread_time() - began < 0.1))
        log.append("callback done")
        release.set()

    run(lambda: new_connection("127.0.0.1", port, Obj(onConnection=formula(on_connection))))
    assert log == [("CPU time under 0.1 s", True), "callback done", "message"]


def test_100_mb_each_way_with_flow_control():
    """A fast sender, a reader that hashes as it goes: SHA-256 digests match."""
    chunk = bytes(range(256)) * 4096                 # 1 MB
    payload_digest = hashlib.sha256(chunk * 100).hexdigest()
    peer_digest = []

    def peer(sock):
        digest = hashlib.sha256()
        while data := sock.recv(1 << 18):       # what the client sent
            digest.update(data)
        peer_digest.append(digest.hexdigest())
        for _ in range(100):                    # then the same back
            sock.sendall(chunk)

    port = serve_once(peer)
    digest = hashlib.sha256()
    state = {}

    def entry():
        connection = new_connection("127.0.0.1", port, Obj(
            onData=formula(lambda c, e: digest.update(prop(e, "data").data)),
            onTerminate=formula(lambda c, e: state.update(errors=list(prop(c, "errors"))))))
        for _ in range(100):
            call(connection, "send", Blob4D(chunk))  # queued: send never blocks
        call(connection, "shutdown")
        state["queued"] = len(connection._backlog)

    began = time.monotonic()
    run(entry, timeout=20)
    assert peer_digest == [payload_digest]
    assert digest.hexdigest() == payload_digest and state["errors"] == []
    assert state["queued"] == 100                    # blobs held as they are, not copied
    assert time.monotonic() - began < 10


def test_no_delay_option():
    port = serve_once(lambda sock: None)
    seen = []

    def on_connection(connection, event):
        sock = connection._transport.get_extra_info("socket")
        seen.append((prop(connection, "noDelay"), sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)))

    def entry():
        new_connection("127.0.0.1", port, Obj(noDelay=True, onConnection=formula(on_connection)))

    run(entry)
    assert seen == [(True, 1)]


@pytest.mark.parametrize("arguments", [
    (12, 80, Obj()),                  # address not a text
    ("127.0.0.1", "80", Obj()),       # port not a number
    ("127.0.0.1", 70000, Obj()),      # port out of range
    ("127.0.0.1", 80, "options"),     # options not an object
])
def test_bad_arguments_are_error_54(arguments):
    with pytest.raises(FourDError) as caught:
        new_connection(*arguments)
    assert caught.value.code == Codes.TYPE_MISMATCH


def test_send_accepts_blobs_only():
    def entry():
        connection = new_connection("127.0.0.1", free_port(), Obj())
        with pytest.raises(FourDError) as caught:
            call(connection, "send", "text")
        assert caught.value.code == Codes.TYPE_MISMATCH

    run(entry)


def test_send_after_the_end_is_ignored():
    port = serve_once(lambda sock: None)
    ended = []

    def entry():
        connection = new_connection("127.0.0.1", port, Obj(
            onTerminate=formula(lambda c, e: ended.append(c))))
        call(connection, "wait", TIMEOUT)
        call(connection, "send", bytearray(b"late"))

    run(entry)
    assert len(ended) == 1 and prop(ended[0], "closed")
