"""4D.WebSocketServer and 4D.WebSocketConnection, with aiohttp WebSocket clients."""
import asyncio
import json

import aiohttp
import pytest

from web_helpers import TIMEOUT, WebProject, serve

START = """
#DECLARE($dataType : Text; $path : Text)
var $r:=WEB Server.start({HTTPPort: 0; IPAddressToListen: "127.0.0.1"})
CALL WORKER("sockets"; "startSockets"; $dataType; $path)
ALERT("ports "+String(WEB Server.HTTPPort)+" 0")
"""

START_SOCKETS = """
#DECLARE($dataType : Text; $path : Text)
var $options:={dataType: $dataType}
If ($path#"")
    $options.path:=$path
End if
socketServer:=4D.WebSocketServer.new(cs.ServerHandler.new(); $options)
ALERT("created "+socketServer.dataType+" "+String(socketServer.path)+" "+String(socketServer.terminated))
"""

SERVER_HANDLER = """
Function onConnection($server : 4D.WebSocketServer; $event : Object) : Object
    ALERT("server onConnection "+$event.type+" "+$event.request.url+" "+$event.request.remoteAddress+" "+String($event.request.query.who)+" "+String($event.request.headers["x-test"]))
    If ($event.request.query.who="refused")
        return Null
    End if
    return cs.ConnectionHandler.new()

Function onOpen($server : 4D.WebSocketServer; $event : Object)
    ALERT("server onOpen "+$event.type)

Function onTerminate($server : 4D.WebSocketServer; $event : Object)
    ALERT("server onTerminate "+$event.type+" "+String($server.terminated))
"""

CONNECTION_HANDLER = """
Function onOpen($ws : 4D.WebSocketConnection; $event : Object)
    ALERT("onOpen "+$event.type+" "+$ws.status+" "+String($ws.wss.connections.length)+" "+String(OB Instance of($ws.handler; cs.ConnectionHandler)))
    $ws.send("welcome "+String($ws.id))

Function onMessage($ws : 4D.WebSocketConnection; $event : Object)
    Case of
        : (Value type($event.data)=Is text) && ($event.data="bye")
            $ws.terminate(4000; "see you")
        : (Value type($event.data)=Is text) && ($event.data="slow@")
            DELAY PROCESS(Current process; 6)
        : (Value type($event.data)=Is text) && ($event.data="quit server")
            $ws.wss.terminate()
        : (Value type($event.data)=Is text)
            ALERT("onMessage text "+$event.data)
            $ws.send(Uppercase($event.data))
        : (OB Instance of($event.data; 4D.Blob))
            ALERT("onMessage blob "+String($event.data.size))
            $ws.send($event.data)
        : (Value type($event.data)=Is object)
            ALERT("onMessage object "+JSON Stringify($event.data))
            $event.data.seen:=True
            $ws.send($event.data)
    End case

Function onError($ws : 4D.WebSocketConnection; $event : Object)
    ALERT("onError "+$event.type+" "+$event.status.HTTPError)

Function onTerminate($ws : 4D.WebSocketConnection; $event : Object)
    ALERT("onTerminate "+$event.type+" "+String($event.code)+" "+$ws.status)
"""


def start_server(tmp_path, data_type="text", path="/chat", **env):
    project = WebProject(tmp_path / "site")
    project.method("startSockets", START_SOCKETS)
    project.method("startAll", START)
    project.cls("ServerHandler", SERVER_HANDLER)
    project.cls("ConnectionHandler", CONNECTION_HANDLER)
    served = serve(project, method="startAll", args=(data_type, path), **env)
    lines = served.follow()
    lines.expect(lambda line: line.startswith("created"))
    return served, lines


async def connect(port, path="/chat", **kwargs):
    session = aiohttp.ClientSession()
    socket_ = await asyncio.wait_for(session.ws_connect(f"ws://127.0.0.1:{port}{path}", **kwargs), TIMEOUT)
    return session, socket_


async def receive(socket_):
    return await asyncio.wait_for(socket_.receive(), TIMEOUT)


def test_callback_sequence_text_messages_and_close(tmp_path):
    served, lines = start_server(tmp_path)
    try:
        lines.expect("server onOpen open")

        async def scenario():
            session, ws = await connect(served.port, "/chat?who=alice", headers={"X-Test": "yes"})
            async with session:
                assert (await receive(ws)).data.startswith("welcome ")
                await ws.send_str("hello")
                assert (await receive(ws)).data == "HELLO"
                await ws.send_bytes(b"\x00\x01")          # text server: binary arrives as text
                await receive(ws)
                await ws.close()
        asyncio.run(scenario())
        lines.expect("server onConnection connection /chat?who=alice 127.0.0.1 alice yes")
        lines.expect("onOpen open Connected 1 True")
        lines.expect("onMessage text hello")
        lines.expect(lambda line: line.startswith("onTerminate terminate 1000"))
    finally:
        out, err, code = served.stop()
    lines.expect("server onTerminate terminate True")      # on SIGTERM
    assert code == 143 and "Traceback" not in err


