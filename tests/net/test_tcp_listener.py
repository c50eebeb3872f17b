"""4D.TCPListener against Python clients (API/TCPListenerClass.md; the seed example runs in
test_tcp_4d_code.py).

onConnection($listener; $event) accepts (options object) or refuses
(Null/Undefined) each connection; terminate() frees the port at once, then
onTerminate; a port that cannot be listened to is a 4D error of new().
"""
from __future__ import annotations

import errno
import socket
import threading

import pytest
from tcp_helpers import (call, connect, formula, instance, needs_ipv6, options_class, prop, python_server,
                         receive_all, recorder, run, start, text)

from fourd.net.tcp import new_connection, new_listener
from fourd.runtime.errors import Codes, FourDError
from fourd.runtime.scheduler import call_worker
from fourd.runtime.shared import REJECTED, admit, storage
from fourd.runtime.values import Blob4D, Obj


def echo_options(log=None) -> Obj:
    """Server-side connection options: echo each data event, shut down when the peer does."""
    return recorder([] if log is None else log, "server",
                    onData=lambda c, e: call(c, "send", prop(e, "data")))


@needs_ipv6
def test_accepts_or_refuses_by_address():
    """127.0.0.1 is accepted, ::1 refused: the refused socket is closed at once."""
    seen, answers = [], {}

    def on_connection(listener, event):
        seen.append((prop(event, "type"), prop(event, "address"), type(prop(event, "port"))))
        return echo_options() if prop(event, "address") == "127.0.0.1" else None

    def clients(listener, port):
        with connect(port, "::1") as sock:
            answers["::1"] = receive_all(sock)         # refused: closed at once
        with connect(port, "127.0.0.1") as sock:
            sock.sendall(b"ping")
            sock.shutdown(socket.SHUT_WR)
            answers["127.0.0.1"] = receive_all(sock)
        call(listener, "terminate")                    # from another thread: thread-safe

    def entry():
        listener = new_listener(0, Obj(onConnection=formula(on_connection)))
        start(clients, listener, int(prop(listener, "port")))

    run(entry)
    assert seen == [("connection", "::1", float), ("connection", "127.0.0.1", float)]
    assert answers == {"::1": b"", "127.0.0.1": b"ping"}


def test_server_side_callback_order_and_properties():
    log, seen = [], {}

    def on_connection(connection, event):
        seen["connection"] = (prop(connection, "listener"), prop(connection, "address"), prop(connection, "port"))

    def client(listener, port):
        with connect(port) as sock:
            seen["client port"] = float(sock.getsockname()[1])
            sock.sendall(b"abc")
            sock.shutdown(socket.SHUT_WR)
            seen["echo"] = receive_all(sock)
        call(listener, "terminate")

    def entry():
        server_options = recorder(log, "server", onConnection=on_connection,
                                  onData=lambda c, e: call(c, "send", prop(e, "data")))
        seen["listener"] = listener = new_listener(0, recorder(
            log, "listener", onConnection=lambda l, e: server_options))
        start(client, listener, int(prop(listener, "port")))

    run(entry)
    assert [(tag, name) for tag, name, _ in log] == [
        ("listener", "onConnection"), ("server", "onConnection"), ("server", "onData"),
        ("server", "onShutdown"), ("server", "onTerminate"), ("listener", "onTerminate")]
    assert seen["connection"] == (seen["listener"], "127.0.0.1", seen["client port"])
    assert seen["echo"] == b"abc"


def test_terminate_then_listen_again_on_the_same_port():
    log, ports = [], []

    def entry():
        first = new_listener(0, recorder(log, "first"))
        port = prop(first, "port")
        ports.append(port)
        with connect(int(port)):           # a connection waiting in the accept queue
            call(first, "terminate")
            second = new_listener(port, recorder(log, "second"))   # at once, same port
            ports.append(prop(second, "port"))
            call(second, "terminate")

    run(entry)
    assert ports[0] == ports[1] and ports[0] > 0
    assert log == [("first", "onTerminate", "terminate"), ("second", "onTerminate", "terminate")]


def test_port_in_use_is_a_catchable_error_with_onError():
    busy = python_server()
    port = busy.getsockname()[1]
    log, errors, caught = [], [], []

    def entry():
        with pytest.raises(FourDError) as error:
            new_listener(port, recorder(log, onError=lambda l, e: errors.extend(prop(l, "errors"))))
        caught.append(error.value)

    try:
        run(entry)
    finally:
        busy.close()
    assert caught[0].code == errno.EADDRINUSE and caught[0].component == "TCP"
    assert [(tag, name) for tag, name, _ in log] == [("", "onError"), ("", "onTerminate")]
    assert errors[0]["errCode"] == float(errno.EADDRINUSE) and errors[0]["componentSignature"] == "TCP"


