"""The TCP samples of the README, run through `fourd run` on loopback."""
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "tcp"


@pytest.fixture
def server(request):
    """Start `fourd run samples/tcp --method <name> 0`; yield its port; stop it with SIGTERM."""
    procs = []

    def start(method):
        proc = subprocess.Popen([sys.executable, "-m", "fourd", "run", str(SAMPLE), "--method", method, "0"],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        procs.append(proc)
        line = proc.stdout.readline()
        match = re.search(r"port (\d+)", line)
        assert match, (line, proc.stderr.read() if proc.poll() is not None else "")
        return proc, int(match.group(1))

    yield start
    for proc in procs:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()


def test_echo_server_and_client(server):
    proc, port = server("echoServer")
    client = subprocess.run([sys.executable, "-m", "fourd", "run", str(SAMPLE), "--method", "client",
                             "127.0.0.1", str(port), "hello", "second line"],
                            capture_output=True, text=True, timeout=30)
    assert client.returncode == 0, client.stderr
    assert client.stdout == "hello\nsecond line\n"
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=10)
    assert "Echo server stopped" in out          # onTerminate ran on SIGTERM
    assert proc.returncode == 143, err


def read_lines(sock, count, timeout=10.0):
    sock.settimeout(timeout)
    data = b""
    deadline = time.monotonic() + timeout
    while data.count(b"\n") < count and time.monotonic() < deadline:
        chunk = sock.recv(4096)
        if not chunk:
            break
        data += chunk
    return data.decode().splitlines()


def test_chat_server_broadcasts_lines_to_the_other_clients(server):
    _, port = server("chatServer")
    with socket.create_connection(("127.0.0.1", port), timeout=10) as alice:
        with socket.create_connection(("127.0.0.1", port), timeout=10) as bob:
            bob_name = "127.0.0.1:%d" % bob.getsockname()[1]
            assert read_lines(alice, 1) == [f"* {bob_name} joined"]
            # A line sent in two pieces arrives whole.
            bob.sendall(b"hel")
            time.sleep(0.1)
            bob.sendall(b"lo all\n")
            assert read_lines(alice, 1) == [f"{bob_name}: hello all"]
        assert read_lines(alice, 1) == [f"* {bob_name} left"]
