"""Nothing outside the root folder is ever served; malformed requests get
400; slow clients are disconnected (issue 17's web server guarantees)."""
import os
import re
import socket
import time

import pytest

from web_helpers import TIMEOUT, WebProject, get, raw_request, serve, status_of

SECRET = b"top secret: not for the web"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    base = tmp_path_factory.mktemp("security")
    (base / "secret.txt").write_bytes(SECRET)              # next to the project, outside the root
    project = WebProject(base / "site")
    (project.root / "secret.txt").write_bytes(SECRET)      # in the project folder, outside WebFolder
    project.file("index.html", "home")
    project.file("sub/page.html", "page")
    os.symlink(base / "secret.txt", project.web_folder / "link.txt")
    os.symlink(base, project.web_folder / "outside")
    os.symlink(project.web_folder / "sub" / "page.html", project.web_folder / "inside.html")
    project.handlers('[{"class": "Upload", "method": "take", "pattern": "upload"}]')
    project.cls("Upload", """
        shared singleton Class constructor()

        Function take($request : 4D.IncomingMessage) : Text
            return "got "+String($request.getBlob().size)
    """)
    served = serve(project, FOURD_WEB_HEADER_TIMEOUT=1, FOURD_WEB_BODY_TIMEOUT=1)
    yield served
    served.stop()


TRAVERSALS = [
    "/../secret.txt", "/../../secret.txt", "/sub/../../secret.txt", "/%2e%2e/secret.txt",
    "/%2E%2E/%2e%2e/secret.txt", "/sub/%2e%2e/%2e%2e/secret.txt", "/..%2fsecret.txt",
    "/%2e%2e%2f%2e%2e%2fsecret.txt", "/sub/..%2F..%2Fsecret.txt", "/link.txt", "/outside/secret.txt",
    "//etc/passwd", "/%2fetc/passwd", "/etc/passwd", "/index.html%00.txt", "/%00", "/sub/%00/../page.html",
    "/..\\secret.txt", "/%5c..%5csecret.txt",
]


@pytest.mark.parametrize("path", TRAVERSALS)
def test_no_file_outside_the_root_is_served(site, path):
    response = raw_request(site.port, f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
    assert SECRET not in response
    assert b"root:" not in response
    assert status_of(response) in (400, 403, 404)


def test_traversal_and_nul_answers(site):
    assert get(site.port, "/../secret.txt")[0] == 400             # climbing above the root
    assert get(site.port, "/%2e%2e/secret.txt")[0] == 400
    assert get(site.port, "/link.txt")[0] == 403                   # a symbolic link out of the root
    assert get(site.port, "/index.html%00")[0] == 400
    # Normalised paths that stay inside the root are served.
    assert get(site.port, "/sub/../index.html")[2] == b"home"
    assert get(site.port, "/inside.html")[2] == b"page"           # a link that stays inside


MALFORMED = [
    b"GARBAGE\r\n\r\n",
    b"GET / HTTP/1.1\r\nHost x\r\n\r\n",
    b"GET / HTTP/9.9\r\nHost: x\r\n\r\n",
    b"GET /" + b"a" * 20000 + b" HTTP/1.1\r\nHost: x\r\n\r\n",
    b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"b" * 20000 + b"\r\n\r\n",
    b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n",
    b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
    b"GET / HTTP/1.1\r\nHost: x\r\n" + b"".join(b"X-%d: y\r\n" % i for i in range(300)) + b"\r\n",
    b"\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03" + b"\x00" * 64,
]


@pytest.mark.parametrize("request_bytes", MALFORMED, ids=range(len(MALFORMED)))
def test_malformed_requests_get_400(site, request_bytes):
    response = raw_request(site.port, request_bytes)
    assert response.startswith(b"HTTP/1."), response[:100]
    assert status_of(response) in (400, 413, 431, 505)
    assert b"Traceback" not in response
    assert get(site.port, "/")[0] == 200                           # still serving


def test_a_slow_client_is_disconnected(site):
    with socket.create_connection(("127.0.0.1", site.port), timeout=TIMEOUT) as sock:
        sock.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")
        started = time.monotonic()
        closed = False
        while time.monotonic() - started < 6:
            try:
                sock.sendall(b"X-A: b\r\n")
            except OSError:
                closed = True
                break
            sock.settimeout(0.5)
            try:
                if sock.recv(100) == b"":
                    closed = True
                    break
            except socket.timeout:
                pass
            except OSError:                 # reset by the server: disconnected too
                closed = True
                break
        assert closed, "a client sending headers forever is never disconnected"
        assert time.monotonic() - started < 4
    assert get(site.port, "/")[0] == 200


def test_an_idle_connection_is_closed(site):
    with socket.create_connection(("127.0.0.1", site.port), timeout=TIMEOUT) as sock:
        started = time.monotonic()
        assert sock.recv(100) == b""
        assert time.monotonic() - started < 4


def test_a_slow_body_is_cut_off(site):
    assert get(site.port, "/upload", method="POST", body=b"x" * 100)[2] == b"got 100"
    with socket.create_connection(("127.0.0.1", site.port), timeout=TIMEOUT) as sock:
        sock.sendall(b"POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n" + b"x" * 10)
        started = time.monotonic()
        answer = b""
        while chunk := sock.recv(1000):
            answer += chunk
        assert answer.startswith(b"HTTP/1.1 408")
        assert time.monotonic() - started < 4


PATH_PIECES = ["..", ".", "%2e%2e", "%2E.", "%00", "%2f", "%5c", "\\", "secret.txt", "link.txt", "outside",
               "sub", "index.html", "%252e%252e", "~", "%c0%ae", "//", ";", "?", "#", "%", "%zz", "é"]


def test_fuzzed_request_lines_never_leak_and_never_crash(site):
    """Random paths built from traversal pieces, random methods and versions, as raw bytes."""
    import random
    rng = random.Random(17)
    methods = ["GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH", "G\x00T", "get", "TRACE"]
    versions = ["HTTP/1.1", "HTTP/1.0", "HTTP/2.0", "HTTP/1.x", ""]
    for _ in range(150):
        path = "/" + "/".join(rng.choice(PATH_PIECES) for _ in range(rng.randint(1, 6)))
        line = f"{rng.choice(methods)} {path} {rng.choice(versions)}".encode("utf-8", "surrogateescape")
        response = raw_request(site.port, line + b"\r\nHost: x\r\nConnection: close\r\n\r\n")
        assert SECRET not in response, line
        assert response == b"" or re.match(rb"HTTP/\d\.\d [1-5]\d\d ", response), (line, response[:80])
        assert b"Traceback" not in response
    assert get(site.port, "/")[2] == b"home"
