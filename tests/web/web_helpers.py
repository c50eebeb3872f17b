"""Helpers for the web tests: a scratch 4D project served by `fourd run` in a
subprocess on 127.0.0.1 (a port chosen at run time), Python peers, and a
self-signed certificate made with cryptography.

Every test uses loopback addresses only; every wait is bounded.
"""
from __future__ import annotations

import datetime
import ipaddress
import os
import re
import signal
import socket
import subprocess
import sys
import textwrap
from pathlib import Path

from scratch_project import ScratchProject

TIMEOUT = 10.0

#: A start method: starts the web server with the settings given as JSON in
#: $1 (HTTPPort 0 and IPAddressToListen 127.0.0.1 added), prints its ports.
START_METHOD = """
#DECLARE($json : Text)
var $settings : Object
$settings:=JSON Parse($json)
If ($settings.HTTPPort=Null)
	$settings.HTTPPort:=0
End if 
$settings.IPAddressToListen:="127.0.0.1"
var $result:=WEB Server.start($settings)
If ($result.success)
	ALERT("ports "+String(WEB Server.HTTPPort)+" "+String(WEB Server.HTTPSPort))
Else 
	ALERT("failed "+$result.errors[0].message)
End if 
"""


class WebProject(ScratchProject):
    """A project folder with ``Project/Sources`` and a ``WebFolder``."""

    def __init__(self, root: Path):
        super().__init__(root)
        self.web_folder = root / "WebFolder"
        self.web_folder.mkdir(parents=True, exist_ok=True)
        self.method("startWeb", START_METHOD)

    def handlers(self, json_text: str) -> None:
        self.sources.mkdir(parents=True, exist_ok=True)
        (self.sources / "HTTPHandlers.json").write_text(json_text, encoding="utf-8")

    def database_method(self, name: str, source: str) -> None:
        path = self.sources / "DatabaseMethods" / f"{name}.4dm"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(source).strip("\n") + "\n", encoding="utf-8")

    def file(self, relative: str, content: bytes | str) -> Path:
        path = self.web_folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode() if isinstance(content, str) else content)
        return path


class Served:
    """A `fourd run` process serving a project; stopped with SIGTERM."""

    def __init__(self, proc: subprocess.Popen, http_port: int, https_port: int):
        self.proc = proc
        self.port = http_port
        self.https_port = https_port
        self.lines: Lines | None = None

    def follow(self) -> "Lines":
        """Read stdout in a thread from now on (``stop()`` then returns "" as stdout)."""
        self.lines = Lines(self.proc.stdout)
        return self.lines

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def stop(self) -> tuple[str, str, int]:
        """SIGTERM; (stdout, stderr, exit status)."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        if self.lines is not None:
            try:
                self.proc.wait(TIMEOUT)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
            return "", self.proc.stderr.read(), self.proc.returncode
        try:
            out, err = self.proc.communicate(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            out, err = self.proc.communicate()
        return out, err, self.proc.returncode


def fourd_env(**extra) -> dict:
    env = dict(os.environ)
    env.update({k: str(v) for k, v in extra.items()})
    return env


def serve(project: WebProject, settings: str = "{}", method: str = "startWeb", args=(), **env) -> Served:
    """Run *method* of *project* (by default: start the server with *settings*)
    and wait for its "ports H S" line."""
    arguments = [settings] if method == "startWeb" else list(args)
    proc = subprocess.Popen([sys.executable, "-m", "fourd", "run", str(project.root), "--method", method,
                             *arguments], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=fourd_env(**env))
    line = proc.stdout.readline()
    match = re.search(r"ports (\d+) (\d+)", line)
    if not match:
        proc.kill()
        raise AssertionError(f"no ports line: {line!r} {proc.stderr.read()}")
    return Served(proc, int(match.group(1)), int(match.group(2)))


def raw_request(port: int, data: bytes, timeout: float = TIMEOUT) -> bytes:
    """Send *data* on a new connection; everything the server answers until it closes."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(data)
        chunks = []
        while True:
            try:
                chunk = sock.recv(65536)
            except socket.timeout:
                break
            if not chunk:
                break
            chunks.append(chunk)
            if b"\r\n\r\n" in b"".join(chunks) and b"connection: close" not in data.lower():
                head, _, rest = b"".join(chunks).partition(b"\r\n\r\n")
                length = re.search(rb"(?i)content-length: (\d+)", head)
                if length and len(rest) >= int(length.group(1)):
                    break
        return b"".join(chunks)


def status_of(response: bytes) -> int:
    return int(response.split(b" ", 2)[1])


def self_signed_certificate(folder: Path) -> Path:
    """cert.pem and key.pem for 127.0.0.1/localhost in *folder*; the cert's path."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = datetime.datetime.now(datetime.timezone.utc)
    certificate = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
                   .public_key(key.public_key()).serial_number(x509.random_serial_number())
                   .not_valid_before(now - datetime.timedelta(minutes=5))
                   .not_valid_after(now + datetime.timedelta(days=1))
                   .add_extension(x509.SubjectAlternativeName([
                       x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                       critical=False)
                   .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
                   .sign(key, hashes.SHA256()))
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "cert.pem").write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    (folder / "key.pem").write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                                       serialization.PrivateFormat.TraditionalOpenSSL,
                                                       serialization.NoEncryption()))
    return folder / "cert.pem"


def get(port: int, path: str, method: str = "GET", body: bytes | None = None, headers=None,
        tls_context=None):
    """(status, headers as a dict with lower-case names, body) of one request (http.client, no proxy)."""
    import http.client
    if tls_context is None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
    else:
        connection = http.client.HTTPSConnection("127.0.0.1", port, timeout=TIMEOUT, context=tls_context)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


class Lines:
    """The stdout lines of a running process, read by a thread; ``expect`` waits for one."""

    def __init__(self, stream):
        import queue
        import threading
        self.queue = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream):
        for line in stream:
            self.queue.put(line.rstrip("\n"))

    def expect(self, predicate, timeout: float = TIMEOUT) -> str:
        """The first new line for which ``predicate(line)`` (or ``== predicate``) holds."""
        import queue
        import time
        deadline = time.monotonic() + timeout
        check = predicate if callable(predicate) else (lambda line: line == predicate)
        while True:
            try:
                line = self.queue.get(timeout=max(0.01, deadline - time.monotonic()))
            except queue.Empty:
                raise AssertionError(f"no line matching {predicate!r}; seen {self.seen}") from None
            self.seen.append(line)
            if check(line):
                return line
