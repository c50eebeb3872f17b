"""4D.WebServer and the WEB server commands: start/stop/isRunning, settings,
static files of the root folder, `fourd run` staying alive, SIGTERM."""
import json
import socket
import subprocess
import sys

import pytest

from web_helpers import TIMEOUT, WebProject, get, serve


@pytest.fixture
def project(tmp_path):
    return WebProject(tmp_path / "site")


def run_method(project, name, *args, timeout=30):
    return subprocess.run([sys.executable, "-m", "fourd", "run", str(project.root), "--method", name, *args],
                          capture_output=True, text=True, timeout=timeout)


def test_static_files_home_page_and_404(project):
    project.file("index.html", "<h1>home</h1>")
    project.file("css/site.css", "body {}")
    project.file("data/report.json", '{"a": 1}')
    served = serve(project)
    try:
        status, headers, body = get(served.port, "/")
        assert (status, body) == (200, b"<h1>home</h1>")
        assert headers["content-type"].startswith("text/html")
        status, headers, body = get(served.port, "/css/site.css")
        assert (status, body) == (200, b"body {}") and headers["content-type"].startswith("text/css")
        assert get(served.port, "/data/report.json")[0] == 200
        status, headers, body = get(served.port, "/css/site.css", method="HEAD")
        assert (status, body) == (200, b"")
        assert get(served.port, "/missing.html")[0] == 404
        assert get(served.port, "/css")[0] == 404            # a folder is not a file
        assert get(served.port, "/", method="TRACE")[0] == 405   # HTTPTrace is False
    finally:
        out, err, code = served.stop()
    assert code == 143, err


def test_root_folder_and_default_home_page_settings(project, tmp_path):
    other = tmp_path / "public"
    other.mkdir()
    (other / "start.html").write_text("start page")
    served = serve(project, json.dumps({"rootFolder": str(other), "defaultHomepage": "start.html"}))
    try:
        assert get(served.port, "/")[2] == b"start page"
        assert get(served.port, "/start.html")[2] == b"start page"
    finally:
        served.stop()


def test_start_stop_is_running_and_the_commands(project):
    project.method("cycle", """
        var $server:=WEB Server
        ALERT("before "+String($server.isRunning)+" "+String(WEB Is server running))
        var $r:=$server.start({HTTPPort: 0; IPAddressToListen: "127.0.0.1"})
        ALERT("started "+String($r.success)+" "+String($server.isRunning)+" "+String(WEB Is server running))
        ALERT("same object "+String(WEB Server=$server)+" "+String(WEB Server list.length))
        var $again:=$server.start()
        ALERT("again "+String($again.success)+" "+$again.errors[0].message)
        var $process : Object
        var $web:=0
        For each ($process; Process activity.processes)
            If ($process.name="Web process@")
                $web:=$web+1
            End if
        End for each
        ALERT("web processes "+String($web>0))
        $server.stop()
        ALERT("stopped "+String($server.isRunning)+" "+String(WEB Is server running))
        WEB START SERVER
        ALERT("WEB START SERVER "+String(OK)+" "+String(WEB Is server running))
        WEB STOP SERVER
        ALERT("WEB STOP SERVER "+String(WEB Is server running))
    """)
    project.method("busy", """
        #DECLARE($port : Text)
        var $r:=WEB Server.start({HTTPPort: Num($port); IPAddressToListen: "127.0.0.1"})
        ALERT(String($r.success)+" "+String($r.errors.length)+" "+$r.errors[0].componentSignature)
        ALERT($r.errors[0].message)
        $r:=WEB Server.start({HTTPPort: 0; IPAddressToListen: "127.0.0.1"; CORSEnabled: True})
        ALERT(String($r.success)+" "+$r.errors[0].message)
        $r:=WEB Server.start({HTTPPort: 0; IPAddressToListen: "not an address"})
        ALERT(String($r.success)+" "+$r.errors[0].message)
        $r:=WEB Server.start({HTTPEnabled: False})
        ALERT(String($r.success)+" "+$r.errors[0].message)
    """)
    # WEB START SERVER uses the default settings: port 80 on every interface.
    # Give it HTTPPort through start() first? No: the default is 80, which may be busy or
    # forbidden here, so only the OK/isRunning agreement is checked.
    result = run_method(project, "cycle")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "before False False"
    assert lines[1] == "started True True True"
    assert lines[2] == "same object True 1"
    assert lines[3] == "again False The web server is already started"
    assert lines[4] == "web processes True"
    assert lines[5] == "stopped False False"
    ok, running = lines[6].split()[-2:]
    assert (ok == "1") == (running == "True")
    assert lines[7] == "WEB STOP SERVER False"

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        result = run_method(project, "busy", str(taken.getsockname()[1]))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "False 1 HTTP"
    assert "Cannot start the web server" in lines[1] and "in use" in lines[1]
    assert lines[2] == "False the CORSEnabled setting is not supported by fourd"
    assert lines[3] == "False IPAddressToListen is not an IP address: not an address"
    assert lines[4] == "False Neither HTTP nor HTTPS is enabled"


def test_the_run_stays_alive_while_serving_and_sigterm_stops_it(project):
    project.file("index.html", "x")
    served = serve(project)
    try:
        assert served.proc.poll() is None          # the main method has returned long ago
        assert get(served.port, "/")[0] == 200
    finally:
        out, err, code = served.stop()
    assert code == 143
    assert "Traceback" not in err
    with pytest.raises(OSError):                   # the port is closed
        socket.create_connection(("127.0.0.1", served.port), timeout=TIMEOUT).close()


def test_many_concurrent_requests_all_answered(project):
    project.file("a.txt", "a" * 100_000)
    served = serve(project)
    try:
        import concurrent.futures
        with concurrent.futures.ThreadPoolExecutor(16) as pool:
            results = list(pool.map(lambda _: get(served.port, "/a.txt"), range(64)))
        assert all(status == 200 and body == b"a" * 100_000 for status, _, body in results)
    finally:
        served.stop()
