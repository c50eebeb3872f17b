"""The HTTP and UDP samples of the README, run through `fourd run` on loopback."""
import json
import re
import signal
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HTTP_SAMPLE = ROOT / "samples" / "http"
UDP_SAMPLE = ROOT / "samples" / "udp"


def fourd(*args, timeout=60):
    return subprocess.run([sys.executable, "-m", "fourd", "run", *map(str, args)],
                          capture_output=True, text=True, timeout=timeout)


def test_http_client_fetches_its_own_server_and_prints_json():
    result = fourd(HTTP_SAMPLE, "--method", "fetchJSON")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert json.loads(result.stdout) == {"greeting": "Hello from 4D", "served": "by a 4D.TCPListener",
                                         "numbers": [1, 2, 3]}


def test_http_client_reports_an_unreachable_url():
    result = fourd(HTTP_SAMPLE, "--method", "fetchJSON", "http://127.0.0.1:1/")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "Error 111: Cannot send the request to http://127.0.0.1:1/: Connection refused\n"


def test_udp_echo_pair():
    server = subprocess.Popen([sys.executable, "-m", "fourd", "run", str(UDP_SAMPLE), "--method", "echoServer", "0"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        port = re.search(r"port (\d+)", server.stdout.readline()).group(1)
        for host in ("127.0.0.1", "localhost"):
            client = fourd(UDP_SAMPLE, "--method", "echoClient", host, port, "hello", "second datagram")
            assert client.returncode == 0, client.stderr
            assert sorted(client.stdout.splitlines()) == ["hello", "second datagram"]
        server.send_signal(signal.SIGTERM)
        out, err = server.communicate(timeout=10)
    finally:
        server.kill()
    assert out == "UDP echo server stopped\n"
    assert server.returncode == 143, err
