"""Helpers for the TCP and scheduler tests: formulas made by hand, members
called as compiled code calls them, run_main under a watchdog, Python peers.

Every network test uses loopback addresses only and ports chosen at run time.
"""
from __future__ import annotations

import contextlib
import signal
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from fourd.net import tcp  # noqa: F401  (registers the TCP members)
from fourd.runtime.classes import Class4D
from fourd.runtime.formula import Formula
from fourd.runtime.members import functions_of, properties_of
from fourd.runtime.scheduler import run_main
from fourd.runtime.values import Obj

TIMEOUT = 5.0    # seconds: no test may take longer


def formula(fn):
    """A 4D formula calling ``fn(*params)`` (``This`` ignored)."""
    return Formula(lambda this, *params: fn(*params))


def call(target, name: str, *args):
    """``target.name(args…)`` for a built-in object, as compiled code does it."""
    return functions_of(type(target))[name](target, *args)


def prop(target, name: str):
    """``target.name`` for a built-in object."""
    return properties_of(type(target))[name](target)


def text(blob) -> str:
    return blob.data.decode()


def run(entry, timeout: float = TIMEOUT) -> None:
    """``run_main(entry)``; fails (instead of hanging) after *timeout* seconds.

    The watchdog sends the main thread one SIGINT (a Ctrl-C): run_main then
    terminates everything and returns 130.
    """
    fired = threading.Event()

    def watchdog():
        fired.set()
        signal.pthread_kill(threading.main_thread().ident, signal.SIGINT)

    timer = threading.Timer(timeout, watchdog)
    timer.start()
    try:
        status = run_main(entry)
    finally:
        timer.cancel()
    assert not fired.is_set(), f"run_main did not return within {timeout} s"
    assert status == 0


CALLBACKS = ("onConnection", "onData", "onShutdown", "onError", "onTerminate")


def recorder(log: list, tag: str = "", **extra) -> Obj:
    """Options whose callbacks append ``(tag, callback name, event.type)`` to *log*.

    A Python function given for a callback name is called after the note
    with ``(target, event)`` and its result returned (a listener's
    onConnection returns the connection's options); other *extra* items are
    options (noDelay…).
    """
    def note(name, hook):
        def callback(target, event):
            log.append((tag, name, prop(event, "type")))
            return None if hook is None else hook(target, event)
        return formula(callback)

    options = Obj({name: note(name, extra.pop(name, None)) for name in CALLBACKS})
    options.update(extra)
    return options


def options_class(name: str, **functions) -> Class4D:
    """A user class whose functions are ``func(this, *params)``."""
    cls = Class4D(name)
    cls.functions.update(functions)
    return cls


def instance(cls: Class4D, **properties) -> Obj:
    obj = Obj(properties)
    obj.cls = cls
    return obj


def start(target, *args) -> threading.Thread:
    """Run a Python peer in a daemon thread."""
    thread = threading.Thread(target=target, args=args, daemon=True)
    thread.start()
    return thread


def python_server(backlog: int = 1, family=socket.AF_INET, host: str = "127.0.0.1") -> socket.socket:
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.settimeout(TIMEOUT)
    sock.bind((host, 0))
    sock.listen(backlog)
    return sock


def _ipv6_loopback() -> bool:
    try:
        with socket.socket(socket.AF_INET6) as sock:
            sock.bind(("::1", 0))
        return True
    except OSError:
        return False


needs_ipv6 = pytest.mark.skipif(not _ipv6_loopback(), reason="no IPv6 loopback (::1) here")


def serve_once(handle, **server_options) -> int:
    """A Python server that accepts one connection and runs ``handle(sock)`` on it
    in a thread, then closes it; returns the port."""
    server = python_server(**server_options)

    def accept():
        sock, _ = server.accept()
        with sock:
            handle(sock)
        server.close()

    start(accept)
    return server.getsockname()[1]


def connect(port: int, host: str = "127.0.0.1") -> socket.socket:
    sock = socket.create_connection((host, port), timeout=TIMEOUT)
    return sock


def receive_all(sock: socket.socket) -> bytes:
    """Read until the peer closes (or shuts down) its side."""
    chunks = []
    while True:
        chunk = sock.recv(1 << 16)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def free_port() -> int:
    """A port nothing listens on (bound, then released)."""
    with contextlib.closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run_project(root: Path, main: str, classes: dict | None = None,
                methods: dict | None = None) -> subprocess.CompletedProcess:
    """Write a project (classes and methods by name, and the method "main") and
    run main with the CLI."""
    sources = root / "Project" / "Sources"
    (sources / "Classes").mkdir(parents=True)
    (sources / "Methods").mkdir()
    for folder, codes in (("Classes", classes or {}), ("Methods", {**(methods or {}), "main": main})):
        for name, code in codes.items():
            (sources / folder / f"{name}.4dm").write_text(code, encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "fourd", "run", str(root), "--method", "main"],
                          capture_output=True, text=True, timeout=60, cwd=Path(__file__).resolve().parents[2])
