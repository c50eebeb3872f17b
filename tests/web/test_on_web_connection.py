"""The On Web Connection database method and the classic WEB commands."""
import pytest

from web_helpers import WebProject, get, serve

ON_WEB_CONNECTION = """
#DECLARE($url : Text; $http : Text; $ipBrowser : Text; $ipServer : Text; $user : Text; $pw : Text)
Case of
    : ($url="/text@")
        WEB SEND TEXT("url="+$url+" browser="+$ipBrowser+" server="+$ipServer+" first="+Substring($http; 1; Position(Char(13); $http)-1))
    : ($url="/plain")
        WEB SEND TEXT("plain"; "text/plain")
    : ($url="/blob")
        var $blob : Blob
        TEXT TO BLOB("{\\"a\\":1}"; $blob; UTF8 text without length)
        WEB SEND BLOB($blob; ".json")
    : ($url="/file")
        WEB SEND FILE("pages/page.html")
        ALERT("send file OK="+String(OK))
    : ($url="/nofile")
        WEB SEND FILE("../outside.html")
        WEB SEND TEXT("OK="+String(OK))
    : ($url="/headers")
        var $header : Text
        WEB GET HTTP HEADER($header)
        ARRAY TEXT($names; 0)
        ARRAY TEXT($values; 0)
        WEB GET HTTP HEADER($names; $values)
        WEB SEND TEXT($names{1}+"="+$values{1}+";"+$names{2}+"="+$values{2}+";"+$names{3}+"="+$values{3}+";"+\\
            "cookie="+$values{Find in array($names; "Cookie")}+";starts="+Substring($header; 1; 14))
    : ($url="/body")
        var $text : Text
        var $raw : Blob
        WEB GET HTTP BODY($text)
        WEB GET HTTP BODY($raw)
        WEB SEND TEXT($text+" "+String(BLOB size($raw)))
    : ($url="/variables@")
        ARRAY TEXT($names; 0)
        ARRAY TEXT($values; 0)
        WEB GET VARIABLES($names; $values)
        var $all : Text
        var $i : Integer
        For ($i; 1; Size of array($names))
            $all:=$all+$names{$i}+"="+$values{$i}+";"
        End for
        WEB SEND TEXT($all)
    : ($url="/parts")
        var $count : Integer
        var $content; $name; $mime; $file : Text
        $count:=WEB Get body part count
        WEB GET BODY PART(2; $content; $name; $mime; $file)
        WEB SEND TEXT(String($count)+" "+$name+" "+$mime+" "+$file+" "+$content)
    : ($url="/cookie")
        var $cookie : Text
        $cookie:="HTTP/1.0 201 Created"+Char(13)+"Set-Cookie: C=HELLO"
        WEB SET HTTP HEADER($cookie)
        WEB SEND TEXT("made")
    : ($url="/arrays")
        ARRAY TEXT($fields; 2)
        ARRAY TEXT($contents; 2)
        $fields{1}:="X-STATUS"
        $contents{1}:="202 Accepted"
        $fields{2}:="X-Thing"
        $contents{2}:="value"
        WEB SET HTTP HEADER($fields; $contents)
        WEB SEND TEXT("arrays")
    : ($url="/error")
        throw(5; "boom")
    Else
        WEB SEND TEXT("other "+$url)
End case
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    project = WebProject(tmp_path_factory.mktemp("legacy") / "site")
    project.database_method("onWebConnection", ON_WEB_CONNECTION)
    project.file("pages/page.html", "<p>page</p>")
    project.file("real.html", "real file")
    (project.root / "outside.html").write_text("outside")
    served = serve(project)
    yield served
    served.stop()


def test_called_for_urls_that_are_not_files(site):
    assert get(site.port, "/real.html")[2] == b"real file"
    status, headers, body = get(site.port, "/text/a?b=1")
    assert status == 200 and headers["content-type"] == "text/html; charset=utf-8"
    assert body == b"url=/text/a?b=1 browser=127.0.0.1 server=127.0.0.1 first=GET /text/a?b=1 HTTP/1.1"
    assert get(site.port, "/anything")[2] == b"other /anything"


def test_web_send_commands(site):
    status, headers, body = get(site.port, "/plain")
    assert body == b"plain" and headers["content-type"].startswith("text/plain")
    status, headers, body = get(site.port, "/blob")
    assert body == b'{"a":1}' and headers["content-type"] == "application/json"
    status, headers, body = get(site.port, "/file")
    assert body == b"<p>page</p>" and headers["content-type"].startswith("text/html")
    assert get(site.port, "/nofile")[2] == b"OK=0"                # never outside the root


def test_web_get_commands(site):
    body = get(site.port, "/headers", headers={"Cookie": "C=HELLO"})[2].decode()
    assert body == "X-METHOD=GET;X-URL=/headers;X-VERSION=HTTP/1.1;cookie=C=HELLO;starts=GET /headers H"
    assert get(site.port, "/body", method="POST", body=b"hello")[2] == b"hello 5"
    assert get(site.port, "/variables?vName=ROBERT&vCity=DALLAS")[2] == b"vName=ROBERT;vCity=DALLAS;"
    form = get(site.port, "/variables", method="POST", body=b"a=1&b=two+words",
               headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert form[2] == b"a=1;b=two words;"


def test_multipart_body_parts(site):
    boundary = "XyZ"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"field\"\r\n\r\nvalue\r\n"
            f"--{boundary}\r\nContent-Disposition: form-data; name=\"upload\"; filename=\"a.txt\"\r\n"
            f"Content-Type: text/plain\r\n\r\nfile content\r\n--{boundary}--\r\n").encode()
    response = get(site.port, "/parts", method="POST", body=body,
                   headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
    assert response[2] == b"2 upload text/plain a.txt file content"


def test_web_set_http_header(site):
    status, headers, body = get(site.port, "/cookie")
    assert (status, body) == (201, b"made") and headers["set-cookie"] == "C=HELLO"
    status, headers, body = get(site.port, "/arrays")
    assert (status, body) == (202, b"arrays") and headers["x-thing"] == "value"


def test_an_error_is_a_500(site):
    status, _, body = get(site.port, "/error")
    assert status == 500 and b"Traceback" not in body
