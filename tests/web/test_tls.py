"""HTTPS and wss:// with a self-signed certificate made by the test."""
import json
import ssl
import subprocess
import sys

import pytest

from test_websocket_client import CLIENT_METHOD, RECORDER, PythonServer, echo_then_close, run_client
from web_helpers import WebProject, fourd_env, get, self_signed_certificate, serve
from scratch_project import ScratchProject


def client_context(certificate):
    context = ssl.create_default_context(cafile=str(certificate))
    return context


def test_https_with_the_project_certificate(tmp_path):
    project = WebProject(tmp_path / "site")
    certificate = self_signed_certificate(project.root)       # cert.pem/key.pem in the project folder
    project.file("index.html", "secure home")
    served = serve(project, json.dumps({"HTTPSEnabled": True, "HTTPSPort": 0}))
    try:
        status, _, body = get(served.https_port, "/", tls_context=client_context(certificate))
        assert (status, body) == (200, b"secure home")
        assert get(served.port, "/")[2] == b"secure home"                 # HTTP too
        with pytest.raises(ssl.SSLError):                               # unknown authority
            get(served.https_port, "/", tls_context=ssl.create_default_context())
    finally:
        served.stop()


def test_https_only_with_a_certificate_folder(tmp_path):
    project = WebProject(tmp_path / "site")
    certificate = self_signed_certificate(tmp_path / "certs")
    project.file("index.html", "only https")
    served = serve(project, json.dumps({"HTTPEnabled": False, "HTTPSEnabled": True, "HTTPSPort": 0,
                                        "certificateFolder": str(tmp_path / "certs"), "minTLSVersion": 4}))
    try:
        assert get(served.https_port, "/", tls_context=client_context(certificate))[2] == b"only https"
        old = client_context(certificate)
        old.maximum_version = ssl.TLSVersion.TLSv1_2                       # below minTLSVersion 4
        with pytest.raises(ssl.SSLError):
            get(served.https_port, "/", tls_context=old)
    finally:
        served.stop()


def test_missing_certificate_fails_start(tmp_path):
    project = WebProject(tmp_path / "site")
    result = subprocess.run([sys.executable, "-m", "fourd", "run", str(project.root), "--method", "startWeb",
                             json.dumps({"HTTPSEnabled": True, "HTTPSPort": 0})],
                            capture_output=True, text=True, timeout=30)
    assert result.stdout.startswith("failed Cannot start the web server"), result.stdout + result.stderr
    assert result.returncode == 0


def test_wss_client(tmp_path):
    certificate = self_signed_certificate(tmp_path / "certs")
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_context.load_cert_chain(tmp_path / "certs" / "cert.pem", tmp_path / "certs" / "key.pem")
    project = ScratchProject(tmp_path / "client")
    project.method("client", CLIENT_METHOD)
    project.cls("Recorder", RECORDER)
    server = PythonServer(echo_then_close, ssl_context=server_context)
    try:
        url = f"wss://127.0.0.1:{server.port}/ws"
        trusted = run_client(project, url, "text", "echo", SSL_CERT_FILE=certificate)
        untrusted = run_client(project, url, "text", "echo")
    finally:
        server.close()
    assert trusted[1] == "onOpen open Connected" and "onMessage text last" in trusted
    assert untrusted[1:3] == ["onError error 1", "onTerminate terminate 1006  Closed"]


def test_wss_to_the_4d_websocket_server(tmp_path):
    """A 4D chat server over HTTPS, a 4D client over wss:// (the sample's code)."""
    import shutil
    from pathlib import Path
    sample = Path(__file__).resolve().parents[2] / "samples" / "websocket"
    site = tmp_path / "chat"
    shutil.copytree(sample, site)
    certificate = self_signed_certificate(site)
    (site / "Project" / "Sources" / "Methods" / "secureChat.4dm").write_text(
        'var $r:=WEB Server.start({HTTPSEnabled: True; HTTPSPort: 0; HTTPEnabled: False; '
        'IPAddressToListen: "127.0.0.1"})\n'
        'CALL WORKER("chat"; "startChat")\n')
    start_chat = site / "Project" / "Sources" / "Methods" / "startChat.4dm"
    start_chat.write_text(start_chat.read_text().replace(
        'ALERT("Chat server on port "+String(WEB Server.HTTPPort))', 'ALERT("ports 0 "+String(WEB Server.HTTPSPort))'))
    served = serve(WebProjectAt(site), method="secureChat")
    try:
        result = subprocess.run([sys.executable, "-m", "fourd", "run", str(site), "--method", "chatClient",
                                 f"wss://127.0.0.1:{served.https_port}/chat", "bob", "over tls"],
                                capture_output=True, text=True, timeout=30, env=fourd_env(SSL_CERT_FILE=certificate))
    finally:
        served.stop()
    assert "bob: over tls" in result.stdout.splitlines(), result.stdout + result.stderr
    assert result.stdout.splitlines()[-1] == "closed (1000)"


class WebProjectAt(WebProject):
    """An existing project folder (the sample's copy)."""

    def __init__(self, root):
        self.root = root
        self.sources = root / "Project" / "Sources"
