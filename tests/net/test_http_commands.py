"""The legacy HTTP client commands (commands-legacy/http-*.md) against a real
aiohttp server on loopback."""
from http_peers import lines, run_4d
from tcp_helpers import free_port




def test_http_get_into_text_blob_and_object_with_header_arrays(peer, tmp_path):
    out = lines(run_4d(tmp_path, """
var $text : Text
var $blob : Blob
var $object : Object
ARRAY TEXT($names; 0)
ARRAY TEXT($values; 0)
APPEND TO ARRAY($names; "X-Multi")
APPEND TO ARRAY($values; "sent")
ALERT(String(HTTP Get($1+"/echo"; $object; $names; $values)))
ALERT($object.repeated[0]+" "+String(Find in array($names; "Content-Type")>0))
ALERT(String(HTTP Get($1+"/text"; $text))+" "+$text)
ALERT(String(HTTP Get($1+"/binary"; $blob))+" "+String(BLOB size($blob)))
ALERT(String(HTTP Get($1+"/json"; $object))+" "+$object.hello)
ALERT(String(HTTP Get($1+"/cookies"; $text; $names; $values))+" "+String(Count in array($names; "Set-Cookie")))
""", peer.url()))
    assert out == ["200", "sent True", "200 café", "200 256", "200 world", "200 2"]


def test_http_request_methods_and_bodies(peer, tmp_path):
    out = lines(run_4d(tmp_path, """
var $response : Object
ALERT(String(HTTP Request(HTTP POST method; $1; "hello"; $response))+" "+$response.body+" "+$response.contentType)
ALERT(String(HTTP Request(HTTP PUT method; $1; {a: 1}; $response))+" "+$response.body+" "+$response.contentType)
ALERT(String(HTTP Request(HTTP DELETE method; $1; ""; $response))+" "+$response.method)
ALERT($response.headers.Connection)
ALERT(String(HTTP Request(HTTP GET method; $1; ""; $response; *))+" "+String($response.headers.Connection=Null))
""", peer.url("/echo")))
    assert out == ["200 hello text/plain; charset=UTF-8", '200 {"a":1} application/json', "200 DELETE",
                   "close", "200 True"]     # HTTP/1.1 keeps the connection by default


def test_options_redirects_timeout(peer, tmp_path):
    out = lines(run_4d(tmp_path, """
var $object : Object
var $value : Integer
HTTP GET OPTION(HTTP timeout; $value)
ALERT(String($value))
HTTP GET OPTION(HTTP max redirect; $value)
ALERT(String($value))
ALERT(String(HTTP Get($1+"/redirect/2"; $object))+" "+String($object.arrived))
ALERT(String(HTTP Get($1+"/redirect/3"; $object)))
HTTP SET OPTION(HTTP follow redirect; 0)
ALERT(String(HTTP Get($1+"/redirect/1"; $object)))
HTTP SET OPTION(HTTP timeout; 1)
HTTP GET OPTION(HTTP timeout; $value)
Try(HTTP Get($1+"/slow?seconds=3"; $object))
ALERT(String($value)+" "+String(Last errors[0].errCode))
""", peer.url()))
    assert out == ["120", "2", "200 True", "302", "302", "1 110"]


def test_authenticate(peer, tmp_path):
    out = lines(run_4d(tmp_path, """
var $object : Object
ALERT(String(HTTP Get($1+"/basic"; $object)))
HTTP AUTHENTICATE("ann"; "secret"; HTTP basic)
ALERT(String(HTTP Get($1+"/basic"; $object))+" "+$object.user)
HTTP AUTHENTICATE("ann"; "secret"; HTTP digest)
ALERT(String(HTTP Get($1+"/digest"; $object))+" "+$object.scheme)
HTTP SET OPTION(HTTP reset auth settings; 1)
HTTP AUTHENTICATE("ann"; "secret")
ALERT(String(HTTP Get($1+"/digest"; $object)))
ALERT(String(HTTP Get($1+"/digest"; $object)))
""", peer.url()))
    assert out == ["401", "200 ann", "200 digest", "200", "401"]


def test_unreachable_server_returns_0_and_an_error(tmp_path):
    out = lines(run_4d(tmp_path, """
var $text : Text
Try(HTTP Get("http://127.0.0.1:"+$1+"/"; $text))
ALERT(String(Last errors[0].errCode)+" "+Last errors[0].componentSignature+" "+Last errors[0].message)
""", str(free_port())))
    assert out[0].startswith("111 HTTP Cannot send the request") and out[0].endswith("Connection refused")


def test_certificates_folder_setting(tmp_path):
    out = lines(run_4d(tmp_path, """
ALERT("["+HTTP Get certificates folder+"]")
HTTP SET CERTIFICATES FOLDER("/tmp/certs")
ALERT(HTTP Get certificates folder)
"""))
    assert out == ["[]", "/tmp/certs"]


def test_parse_message_of_the_docs(tmp_path):
    """The example of commands/http-parse-message.md: a batch request in multipart/mixed."""
    out = lines(run_4d(tmp_path, r"""
var $b:="batch_1943"
var $m:="POST /batch/gmail/v1/ HTTP/1.1\r\nUser-Agent: 4D/20.4.0\r\n"
$m:=$m+"Content-Type: multipart/mixed; boundary="+$b+"\r\n\r\n"
$m:=$m+"--"+$b+"\r\nContent-Type: application/http\r\nContent-ID: <item1>\r\n\r\n"
$m:=$m+"GET https://example.com/1 HTTP/1.1\r\n\r\n"
$m:=$m+"--"+$b+"\r\nContent-Type: application/http\r\nContent-ID: <item2>\r\n\r\n"
$m:=$m+"GET https://example.com/2 HTTP/1.1\r\n\r\n--"+$b+"--\r\n"
var $parsed:=HTTP Parse message($m)
ALERT($parsed.requestLine)
ALERT($parsed.headers["User-Agent"])
ALERT(String($parsed.parts.length)+" "+$parsed.parts[0].contentType+" "+$parsed.parts[1].contentID)
ALERT($parsed.parts[1].body)
var $r:=HTTP Parse message("HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\n\r\nnothing")
ALERT($r.statusLine+" "+$r.body)
"""))
    assert out == ["POST /batch/gmail/v1/ HTTP/1.1", "4D/20.4.0", "2 application/http item2",
                   "GET https://example.com/2 HTTP/1.1", "HTTP/1.1 404 Not Found nothing"]
