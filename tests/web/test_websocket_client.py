"""4D.WebSocket, the client, against aiohttp WebSocket servers started by the test."""
import asyncio
import json
import subprocess
import sys
import threading

import aiohttp
import pytest
from aiohttp import web

from scratch_project import ScratchProject
from web_helpers import TIMEOUT, fourd_env

CLIENT_METHOD = """
#DECLARE($url : Text; $dataType : Text; $plan : Text)
var $handler:=cs.Recorder.new($dataType; $plan)
var $socket:=4D.WebSocket.new($url; $handler)
ALERT("new "+$socket.status+" "+$socket.url+" "+$socket.dataType+" "+String($socket.id>0)+" "+String($socket.handler=$handler))
$socket.wait(20)
ALERT("done "+$socket.status)
"""

RECORDER = """
property plan : Text

Class constructor($dataType : Text; $plan : Text)
    This.dataType:=$dataType
    This.plan:=$plan
    This.headers:={"X-Token": "secret"; Cookie: "a=1; b=2"}

Function onOpen($ws : 4D.WebSocket; $event : Object)
    ALERT("onOpen "+$event.type+" "+$ws.status)
    Case of
        : (This.plan="echo")
            $ws.send("hello")
            var $blob : Blob
            TEXT TO BLOB("bin"; $blob; UTF8 text without length)
            $ws.send($blob)
            $ws.send({key: "value"})
        : (This.plan="terminate")
            $ws.terminate(4001; "done here")
    End case

Function onMessage($ws : 4D.WebSocket; $event : Object)
    Case of
        : (Value type($event.data)=Is text)
            ALERT("onMessage text "+$event.data)
        : (OB Instance of($event.data; 4D.Blob))
            ALERT("onMessage blob "+String($event.data.size))
        Else
            ALERT("onMessage object "+JSON Stringify($event.data))
    End case
    If (This.plan="echo") && (Value type($event.data)=Is text) && ($event.data="last")
        $ws.terminate()
    End if

Function onError($ws : 4D.WebSocket; $event : Object)
    ALERT("onError "+$event.type+" "+String($event.errors.length))

Function onTerminate($ws : 4D.WebSocket; $event : Object)
    ALERT("onTerminate "+$event.type+" "+String($event.code)+" "+$event.reason+" "+$ws.status)
"""


class PythonServer:
    """An aiohttp WebSocket server in a thread; records what it receives."""

    def __init__(self, handler, ssl_context=None):
        self.received = []
        self.headers = {}
        self.handler = handler
        self.ssl_context = ssl_context
        self.ready = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()
        assert self.ready.wait(TIMEOUT)

    def _run(self):
        self.loop = asyncio.new_event_loop()
        app = web.Application()
        app.router.add_get("/ws", self._serve)
        self.runner = web.AppRunner(app)
        self.loop.run_until_complete(self.runner.setup())
        site = web.TCPSite(self.runner, "127.0.0.1", 0, ssl_context=self.ssl_context)
        self.loop.run_until_complete(site.start())
        self.port = site._server.sockets[0].getsockname()[1]
        self.ready.set()
        self.loop.run_forever()

    async def _serve(self, request):
        self.headers = dict(request.headers)
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        await self.handler(ws, self.received)
        return ws

    def close(self):
        asyncio.run_coroutine_threadsafe(self.runner.cleanup(), self.loop).result(TIMEOUT)
        self.loop.call_soon_threadsafe(self.loop.stop)


@pytest.fixture
def project(tmp_path):
    project = ScratchProject(tmp_path / "client")
    project.method("client", CLIENT_METHOD)
    project.cls("Recorder", RECORDER)
    return project


def run_client(project, url, data_type="text", plan="", **env):
    result = subprocess.run([sys.executable, "-m", "fourd", "run", str(project.root), "--method", "client",
                             url, data_type, plan], capture_output=True, text=True, timeout=30,
                            env=fourd_env(**env))
    assert "Traceback" not in result.stderr, result.stderr
    return result.stdout.splitlines()


async def echo_then_close(ws, received):
    async for message in ws:
        received.append(message.data)
        if message.type == aiohttp.WSMsgType.TEXT and message.data.startswith("{"):
            await ws.send_str("server text")
            await ws.send_bytes(b"\x01\x02\x03")
            await ws.send_str("last")


def test_callback_sequence_send_and_receive(project):
    server = PythonServer(echo_then_close)
    try:
        lines = run_client(project, f"ws://127.0.0.1:{server.port}/ws", "text", "echo")
    finally:
        server.close()
    assert lines[0] == f"new Connecting ws://127.0.0.1:{server.port}/ws text True True"
    assert lines[1:] == ["onOpen open Connected", "onMessage text server text", "onMessage text \x01\x02\x03",
                         "onMessage text last", "onTerminate terminate 1000  Closed", "done Closed"]
    assert server.received == ["hello", b"bin", '{"key":"value"}']
    assert server.headers["X-Token"] == "secret" and server.headers["Cookie"] == "a=1; b=2"


def test_blob_and_object_data_types(project):
    async def send_json(ws, received):
        await ws.send_str(json.dumps({"n": 1}))
        await ws.send_bytes(b"abcd")
        await ws.close(code=4100, message=b"bye")

    server = PythonServer(send_json)
    try:
        blob_lines = run_client(project, f"ws://127.0.0.1:{server.port}/ws", "blob")
        object_lines = run_client(project, f"ws://127.0.0.1:{server.port}/ws", "object")
    finally:
        server.close()
    assert blob_lines[2:5] == ["onMessage blob 8", "onMessage blob 4", "onTerminate terminate 4100 bye Closed"]
    assert object_lines[2] == 'onMessage object {"n":1}'


def test_terminate_with_code_and_reason(project):
    codes = []

    async def record_close(ws, received):
        while True:
            message = await ws.receive()
            if message.type == aiohttp.WSMsgType.CLOSE:
                codes.append((message.data, message.extra))
            if message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED):
                break

    server = PythonServer(record_close)
    try:
        lines = run_client(project, f"ws://127.0.0.1:{server.port}/ws", "text", "terminate")
    finally:
        server.close()
    assert "onTerminate terminate 4001  Closed" in lines
    assert codes == [(4001, "done here")]


def test_refused_connection_is_on_error_then_on_terminate(project):
    import socket
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    lines = run_client(project, f"ws://127.0.0.1:{port}/ws")
    assert lines[1:] == ["onError error 1", "onTerminate terminate 1006  Closed", "done Closed"]


def test_invalid_url_is_an_error_of_new(project):
    project.method("bad", """
        var $socket : Object
        Try
            $socket:=4D.WebSocket.new("http://127.0.0.1/"; {})
        Catch
            ALERT("error "+Last errors[0].message)
        End try
        ALERT("socket "+String($socket=Null))
    """)
    result = subprocess.run([sys.executable, "-m", "fourd", "run", str(project.root), "--method", "bad"],
                            capture_output=True, text=True, timeout=30)
    assert result.stdout.startswith("error 4D.WebSocket.new: invalid WebSocket URL")
    assert "socket True" in result.stdout
