"""HTTP request handlers (HTTPHandlers.json) with 4D.IncomingMessage and 4D.OutgoingMessage."""
import json

import pytest

from web_helpers import WebProject, get, serve

HANDLERS = [
    {"class": "Api", "method": "echo", "pattern": "echo", "verbs": "get, POST"},
    {"class": "Api", "method": "special", "regexPattern": "/docs/invoices/(past|today)", "verbs": "GET"},
    {"class": "Api", "method": "onlyGet", "regexPattern": "/docs/invoices/details", "verbs": "GET"},
    {"class": "Api", "method": "otherVerbs", "regexPattern": "/docs/invoices/details"},
    {"class": "Api", "method": "docs", "pattern": "docs"},
    {"class": "Api", "method": "putOnly", "pattern": "put", "verbs": "PUT"},
    {"class": "Api", "method": "reply", "pattern": "reply"},
    {"class": "Api", "method": "fails", "pattern": "fails"},
    {"class": "Api", "method": "missing", "pattern": "nofunction"},
    {"class": "NotSingleton", "method": "handle", "pattern": "notsingleton"},
    {"class": "Api", "method": "echo", "pattern": "rest"},                 # forbidden: ignored
    {"class": "Api", "method": "echo", "regexPattern": "/bad(regex"},      # invalid: ignored
    {"class": "Api", "method": "body", "pattern": "body"},
]

