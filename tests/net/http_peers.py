"""Real HTTP peers for the HTTP client tests: an aiohttp server (plain and TLS with a
self-signed certificate made here) in a thread of the test process, and a
runner of 4D programs through ``python -m fourd run``.

Loopback only, ports chosen at run time.
"""
from __future__ import annotations

import asyncio
import base64
import datetime
import gzip
import hashlib
import ipaddress
import os
import ssl
import subprocess
import sys
import threading
from pathlib import Path

from aiohttp import web

ROOT = Path(__file__).resolve().parents[2]
BIG_SIZE = 50 * 1024 * 1024
BIG_CHUNK = 1 << 20


def run_4d(tmp_path: Path, code: str, *args: str, env: dict | None = None,
           timeout: float = 60) -> subprocess.CompletedProcess:
    """Run *code* as a .4dm method with the CLI; *args* arrive as $1, $2..."""
    source = tmp_path / "main.4dm"
    source.write_text(code, encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "fourd", "run", str(source), *args],
                          capture_output=True, text=True, timeout=timeout, cwd=ROOT,
                          env={**os.environ, **(env or {})})


def lines(result: subprocess.CompletedProcess) -> list[str]:
    """The output lines of a 4D program that must have succeeded."""
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def self_signed(folder: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1/localhost and its key, as PEM files in *folder*."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(minutes=5))
            .not_valid_after(now + datetime.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([
                x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), True)
            .sign(key, hashes.SHA256()))
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


# ----------------------------------------------------------------- handlers

async def json_reply(request):
    return web.json_response({"hello": "world", "n": 1, "accent": "é"})


async def text_reply(request):
    return web.Response(body="café".encode("latin-1"), content_type="text/plain", charset="latin-1")


async def binary_reply(request):
    return web.Response(body=bytes(range(256)), content_type="application/octet-stream")


async def echo(request):
    body = await request.read()
    return web.json_response({
        "method": request.method, "path": request.path_qs,
        "headers": {name: value for name, value in request.headers.items()},
        "repeated": request.headers.getall("X-Multi", []),
        "body": body.decode("latin-1"), "contentType": request.headers.get("Content-Type", ""),
    })


async def redirect(request):
    left = int(request.match_info["left"])
    if left == 0:
        return web.json_response({"arrived": True, "method": request.method})
    status = int(request.query.get("status", "302"))
    return web.Response(status=status, headers={"Location": f"/redirect/{left - 1}?status={status}"})


async def slow(request):
    await asyncio.sleep(float(request.query.get("seconds", "3")))
    return web.json_response({"slow": True})


async def chunked(request):
    response = web.StreamResponse(headers={"Content-Type": "text/plain"})
    response.enable_chunked_encoding()
    await response.prepare(request)
    for index in range(5):
        await response.write(f"chunk{index};".encode())
        await asyncio.sleep(0.01)
    await response.write_eof()
    return response


async def big(request):
    response = web.StreamResponse(headers={"Content-Type": "application/octet-stream",
                                           "Content-Length": str(BIG_SIZE)})
    await response.prepare(request)
    block = bytes(range(256)) * (BIG_CHUNK // 256)
    for _ in range(BIG_SIZE // BIG_CHUNK):
        await response.write(block)
    await response.write_eof()
    return response


async def gzipped(request):
    return web.Response(body=gzip.compress(b"squeezed " * 100), headers={
        "Content-Encoding": "gzip", "Content-Type": "text/plain"})


async def basic_only(request):
    expected = "Basic " + base64.b64encode(b"ann:secret").decode()
    if request.headers.get("Authorization") != expected:
        return web.Response(status=401, headers={"WWW-Authenticate": 'Basic realm="test"'})
    return web.json_response({"user": "ann"})


DIGEST_REALM, DIGEST_NONCE = "test", "abc123"


def _md5(text: str) -> str:
    return hashlib.md5(text.encode()).hexdigest()


async def digest_only(request):
    """RFC 7616 Digest with qop=auth, MD5, user ann / secret."""
    header = request.headers.get("Authorization", "")
    if header.startswith("Digest "):
        fields = dict(item.strip().split("=", 1) for item in header[7:].split(","))
        fields = {name: value.strip('"') for name, value in fields.items()}
        ha1 = _md5(f"ann:{DIGEST_REALM}:secret")
        ha2 = _md5(f"{request.method}:{fields.get('uri', '')}")
        expected = _md5(f"{ha1}:{DIGEST_NONCE}:{fields.get('nc')}:{fields.get('cnonce')}:auth:{ha2}")
        if fields.get("username") == "ann" and fields.get("response") == expected:
            return web.json_response({"user": "ann", "scheme": "digest"})
    return web.Response(status=401, headers={
        "WWW-Authenticate": f'Digest realm="{DIGEST_REALM}", nonce="{DIGEST_NONCE}", qop="auth", algorithm=MD5'})


async def cookies(request):
    response = web.Response(text="ok")
    response.headers.add("Set-Cookie", "a=1")
    response.headers.add("Set-Cookie", "b=2")
    response.headers.add("X-Mixed-Case", "yes")
    return response


async def proxy(request):
    """A forward proxy that answers itself: what it was asked for, if the client
    gave the proxy credentials ann/secret (Basic)."""
    expected = "Basic " + base64.b64encode(b"ann:secret").decode()
    if request.headers.get("Proxy-Authorization") != expected:
        return web.Response(status=407, headers={"Proxy-Authenticate": 'Basic realm="proxy"'})
    return web.json_response({"proxied": str(request.url)})


class HTTPPeer:
    """An aiohttp server on 127.0.0.1 in a thread; ``url(path)``; counts
    connections and concurrent requests (for the agent tests)."""

    def __init__(self, tls: ssl.SSLContext | None = None):
        self.tls = tls
        self.connections: set = set()
        self.active = 0
        self.most_active = 0
        self.port = 0
        self._ready = threading.Event()
        self._loop = asyncio.new_event_loop()
        self._runner = None
        self._thread = threading.Thread(target=self._serve, daemon=True)

    @web.middleware
    async def _count(self, request, handler):
        self.connections.add(request.transport.get_extra_info("peername"))
        self.active += 1
        self.most_active = max(self.most_active, self.active)
        try:
            return await handler(request)
        finally:
            self.active -= 1

    async def _concurrent(self, request):
        await asyncio.sleep(0.2)
        return web.json_response({"ok": True})

    def _app(self) -> web.Application:
        app = web.Application(middlewares=[self._count], client_max_size=1 << 26)
        app.router.add_get("/json", json_reply)
        app.router.add_get("/text", text_reply)
        app.router.add_get("/binary", binary_reply)
        app.router.add_route("*", "/echo", echo)
        app.router.add_route("*", "/redirect/{left}", redirect)
        app.router.add_get("/slow", slow)
        app.router.add_get("/chunked", chunked)
        app.router.add_get("/big", big)
        app.router.add_get("/gzip", gzipped)
        app.router.add_get("/basic", basic_only)
        app.router.add_get("/digest", digest_only)
        app.router.add_get("/cookies", cookies)
        app.router.add_get("/concurrent", self._concurrent)
        app.router.add_get("/{tail:.*}", proxy)     # absolute-form requests of proxied clients
        return app

    def _serve(self) -> None:
        asyncio.set_event_loop(self._loop)

        async def start():
            self._runner = web.AppRunner(self._app(), access_log=None)
            await self._runner.setup()
            site = web.TCPSite(self._runner, "127.0.0.1", 0, ssl_context=self.tls)
            await site.start()
            self.port = site._server.sockets[0].getsockname()[1]
            self._ready.set()

        self._loop.run_until_complete(start())
        self._loop.run_forever()

    def start(self) -> "HTTPPeer":
        self._thread.start()
        self._ready.wait(10)
        return self

    def stop(self) -> None:
        """Stop serving (handlers still running, such as /slow, are dropped)."""
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)

    def url(self, path: str = "") -> str:
        scheme = "https" if self.tls else "http"
        return f"{scheme}://127.0.0.1:{self.port}{path}"