def test_fifty_clients_at_once():
    count = 50
    answers, terminated, clients = {}, [], []
    ready = threading.Barrier(count)

    def client(index, port):
        with connect(port) as sock:
            ready.wait(5)                                   # all 50 connected together
            sock.sendall(f"client {index}".encode())
            sock.shutdown(socket.SHUT_WR)
            answers[index] = receive_all(sock).decode()

    def on_terminate(connection, event):
        terminated.append(connection)
        if len(terminated) == count:
            call(connection.listener, "terminate")

    def entry():
        options = recorder([], onData=lambda c, e: call(c, "send", prop(e, "data")), onTerminate=on_terminate)
        listener = new_listener(0, Obj(onConnection=formula(lambda l, e: options)))
        port = int(prop(listener, "port"))
        clients.extend(start(client, index, port) for index in range(count))

    run(entry)
    for thread in clients:        # each stores its answer after the server closed
        thread.join(5)
    assert answers == {index: f"client {index}" for index in range(count)}
    assert len(set(map(id, terminated))) == count


def test_callback_errors_are_reported_and_the_server_goes_on(capsys):
    """A 4D error or a bug in a callback is reported on stderr; not an onError event."""
    log, answers = [], []

    def on_data(connection, event):
        message = text(prop(event, "data"))
        if message == "4D error":
            raise FourDError(-10738, "Cannot read property 'x' of Null")
        if message == "bug":
            raise KeyError("oops")
        call(connection, "send", Blob4D(b"ok"))

    def clients(listener, port):
        for message in ("4D error", "bug", "fine"):
            with connect(port) as sock:
                sock.sendall(message.encode())
                sock.shutdown(socket.SHUT_WR)
                answers.append(receive_all(sock))
        call(listener, "terminate")

    def entry():
        listener = new_listener(0, Obj(onConnection=formula(lambda l, e: recorder(log, onData=on_data))))
        start(clients, listener, int(prop(listener, "port")))

    run(entry)
    err = capsys.readouterr().err
    assert "onData: Error -10738 (4DRT): Cannot read property 'x' of Null" in err
    assert "onData: Error -10999 (4DRT): internal error in fourd: KeyError: 'oops'" in err
    assert "Traceback" in err                    # a bug of ours shows its Python side too
    assert answers == [b"", b"", b"ok"]
    assert "onError" not in [name for _, name, _ in log]
    assert [name for _, name, _ in log].count("onTerminate") == 3


def test_class_instance_options_receive_this():
    """Callbacks are class functions called with This = the options instance (async.md)."""
    def on_data(this, connection, event):
        this["received"] = this.get("received", "") + text(prop(event, "data"))
        call(connection, "send", Blob4D(this["received"].upper().encode()))

    connection_class = options_class("MyAsyncTCPConnection", onData=on_data,
                                     onShutdown=lambda this, c, e: this.update(shutdown=True))
    instances, answers = [], []

    def on_connection(this, listener, event):
        instances.append(instance(connection_class, owner=this))
        return instances[-1]

    listener_class = options_class("Server", onConnection=on_connection)

    def client(listener, port):
        with connect(port) as sock:
            sock.sendall(b"hey")
            sock.shutdown(socket.SHUT_WR)
            answers.append(receive_all(sock))
        call(listener, "terminate")

    def entry():
        server = instance(listener_class)
        listener = new_listener(0, server)
        start(client, listener, int(prop(listener, "port")))

    run(entry)
    assert answers == [b"HEY"]
    assert dict(instances[0]) == {"owner": instances[0]["owner"], "received": "hey", "shutdown": True}


def test_listener_in_a_worker_client_in_the_main_process():
    """Callbacks run in the process that created the object; terminate() from another one."""
    threads, replies, listeners = {}, [], []
    started = threading.Event()

    def start_server():
        options = recorder([], onData=lambda c, e: (threads.setdefault("server", threading.get_ident()),
                                                    call(c, "send", prop(e, "data"))))
        listeners.append(new_listener(0, Obj(onConnection=formula(lambda l, e: options))))
        started.set()

    def entry():
        call_worker("tcp server", formula(start_server))
        assert started.wait(5)
        listener = listeners[0]

        def done(connection, event):
            threads["client"] = threading.get_ident()
            call(listener, "terminate")

        connection = new_connection("127.0.0.1", int(prop(listener, "port")), Obj(
            onData=formula(lambda c, e: (replies.append(text(prop(e, "data"))), call(c, "shutdown"))),
            onTerminate=formula(done)))
        call(connection, "send", Blob4D(b"hello"))

    run(entry)
    assert replies == ["hello"]
    assert threads["client"] == threading.main_thread().ident != threads["server"]


def test_a_listener_is_shared_a_connection_is_not():
    """TCPListenerClass.md: a shared object; TCPConnectionClass.md: non-sharable."""
    stored = []

    def entry():
        listener = new_listener(0, Obj())
        connection = new_connection("127.0.0.1", int(prop(listener, "port")), Obj())
        stored.append(admit(storage(), listener))
        with pytest.raises(FourDError) as caught:
            admit(storage(), connection)
        stored.append(caught.value.code)
        call(listener, "terminate")

    run(entry)
    assert stored[0] is not REJECTED and stored[1] == Codes.SHARED_UNSUPPORTED_VALUE
