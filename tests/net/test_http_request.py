"""4D.HTTPRequest (API/HTTPRequestClass.md) against a real aiohttp server on
loopback, through 4D programs run by the CLI."""
import signal
import ssl
import subprocess
import sys
import time

import pytest
from http_peers import BIG_SIZE, ROOT, HTTPPeer, lines, run_4d, self_signed
from tcp_helpers import free_port



@pytest.fixture(scope="module")
def tls_peer(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tls")
    cert, key = self_signed(folder)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    server = HTTPPeer(tls=context).start()
    server.cert = cert
    yield server
    server.stop()



RECORDER = """
var $log : Collection:=[]
var $opts : Object:=$options
$opts.onHeaders:=Formula($log.push("headers:"+String($1.response.status)+":"+$2.type))
$opts.onData:=Formula($log.push("data:"+$2.type))
$opts.onResponse:=Formula($log.push("response:"+$2.type))
$opts.onError:=Formula($log.push("error:"+$2.type))
$opts.onTerminate:=Formula($log.push("terminate:"+$2.type+":"+String($1.terminated)))
"""


def test_get_json_with_wait_and_properties(peer, tmp_path):
    out = lines(run_4d(tmp_path, """
var $r : 4D.HTTPRequest:=4D.HTTPRequest.new($1)
ALERT(String($r.terminated))
ALERT(String($r.wait()=$r))
ALERT(JSON Stringify($r.response.body))
ALERT(String($r.response.status)+" "+$r.response.statusText)
ALERT($r.response.headers["content-type"]+" "+String(Value type($r.response.rawHeaders["Content-Type"])))
ALERT($r.url+" "+$r.method+" "+$r.dataType+" "+$r.encoding+" "+$r.protocol+" "+String($r.returnResponseBody))
ALERT(String($r.terminated)+" "+String($r.errors.length)+" "+String(Value type($r.timeout))+" "+JSON Stringify($r.headers))
ALERT(String(OB Instance of($r.agent; 4D.HTTPAgent)))
""", peer.url("/json")))
    assert out == [
        "False", "True", '{"hello":"world","n":1,"accent":"é"}', "200 OK",
        "application/json; charset=utf-8 2", f"{peer.url('/json')} GET auto UTF-8 HTTP1 True",
        "True 0 5 {}", "True"]


def test_callbacks_in_documented_order_with_chunked_body(peer, tmp_path):
    out = lines(run_4d(tmp_path, "var $options:={}\n" + RECORDER + """
var $r:=4D.HTTPRequest.new($1; $opts).wait()
ALERT($log.join(","))
ALERT($r.response.body)
ALERT(String($r.response.headers["transfer-encoding"]))
""", peer.url("/chunked")))
    events = out[0].split(",")
    assert events[0] == "headers:200:headers" and events[-2:] == ["response:response", "terminate:terminate:True"]
    assert set(events[1:-2]) == {"data:data"} and len(events) > 4    # chunks as they came
    assert out[1:] == ["chunk0;chunk1;chunk2;chunk3;chunk4;", "chunked"]


def test_data_types(peer, tmp_path):
    out = lines(run_4d(tmp_path, """
ALERT(4D.HTTPRequest.new($1+"/text").wait().response.body)
var $b:=4D.HTTPRequest.new($1+"/binary").wait().response.body
ALERT(String(OB Instance of($b; 4D.Blob))+" "+String($b.size))
ALERT(Value type(4D.HTTPRequest.new($1+"/json"; {dataType: "text"}).wait().response.body)=Is text)
var $j:=4D.HTTPRequest.new($1+"/json"; {dataType: "blob"}).wait().response
ALERT(String($j.body.size)=$j.headers["content-length"])
ALERT(4D.HTTPRequest.new($1+"/json"; {dataType: "object"}).wait().response.body.hello)
ALERT(JSON Stringify(4D.HTTPRequest.new($1+"/cookies").wait().response.headers))
""", peer.url()))
    assert out[:5] == ["café", "True 256", "True", "True", "world"]
    assert '"set-cookie":["a=1","b=2"]' in out[5] and '"x-mixed-case":"yes"' in out[5]


def test_methods_headers_and_bodies(peer, tmp_path):
    out = lines(run_4d(tmp_path, """
var $e : Object
$e:=4D.HTTPRequest.new($1; {method: "POST"; body: "été"; headers: {X_One: "1"; \\
  "X-Multi": ["a"; "b"]}}).wait().response.body
ALERT($e.method+" "+$e.contentType+" "+String(Length($e.body))+" "+$e.headers.X_One+" "+$e.repeated.join("|"))
$e:=4D.HTTPRequest.new($1; {method: "put"; body: {a: 1}}).wait().response.body
ALERT($e.method+" "+$e.contentType+" "+$e.body)
var $blob : Blob
TEXT TO BLOB("raw"; $blob; UTF8 text without length)
$e:=4D.HTTPRequest.new($1; {method: "PATCH"; body: $blob}).wait().response.body
ALERT($e.method+" "+$e.contentType+" "+$e.body)
$e:=4D.HTTPRequest.new($1; {method: "POST"; body: "été"; encoding: "ISO-8859-1"}).wait().response.body
ALERT($e.contentType+" "+String(Length($e.body)))
$e:=4D.HTTPRequest.new($1; {method: "POST"; body: "x"; headers: {"Content-Type": "text/csv"}}).wait().response.body
ALERT($e.contentType)
$e:=4D.HTTPRequest.new($1; {method: "DELETE"}).wait().response.body
ALERT($e.method)
""", peer.url("/echo")))
    assert out == ["POST text/plain; charset=UTF-8 5 1 a|b",    # é is 2 bytes, read back as latin-1
                   'PUT application/json {"a":1}', "PATCH application/octet-stream raw",
                   "text/plain; charset=ISO-8859-1 3", "text/csv", "DELETE"]


def test_redirections(peer, tmp_path):
    out = lines(run_4d(tmp_path, """
var $r:=4D.HTTPRequest.new($1+"/redirect/5").wait()
ALERT(String($r.response.status)+" "+String($r.response.body.arrived))
$r:=4D.HTTPRequest.new($1+"/redirect/6").wait()
ALERT(String($r.response.status)+" "+$r.response.headers.location)
$r:=4D.HTTPRequest.new($1+"/redirect/1"; {automaticRedirections: False}).wait()
ALERT(String($r.response.status))
$r:=4D.HTTPRequest.new($1+"/redirect/1?status=307"; {method: "POST"; body: "x"}).wait()
ALERT($r.response.body.method)
$r:=4D.HTTPRequest.new($1+"/redirect/1?status=303"; {method: "POST"; body: "x"}).wait()
ALERT($r.response.body.method)
""", peer.url()))
    assert out == ["200 True", "302 /redirect/0?status=302", "302", "POST", "GET"]


def test_timeout_is_an_error_then_terminate(peer, tmp_path):
    out = lines(run_4d(tmp_path, "var $options:={timeout: 0.3}\n" + RECORDER + """
var $start:=Milliseconds
var $r:=4D.HTTPRequest.new($1; $opts).wait()
ALERT($log.join(","))
ALERT(String(Milliseconds-$start<2000)+" "+String($r.timeout)+" "+String($r.response=Null))
ALERT(String($r.errors[0].errCode)+" "+$r.errors[0].componentSignature+" "+$r.errors[0].message)
""", peer.url("/slow?seconds=3")))
    assert out[0] == "error:error,terminate:terminate:True"
    assert out[1] == "True 0.3 True"
    assert out[2].startswith("110 HTTP Cannot send the request to") and out[2].endswith("Timeout")


def test_refused_connection(tmp_path):
    out = lines(run_4d(tmp_path, "var $options:={}\n" + RECORDER + """
var $r:=4D.HTTPRequest.new("http://127.0.0.1:"+$1+"/"; $opts).wait()
ALERT($log.join(","))
ALERT(JSON Stringify($r.errors))
""", str(free_port())))
    assert out[0] == "error:error,terminate:terminate:True"
    assert '"errCode":111' in out[1] and "Connection refused" in out[1] and '"componentSignature":"HTTP"' in out[1]


def test_terminate_aborts_with_onTerminate_only(peer, tmp_path):
    out = lines(run_4d(tmp_path, "var $options:={}\n" + RECORDER + """
var $r:=4D.HTTPRequest.new($1; $opts)
$r.wait(0.2)
$r.terminate()
$r.wait()
ALERT($log.join(",")+" "+String($r.terminated)+" "+String($r.errors.length))
""", peer.url("/slow?seconds=3")))
    assert out == ["terminate:terminate:True True 0"]


def test_fifty_megabytes_streamed_through_onData(peer, tmp_path):
    out = lines(run_4d(tmp_path, """
var $seen:={total: 0; calls: 0}
var $r:=4D.HTTPRequest.new($1; {returnResponseBody: False; \
  onData: Formula($seen.total:=$seen.total+$2.data.size); \
  onResponse: Formula($seen.calls:=$seen.calls+1)}).wait()
ALERT(String($seen.total)+" "+String($seen.calls)+" "+String($r.response.body=Null))
""", peer.url("/big"), timeout=120))
    assert out == [f"{BIG_SIZE} 1 True"]


def test_returnResponseBody_false_needs_onData(peer, tmp_path):
    result = run_4d(tmp_path, """
var $r:=Try(4D.HTTPRequest.new($1; {returnResponseBody: False}))
ALERT(String(Last errors[0].errCode))
""", peer.url("/json"))
    assert lines(result) == ["54"]


def test_decodeData(peer, tmp_path):
    out = lines(run_4d(tmp_path, """
var $size:={raw: 0; decoded: 0}
var $r:=4D.HTTPRequest.new($1; {onData: Formula($size.raw:=$size.raw+$2.data.size)}).wait()
ALERT(String(($size.raw>0) & ($size.raw<900))+" "+String(Length($r.response.body)))
$r:=4D.HTTPRequest.new($1; {decodeData: True; onData: Formula($size.decoded:=$size.decoded+$2.data.size)}).wait()
ALERT(String($size.decoded))
""", peer.url("/gzip")))
    assert out == ["True 900", "900"]


def test_server_authentication(peer, tmp_path):
    out = lines(run_4d(tmp_path, """
ALERT(String(4D.HTTPRequest.new($1+"/basic").wait().response.status))
var $auth:={name: "ann"; password: "secret"}
ALERT(4D.HTTPRequest.new($1+"/basic"; {serverAuthentication: $auth}).wait().response.body.user)
$auth.method:="basic"
ALERT(4D.HTTPRequest.new($1+"/basic"; {serverAuthentication: $auth}).wait().response.body.user)
$auth.method:="digest"
ALERT(4D.HTTPRequest.new($1+"/digest"; {serverAuthentication: $auth}).wait().response.body.scheme)
$auth.method:="auto"
ALERT(4D.HTTPRequest.new($1+"/digest"; {serverAuthentication: $auth}).wait().response.body.scheme)
$auth.password:="wrong"
ALERT(String(4D.HTTPRequest.new($1+"/digest"; {serverAuthentication: $auth}).wait().response.status))
""", peer.url()))
    assert out == ["401", "ann", "ann", "digest", "digest", "401"]


def test_tls_verified_by_default_and_options(tls_peer, tmp_path):
    code = """
var $r:=4D.HTTPRequest.new($1).wait()
ALERT(String($r.response=Null)+" "+String($r.errors.length))
$r:=4D.HTTPRequest.new($1; {validateTLSCertificate: False}).wait()
ALERT(JSON Stringify($r.response.body))
$r:=4D.HTTPRequest.new($1; {validateTLSCertificate: False; minTLSVersion: "TLSv1_3"}).wait()
ALERT(String($r.response.status))
ALERT(String(Try(4D.HTTPRequest.new($1; {minTLSVersion: "SSLv3"}))=Null))
ALERT(String(Try(4D.HTTPRequest.new($1; {protocol: "HTTP2"}))=Null))
ALERT(String(Try(4D.HTTPRequest.new($1; {storeCertificateName: "mine"}))=Null))
"""
    out = lines(run_4d(tmp_path, code, tls_peer.url("/json")))
    assert out[0] == "True 1"
    assert out[1:] == ['{"hello":"world","n":1,"accent":"é"}', "200", "True", "True", "True"]
    trusted = lines(run_4d(tmp_path, "ALERT(4D.HTTPRequest.new($1).wait().response.body.hello)",
                           tls_peer.url("/json"), env={"SSL_CERT_FILE": str(tls_peer.cert)}))
    assert trusted == ["world"]


def test_url_without_scheme_is_https(tls_peer, tmp_path):
    out = lines(run_4d(tmp_path, "ALERT(4D.HTTPRequest.new($1).wait().response.body.hello)",
                       f"127.0.0.1:{tls_peer.port}/json", env={"SSL_CERT_FILE": str(tls_peer.cert)}))
    assert out == ["world"]


def test_polling_terminated_with_delay_process(peer, tmp_path):
    """The 4D blog's asynchronous pattern: poll .terminated while doing other work."""
    out = lines(run_4d(tmp_path, """
var $r:=4D.HTTPRequest.new($1)
var $turns:=0
While (Not($r.terminated)) & ($turns<500)
  $turns:=$turns+1
  DELAY PROCESS(Current process; 1)
End while
ALERT(String($r.terminated)+" "+$r.response.body.hello)
""", peer.url("/json")))
    assert out == ["True world"]


def test_callbacks_run_in_a_worker_that_created_the_request(peer, tmp_path):
    (tmp_path / "Project" / "Sources" / "Methods").mkdir(parents=True)
    methods = tmp_path / "Project" / "Sources" / "Methods"
    (methods / "fetch.4dm").write_text("""#DECLARE($url : Text)
4D.HTTPRequest.new($url; {onResponse: Formula(ALERT(Current process name+" "+$1.response.body.hello))})
""", encoding="utf-8")
    (methods / "main.4dm").write_text("""#DECLARE($url : Text)
CALL WORKER("fetcher"; "fetch"; $url)
""", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "fourd", "run", str(tmp_path), "--method", "main",
                             peer.url("/json")], capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert lines(result) == ["fetcher world"]


def test_sigterm_terminates_pending_requests(peer, tmp_path):
    source = tmp_path / "main.4dm"
    source.write_text("""
4D.HTTPRequest.new($1; {onTerminate: Formula(ALERT("terminated "+String($1.terminated)))})
ALERT("sent")
""", encoding="utf-8")
    process = subprocess.Popen([sys.executable, "-m", "fourd", "run", str(source), peer.url("/slow?seconds=30")],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        assert process.stdout.readline() == "sent\n"
        time.sleep(0.3)
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=10)
    finally:
        process.kill()
    assert process.returncode == 143, err
    assert out == "terminated True\n" and "Traceback" not in err


def test_trace_has_http_lines(peer, tmp_path):
    trace = tmp_path / "trace.txt"
    lines(run_4d(tmp_path, "4D.HTTPRequest.new($1).wait()", peer.url("/json"),
                 env={"FOURD_NET_TRACE": str(trace)}))
    events = [line.split("\t") for line in trace.read_text().splitlines()[1:]]
    assert [(fields[4], fields[5]) for fields in events] == [
        ("HTTP", "request"), ("HTTP", "response"), ("HTTP", "receive")]
    assert events[0][2] == "127.0.0.1" and events[0][9].startswith("GET http://127.0.0.1")


def test_invalid_arguments_are_4d_errors(tmp_path):
    out = lines(run_4d(tmp_path, """
var $r:=Try(4D.HTTPRequest.new(""))
ALERT(String(Last errors[0].errCode))
$r:=Try(4D.HTTPRequest.new("http://x"; {dataType: "xml"}))
ALERT(String(Last errors[0].errCode))
$r:=Try(4D.HTTPRequest.new("http://x"; {body: 12}))
ALERT(String(Last errors[0].errCode))
$r:=Try(4D.HTTPRequest.new("http://"))
ALERT(String(Last errors[0].errCode))
"""))
    assert out == ["54", "54", "54", "15"]


def test_proxy_from_the_environment_with_proxyAuthentication(peer, tmp_path):
    """The proxy named by HTTP_PROXY gets the request for another host, with Basic credentials."""
    out = lines(run_4d(tmp_path, """
ALERT(String(4D.HTTPRequest.new("http://fourd.invalid/page").wait().response.status))
var $r:=4D.HTTPRequest.new("http://fourd.invalid/page"; {proxyAuthentication: {name: "ann"; password: "secret"}}).wait()
ALERT($r.response.body.proxied)
""", env={"HTTP_PROXY": peer.url(), "NO_PROXY": ""}))
    assert out == ["407", "http://fourd.invalid/page"]
