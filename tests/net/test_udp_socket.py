"""4D.UDPSocket and 4D.UDPEvent (API/UDPSocketClass.md, UDPEventClass.md)
against Python UDP peers on loopback (IPv4 and IPv6)."""
import signal
import socket
import subprocess
import sys

import pytest
from http_peers import ROOT, lines, run_4d
from tcp_helpers import TIMEOUT, needs_ipv6

ECHO_SERVER = """
var $options:={onData: Formula($1.send($2.data; $2.address; $2.port)); \
  onTerminate: Formula(ALERT("terminate "+$2.type+" "+String($1.port)))}
$options.socket:=4D.UDPSocket.new(Num($1); $options)    // a cycle: lives until the program ends
ALERT(String($options.socket.port))
"""



@pytest.fixture()
def echo_server(tmp_path):
    source = tmp_path / "server.4dm"
    source.write_text(ECHO_SERVER, encoding="utf-8")
    process = subprocess.Popen([sys.executable, "-m", "fourd", "run", str(source), "0"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    port = int(process.stdout.readline())
    yield process, port
    process.kill()
    process.wait()


def exchange(family, host: str, port: int, payloads: list[bytes]) -> list[tuple[bytes, str]]:
    with socket.socket(family, socket.SOCK_DGRAM) as sock:
        sock.settimeout(TIMEOUT)
        for payload in payloads:
            sock.sendto(payload, (host, port))
        return [sock.recvfrom(70000)[0] for _ in payloads]


def test_echo_server_in_4d_answers_ipv4_and_largest_datagrams(echo_server):
    process, port = echo_server
    payloads = [b"one", b"", bytes(range(256)) * 4, b"x" * 65507]
    assert sorted(exchange(socket.AF_INET, "127.0.0.1", port, payloads)) == sorted(payloads)


@needs_ipv6
def test_echo_server_in_4d_answers_ipv6(echo_server):
    process, port = echo_server
    assert exchange(socket.AF_INET6, "::1", port, [b"six"]) == [b"six"]


def test_sigterm_releases_the_port_with_onTerminate(echo_server):
    process, port = echo_server
    process.send_signal(signal.SIGTERM)
    out, err = process.communicate(timeout=10)
    assert process.returncode == 143, err
    assert out == f"terminate terminate {port}\n" and "Traceback" not in err


def test_4d_client_with_python_peer_events_and_errors(tmp_path):
    peer = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    peer.bind(("127.0.0.1", 0))
    peer.settimeout(TIMEOUT)

    def answer():
        data, address = peer.recvfrom(1000)
        peer.sendto(data.upper(), address)

    import threading
    thread = threading.Thread(target=answer, daemon=True)
    thread.start()
    out = lines(run_4d(tmp_path, """
var $got:={}
var $s:=4D.UDPSocket.new({onData: Formula($got.event:=$2)})
var $b : Blob
TEXT TO BLOB("hello"; $b; UTF8 text without length)
$s.send($b; "127.0.0.1"; Num($1))
While ($got.event=Null)
  DELAY PROCESS(Current process; 1)
End while
var $e : 4D.UDPEvent:=$got.event
ALERT($e.type+" "+$e.address+" "+String($e.port=Num($1))+" "+Convert to text($e.data; "UTF-8"))
ALERT(String(OB Instance of($e; 4D.UDPEvent))+" "+String(OB Instance of($s; 4D.UDPSocket)))
TEXT TO BLOB("x"*65508; $b; UTF8 text without length)
Try($s.send($b; "127.0.0.1"; Num($1)))
ALERT(String(Last errors[0].errCode)+" "+Last errors[0].componentSignature)
Try($s.send("text"; "127.0.0.1"; Num($1)))
ALERT(String(Last errors[0].errCode))
ALERT(String($s.errors.length))
""", str(peer.getsockname()[1])))
    thread.join(TIMEOUT)
    peer.close()
    assert out == ["data 127.0.0.1 True HELLO", "True True", "90 UDP", "54", "0"]


def test_released_when_no_reference_remains(tmp_path):
    out = lines(run_4d(tmp_path, """
var $log:=[]
var $s:=4D.UDPSocket.new(0; {onTerminate: Formula($log.push($2.type+" "+String($1.port)))})
var $port:=$s.port
$s:=Null
DELAY PROCESS(Current process; 2)
ALERT($log.join(","))
var $again:=4D.UDPSocket.new($port)
ALERT(String($again.port=$port))
"""))
    lines_seen = out
    assert lines_seen[0].startswith("terminate ") and lines_seen[1] == "True"


def test_port_in_use_is_an_error_then_onError_onTerminate(tmp_path):
    busy = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
    busy.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
    busy.bind(("::", 0))
    try:
        out = lines(run_4d(tmp_path, """
var $log:=[]
var $s:=Try(4D.UDPSocket.new(Num($1); {onError: Formula($log.push("error")); onTerminate: Formula($log.push("terminate"))}))
ALERT(String(Last errors[0].errCode)+" "+Last errors[0].message)
DELAY PROCESS(Current process; 2)
ALERT($log.join(","))
""", str(busy.getsockname()[1])))
    finally:
        busy.close()
    assert out[0].startswith("98 Cannot bind port") and out[0].endswith("Address already in use")
    assert out[1] == "error,terminate"


def test_datagrams_wait_while_the_process_is_busy(tmp_path):
    """Datagrams sent while 4D code runs are queued (by the system) and delivered after."""
    out = lines(run_4d(tmp_path, """
var $count:={n: 0}
var $s:=4D.UDPSocket.new({onData: Formula($count.n:=$count.n+1)})
var $sender:=4D.UDPSocket.new()
var $b : Blob
TEXT TO BLOB("d"; $b; UTF8 text without length)
var $i : Integer
For ($i; 1; 200)
  $sender.send($b; "127.0.0.1"; $s.port)
End for
ALERT(String($count.n))
var $turns:=0
While ($count.n<200) & ($turns<100)
  DELAY PROCESS(Current process; 1)
  $turns:=$turns+1
End while
ALERT(String($count.n))
"""))
    assert out == ["0", "200"]


def test_trace_has_udp_lines(tmp_path):
    trace = tmp_path / "trace.txt"
    lines(run_4d(tmp_path, """
var $s:=4D.UDPSocket.new(0; {onData: Formula($1.send($2.data; $2.address; $2.port))})
var $c:=4D.UDPSocket.new()
var $b : Blob
TEXT TO BLOB("ping"; $b; UTF8 text without length)
$c.send($b; "127.0.0.1"; $s.port)
DELAY PROCESS(Current process; 6)
""", env={"FOURD_NET_TRACE": str(trace)}))
    events = [line.split("\t") for line in trace.read_text().splitlines()[1:]]
    assert all(fields[4] == "UDP" for fields in events)
    kinds = [fields[5] for fields in events]
    assert kinds[:2] == ["open", "open"] and kinds.count("send") == 2 and kinds.count("receive") == 2
    assert kinds[-2:] == ["close", "close"]
    assert any(fields[5] == "send" and fields[8] == "ping" for fields in events)