API = """
shared singleton Class constructor()

Function echo($request : 4D.IncomingMessage) : 4D.OutgoingMessage
    var $result:=4D.OutgoingMessage.new()
    $result.setBody({url: $request.url; urlPath: $request.urlPath; urlQuery: $request.urlQuery; \\
        verb: $request.verb; text: $request.getText(); contentType: $request.getHeader("CONTENT-type"); \\
        agent: $request.headers["x-agent"]; blobSize: $request.getBlob().size; \\
        class: OB Class($request).name; process: Current process name})
    return $result

Function special($request : 4D.IncomingMessage) : Text
    return "special "+$request.urlPath[2]

Function onlyGet($request : 4D.IncomingMessage) : Text
    return "details GET"

Function otherVerbs($request : 4D.IncomingMessage) : Text
    return "details "+$request.verb

Function docs($request : 4D.IncomingMessage) : Object
    return {docs: $request.urlPath}

Function putOnly($request : 4D.IncomingMessage) : Text
    return "put"

Function reply($request : 4D.IncomingMessage) : 4D.OutgoingMessage
    var $out:=4D.OutgoingMessage.new()
    var $kind:=$request.urlQuery.kind
    Case of
        : ($kind="blob")
            var $blob : Blob
            TEXT TO BLOB("bytes"; $blob; UTF8 text without length)
            $out.setBody($blob)
        : ($kind="status")
            $out.setBody("teapot")
            $out.setStatus(418)
            $out.setHeader("X-Custom"; "yes")
            $out.setHeader("Content-Type"; "text/x-tea")
        : ($kind="property")
            $out.body:="set directly"
        : ($kind="errors")
            var $caught : Collection
            $caught:=[]
            Try
                $out.setStatus("abc")
            Catch
                $caught.push("setStatus")
            End try
            Try
                $out.setHeader("A"; 1)
            Catch
                $caught.push("setHeader")
            End try
            Try
                $out.setBody(True)
            Catch
                $caught.push("setBody")
            End try
            Try
                $request.getPicture()
            Catch
                $caught.push("getPicture")
            End try
            $out.setBody({caught: $caught; status: $out.status; headers: $out.headers})
        Else
            $out.setBody("text body")
    End case
    return $out

Function fails($request : 4D.IncomingMessage) : Text
    throw(123; "handler failure")

Function body($request : 4D.IncomingMessage) : Object
    var $result : Object
    Try
        $result:={json: $request.getJSON()}
    Catch
        $result:={error: Last errors[0].message}
    End try
    return $result
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    project = WebProject(tmp_path_factory.mktemp("handlers") / "site")
    project.handlers(json.dumps(HANDLERS))
    project.cls("Api", API)
    project.cls("NotSingleton", "Function handle($r : 4D.IncomingMessage) : Text\n    return \"no\"\n")
    project.file("echo.html", "static")
    served = serve(project)
    yield served
    out, err, code = served.stop()
    assert code == 143


def json_body(response):
    return json.loads(response[2])


def test_incoming_message_properties(site):
    response = get(site.port, "/echo/a%20b/c?param=demo&name=4D&mdcode=%60%60%604d", method="POST",
                   body="héllo".encode(), headers={"Content-Type": "text/plain; charset=utf-8", "X-Agent": "t"})
    assert response[0] == 200
    assert response[1]["content-type"].startswith("application/json")
    data = json_body(response)
    assert data["url"] == "/echo/a%20b/c?param=demo&name=4D&mdcode=%60%60%604d"
    assert data["urlPath"] == ["echo", "a b", "c"]                 # decoded
    assert data["urlQuery"] == {"param": "demo", "name": "4D", "mdcode": "```4d"}
    assert data["verb"] == "POST"
    assert data["text"] == "héllo"
    assert data["contentType"] == "text/plain; charset=utf-8"
    assert data["agent"] == "t"
    assert data["blobSize"] == len("héllo".encode())
    assert data["class"] == "IncomingMessage"
    assert data["process"].startswith("Web process")


def test_patterns_are_prefixes_and_handlers_win_over_files(site):
    assert json_body(get(site.port, "/echo"))["urlPath"] == ["echo"]
    assert json_body(get(site.port, "/echo/"))["urlPath"] == ["echo"]
    assert get(site.port, "/echo.html")[2] == b"static"             # "echo" is not a prefix of echo.html
    assert json_body(get(site.port, "/sub/../echo/x"))["urlPath"] == ["echo", "x"]   # normalised first


def test_regex_patterns_order_and_verbs(site):
    assert get(site.port, "/docs/invoices/today/latest")[2] == b"special today"
    assert get(site.port, "/docs/invoices/past")[2] == b"special past"
    assert get(site.port, "/docs/invoices/details/x")[2] == b"details GET"
    assert get(site.port, "/docs/invoices/details/x", method="DELETE")[2] == b"details DELETE"
    assert json_body(get(site.port, "/docs/other")) == {"docs": ["docs", "other"]}
    assert get(site.port, "/echo", method="DELETE")[0] == 405       # verb not allowed
    assert get(site.port, "/put", method="PUT")[2] == b"put"
    assert get(site.port, "/put")[0] == 405


def test_outgoing_message_bodies_status_and_headers(site):
    status, headers, body = get(site.port, "/reply")
    assert (status, body) == (200, b"text body") and headers["content-type"].startswith("text/plain")
    status, headers, body = get(site.port, "/reply?kind=blob")
    assert body == b"bytes" and headers["content-type"] == "application/octet-stream"
    status, headers, body = get(site.port, "/reply?kind=status")
    assert (status, body) == (418, b"teapot")
    assert headers["x-custom"] == "yes" and headers["content-type"] == "text/x-tea"
    assert get(site.port, "/reply?kind=property")[2] == b"set directly"
    data = json_body(get(site.port, "/reply?kind=errors"))
    assert data["caught"] == ["setStatus", "setHeader", "setBody", "getPicture"]
    assert data["status"] == 200
    # the headers object is the message's own: setBody(object) set its Content-Type meanwhile
    assert data["headers"] == {"Content-Type": "application/json; charset=utf-8"}


def test_get_json(site):
    assert json_body(get(site.port, "/body", method="POST", body=b'{"a": [1, 2]}')) == {"json": {"a": [1, 2]}}
    assert "JSON" in json_body(get(site.port, "/body", method="POST", body=b"{nope"))["error"]


def test_errors_are_500_and_reported(site):
    status, _, body = get(site.port, "/fails")
    assert status == 500 and b"Traceback" not in body
    assert get(site.port, "/nofunction") == (500, get(site.port, "/nofunction")[1],
                                              b"Cannot find singleton function: Api.missing\n")
    assert get(site.port, "/notsingleton")[2] == b"Cannot find singleton: NotSingleton\n"
    assert get(site.port, "/rest/x")[0] == 404                      # the forbidden handler was ignored
    assert get(site.port, "/echo")[0] == 200                        # still serving


def test_request_too_large_is_413(tmp_path):
    project = WebProject(tmp_path / "site")
    project.handlers(json.dumps([HANDLERS[0]]))
    project.cls("Api", API)
    served = serve(project, json.dumps({"maxRequestSize": 500000}))
    try:
        assert get(served.port, "/echo", method="POST", body=b"x" * 600000)[0] == 413
        assert get(served.port, "/echo", method="POST", body=b"x" * 400000)[0] == 200
    finally:
        served.stop()


def test_a_handler_can_wait_for_an_asynchronous_object(tmp_path):
    """wait() inside a request handler serves the web process's loop (a WebSocket client here)."""
    from test_websocket_client import PythonServer

    async def greet(ws, received):
        await ws.send_str("from python")
        async for message in ws:
            received.append(message.data)

    server = PythonServer(greet)
    project = WebProject(tmp_path / "site")
    project.handlers('[{"class": "Relay", "method": "relay", "pattern": "relay"}]')
    project.cls("Relay", """
        shared singleton Class constructor()

        Function relay($request : 4D.IncomingMessage) : Text
            var $collector:=cs.Collector.new()
            var $socket:=4D.WebSocket.new($request.urlQuery.url; $collector)
            $socket.wait(5)
            return "relayed "+$collector.got+" "+$socket.status
    """)
    project.cls("Collector", """
        property got : Text

        Function onMessage($socket : 4D.WebSocket; $event : Object)
            This.got:=$event.data
            $socket.terminate()
    """)
    served = serve(project)
    try:
        url = f"ws://127.0.0.1:{server.port}/ws"
        status, _, body = get(served.port, "/relay?url=" + url)
        assert (status, body) == (200, b"relayed from python Closed")
    finally:
        served.stop()
        server.close()