def test_refused_connection_server_side_terminate_and_paths(tmp_path):
    served, lines = start_server(tmp_path)
    try:
        async def scenario():
            session, ws = await connect(served.port, "/chat?who=refused")
            async with session:
                message = await receive(ws)
                assert message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED)
            session, ws = await connect(served.port, "/chat?who=bob")
            async with session:
                await receive(ws)
                await ws.send_str("bye")
                message = await receive(ws)
                assert message.type == aiohttp.WSMsgType.CLOSE
                assert (message.data, message.extra) == (4000, "see you")
            async with aiohttp.ClientSession() as session:      # another path: not a WebSocket
                with pytest.raises(aiohttp.WSServerHandshakeError):
                    await asyncio.wait_for(session.ws_connect(f"ws://127.0.0.1:{served.port}/other"), TIMEOUT)
        asyncio.run(scenario())
        lines.expect(lambda line: line.startswith("onTerminate terminate 4000"))
        assert not any("refused" in line and "onOpen" in line for line in lines.seen)
    finally:
        served.stop()


def test_blob_and_object_data_types(tmp_path):
    served, lines = start_server(tmp_path, data_type="object", path="")
    try:
        async def scenario():
            session, ws = await connect(served.port, "/anything")   # no path: every URL
            async with session:
                await receive(ws)
                await ws.send_str(json.dumps({"a": 1}))
                echoed = await receive(ws)
                assert json.loads(echoed.data) == {"a": 1, "seen": True}
                await ws.close()
        asyncio.run(scenario())
        lines.expect('onMessage object {"a":1}')
    finally:
        served.stop()
    served, lines = start_server(tmp_path / "blob", data_type="blob")
    try:
        async def scenario():
            session, ws = await connect(served.port)
            async with session:
                await receive(ws)
                await ws.send_bytes(bytes(range(256)) * 10)
                echoed = await receive(ws)
                assert echoed.type == aiohttp.WSMsgType.BINARY and echoed.data == bytes(range(256)) * 10
                await ws.close()
        asyncio.run(scenario())
        lines.expect("onMessage blob 2560")
    finally:
        served.stop()


def test_wss_terminate_closes_every_connection(tmp_path):
    served, lines = start_server(tmp_path)
    try:
        async def scenario():
            session1, first = await connect(served.port)
            session2, second = await connect(served.port)
            async with session1, session2:
                await receive(first)
                await receive(second)
                await first.send_str("quit server")
                for ws in (first, second):
                    message = await receive(ws)
                    assert message.type == aiohttp.WSMsgType.CLOSE
        asyncio.run(scenario())
        lines.expect("server onTerminate terminate True", timeout=TIMEOUT)
    finally:
        served.stop()


def test_too_big_message_is_an_error(tmp_path):
    served, lines = start_server(tmp_path, FOURD_WS_MAX_MESSAGE=1000)
    try:
        async def scenario():
            session, ws = await connect(served.port)
            async with session:
                await receive(ws)
                await ws.send_str("x" * 5000)
                message = await receive(ws)
                assert message.type == aiohttp.WSMsgType.CLOSE and message.data == 1009
        asyncio.run(scenario())
        lines.expect(lambda line: line.startswith("onError error"))
        lines.expect(lambda line: line.startswith("onTerminate terminate 1009"))
    finally:
        served.stop()


def resident_mb(pid):
    with open(f"/proc/{pid}/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS")) / 1024


def test_a_flooding_client_is_held_back_while_callbacks_are_slow(tmp_path):
    served, lines = start_server(tmp_path, FOURD_WS_PENDING_MESSAGES=4)
    try:
        async def scenario():
            session, ws = await connect(served.port)
            async with session:
                await receive(ws)
                before = resident_mb(served.proc.pid)
                payload = "slow" + "x" * (1 << 20)           # 1 MB, and 0.1 s in onMessage each

                async def flood():
                    for _ in range(100):
                        await ws.send_str(payload)
                with pytest.raises(asyncio.TimeoutError):     # 100 MB cannot all be taken in 3 s
                    await asyncio.wait_for(flood(), 3)
                grown = resident_mb(served.proc.pid) - before
                return grown
        grown = asyncio.run(scenario())
        assert grown < 60, f"the server grew by {grown:.0f} MB"
    finally:
        served.stop()
