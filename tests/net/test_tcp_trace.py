"""The TCP trace, after 4D's 4DTCPUDPLog.txt (Debugging/debugLogFiles.md, version 21):
one tab-separated line per event with 4D's fields, switched on by FOURD_TCP_TRACE.
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from tcp_helpers import call, connect, formula, prop, receive_all, recorder, run, start

from fourd.net import trace
from fourd.net.tcp import new_listener
from fourd.runtime.values import Obj


@pytest.fixture
def trace_file(tmp_path):
    path = tmp_path / "4DTCPUDPLog.txt"
    trace.configure(str(path))
    yield path
    trace.configure(None)


def test_one_line_per_event_with_4d_fields(trace_file):
    def client(listener, port):
        with connect(port) as sock:
            sock.sendall(b"hello, trace")
            sock.shutdown(socket.SHUT_WR)
            receive_all(sock)
        call(listener, "terminate")

    def entry():
        options = recorder([], onData=lambda c, e: call(c, "send", prop(e, "data")))
        listener = new_listener(0, Obj(onConnection=formula(lambda l, e: options)))
        start(client, listener, int(prop(listener, "port")))

    run(entry)
    lines = [line.split("\t") for line in trace_file.read_text().splitlines()]
    assert lines[0] == list(trace.FIELDS)
    events = [(fields[5], fields[6], fields[9]) for fields in lines[1:]]
    assert events == [
        ("listen", "0", ""), ("open", "0", "accepted"),
        ("receive", "12", ""), ("send", "12", ""),
        ("close", "0", "closed by peer"), ("close", "0", "closed"),
        ("close", "0", "terminated")]
    receive = lines[3]
    assert receive[2] == "127.0.0.1" and receive[4] == "TCP"
    assert receive[7] == b"hello, tra".hex() and receive[8] == "hello, tra"   # first 10 bytes


def test_environment_variable_switches_it_on(tmp_path):
    path = tmp_path / "trace.txt"
    code = "from fourd.net import trace; print(trace.tracer() is not None)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                            env={**os.environ, "FOURD_TCP_TRACE": str(path)},
                            cwd=Path(__file__).resolve().parents[2])
    assert result.stdout == "True\n"
    assert path.read_text().startswith("time\tlocalPort")
