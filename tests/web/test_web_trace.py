"""The network trace (FOURD_NET_TRACE) covers the web server and the WebSocket
classes: a 4D program serves HTTP and WebSocket, and is its own client."""
import subprocess
import sys

from scratch_project import ScratchProject
from web_helpers import fourd_env

MAIN = """
var $started:=WEB Server.start({HTTPPort: 0; IPAddressToListen: "127.0.0.1"})
var $port:=String(WEB Server.HTTPPort)
var $sockets:=4D.WebSocketServer.new(cs.ServerHandler.new(); {path: "/chat"})
var $request:=4D.HTTPRequest.new("http://127.0.0.1:"+$port+"/missing").wait(10)
ALERT("http "+String($request.response.status))
var $client:=4D.WebSocket.new("ws://127.0.0.1:"+$port+"/chat"; cs.ClientHandler.new())
$client.wait(10)
$sockets.terminate()
WEB STOP SERVER
ALERT("port "+$port)
"""

SERVER_HANDLER = """
Function onConnection($server : 4D.WebSocketServer; $event : Object) : Object
    return cs.ConnectionHandler.new()
"""

CONNECTION_HANDLER = """
Function onMessage($ws : 4D.WebSocketConnection; $event : Object)
    $ws.send(Uppercase($event.data))
"""

CLIENT_HANDLER = """
Function onOpen($ws : 4D.WebSocket; $event : Object)
    $ws.send("ping")

Function onMessage($ws : 4D.WebSocket; $event : Object)
    ALERT("ws "+$event.data)
    $ws.terminate(4001; "done")
"""


def test_web_server_and_websocket_lines(tmp_path):
    project = ScratchProject(tmp_path / "project")
    project.method("main", MAIN)
    project.cls("ServerHandler", SERVER_HANDLER)
    project.cls("ConnectionHandler", CONNECTION_HANDLER)
    project.cls("ClientHandler", CLIENT_HANDLER)
    trace_file = tmp_path / "trace.txt"
    result = subprocess.run([sys.executable, "-m", "fourd", "run", str(project.root), "--method", "main"],
                            capture_output=True, text=True, timeout=60,
                            env=fourd_env(FOURD_NET_TRACE=str(trace_file)))
    assert "Traceback" not in result.stderr, result.stderr
    output = result.stdout.splitlines()
    assert output[:2] == ["http 404", "ws PING"], result.stdout + result.stderr
    port = output[2].split()[1]

    lines = [line.split("\t") for line in trace_file.read_text().splitlines()[1:]]
    # (localPort, protocol, event, size, comment) of the web server's and the WebSocket classes' lines
    served = [(f[1], f[4], f[5], f[6], f[9]) for f in lines if f[4] in ("HTTP", "WS") and f[1] == port]
    assert served[0] == (port, "HTTP", "listen", "0", "HTTP")
    assert served.count((port, "HTTP", "close", "0", "stopped listening")) == 1
    events = [(protocol, event) for _, protocol, event, _, _ in served]
    assert events.count(("HTTP", "open")) == 2 and events.count(("HTTP", "close")) >= 3
    request = next(line for line in served if line[2] == "request" and "/missing" in line[4])
    assert request[4] == "GET /missing 404 (request body 0 bytes)" and int(request[3]) > 0
    assert any(line[2] == "request" and line[4].startswith("GET /chat 101") for line in served)
    # The server's side of the WebSocket: open, the frames, the close code the client sent.
    server_side = [(event, size, comment) for _, protocol, event, size, comment in served if protocol == "WS"]
    assert server_side == [("open", "0", "accepted /chat"), ("receive", "4", ""), ("send", "4", ""),
                           ("close", "0", "code 4001 done")]
    # The client's side: the same exchange seen from its own port.
    client_side = [(f[2], f[3], f[5], f[6], f[9]) for f in lines if f[4] == "WS" and f[3] == port]
    assert [line[2:] for line in client_side] == [
        ("open", "0", f"connected ws://127.0.0.1:{port}/chat"), ("send", "4", ""), ("receive", "4", ""),
        ("close", "0", "code 4001 done")]
    assert all(line[0] == "127.0.0.1" for line in client_side)
    receive = next(f for f in lines if f[4] == "WS" and f[5] == "receive" and f[1] == port)
    assert receive[7] == b"ping".hex() and receive[8] == "ping"
