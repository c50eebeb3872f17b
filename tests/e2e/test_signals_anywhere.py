"""SIGTERM/SIGINT stop ``fourd run`` whatever the main process runs, a
callback looping forever included: ``onTerminate`` of live objects runs and
the exit status is 128 + the signal; a second signal exits at once."""
import re
import signal
import socket
import subprocess
import sys
import time

import pytest

from tests.e2e.test_cli_run import write

LOOPING_SERVER = {
    "Methods/main.4dm": """
        var $server : cs.Server:=cs.Server.new()
        ALERT("port "+String($server.listener.port))
        """,
    "Classes/Server.4dm": """
        property listener : 4D.TCPListener
        Class constructor()
          This.listener:=4D.TCPListener.new(0; This)
        Function onConnection($listener : 4D.TCPListener; $event : 4D.TCPEvent) : Object
          return cs.Looping.new()
        Function onTerminate($listener : 4D.TCPListener; $event : 4D.TCPEvent)
          ALERT("listener terminated")
        """,
    "Classes/Looping.4dm": """
        Function onData($connection : 4D.TCPConnection; $event : 4D.TCPEvent)
          ALERT("looping")
          While (True)
          End while
        """,
}


@pytest.fixture
def looping_server(tmp_path):
    """`fourd run` of a server whose onData never returns, stuck in it; yields the process."""
    for name, source in LOOPING_SERVER.items():
        write(tmp_path / "Project" / "Sources" / name, source)
    proc = subprocess.Popen([sys.executable, "-m", "fourd", "run", str(tmp_path), "--method", "main"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        port = int(re.search(r"port (\d+)", proc.stdout.readline()).group(1))
        with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
            sock.sendall(b"x")
            assert proc.stdout.readline() == "looping\n"
            yield proc
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_one_signal_stops_a_callback_looping_forever(looping_server, signum):
    started = time.monotonic()
    looping_server.send_signal(signum)
    out, err = looping_server.communicate(timeout=15)
    assert looping_server.returncode == 128 + signum, err
    assert "listener terminated" in out                 # onTerminate ran
    assert "Traceback" not in err
    assert time.monotonic() - started < 10


def test_second_signal_exits_at_once(looping_server):
    looping_server.send_signal(signal.SIGTERM)
    time.sleep(0.05)
    looping_server.send_signal(signal.SIGTERM)
    looping_server.communicate(timeout=10)
    # 143 from fourd's own handler, or killed by the signal itself (the shell's 143) if
    # the second one lands once fourd has restored the default handlers on its way out.
    assert looping_server.returncode in (143, -signal.SIGTERM)
