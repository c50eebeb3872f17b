"""The web samples of the README, run through `fourd run` on loopback."""
import asyncio
import contextlib
import json
import re
import signal
import subprocess
import sys
from pathlib import Path

import aiohttp
import pytest

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 10


@pytest.fixture
def sample():
    """``start(name, method)`` runs ``fourd run samples/<name> --method <method> 0`` and
    returns (process, port) once it printed its port; every process is stopped at the end."""
    with contextlib.ExitStack() as stack:
        def start(name, method):
            proc = stack.enter_context(subprocess.Popen(
                [sys.executable, "-m", "fourd", "run", str(ROOT / "samples" / name), "--method", method, "0"],
                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
            stack.callback(stop, proc)
            announced = proc.stdout.readline()
            port = re.search(r"(?:port |127\.0\.0\.1:)(\d+)", announced)
            assert port, (announced, proc.stderr.read() if proc.poll() is not None else "")
            return proc, int(port.group(1))
        yield start


def stop(proc):
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(TIMEOUT)
    except subprocess.TimeoutExpired:
        proc.kill()


async def fetch(port, path):
    async with aiohttp.ClientSession() as session:
        async with session.get(f"http://127.0.0.1:{port}{path}") as response:
            return response.status, response.headers.get("Content-Type", ""), await response.read()


def test_json_handler_sample(sample):
    proc, port = sample("web", "serve")
    status, kind, body = asyncio.run(fetch(port, "/products"))
    assert status == 200 and kind.startswith("application/json")
    assert [p["name"] for p in json.loads(body)["products"]] == ["Keyboard", "Mouse", "Screen", "Speaker"]
    status, _, body = asyncio.run(fetch(port, "/products?category=output"))
    assert [p["id"] for p in json.loads(body)["products"]] == [3, 4]
    assert json.loads(asyncio.run(fetch(port, "/products/2"))[2]) == {
        "id": 2, "name": "Mouse", "category": "input", "price": 19.5}
    assert asyncio.run(fetch(port, "/products/9"))[0] == 404
    assert b"Catalog" in asyncio.run(fetch(port, "/"))[2]           # WebFolder/index.html
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(TIMEOUT) == 143


def test_websocket_chat_sample(sample):
    proc, port = sample("websocket", "chatServer")
    url = f"ws://127.0.0.1:{port}/chat"

    async def scenario():
        async with aiohttp.ClientSession() as session:
            carol = await session.ws_connect(url)
            assert (await asyncio.wait_for(carol.receive(), TIMEOUT)).data.endswith("joined")
            client = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "fourd", "run", str(ROOT / "samples" / "websocket"), "--method",
                "chatClient", url, "alice", "hello all", stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.PIPE)
            out, err = await asyncio.wait_for(client.communicate(), 30)
            heard = []
            while len(heard) < 3:
                heard.append((await asyncio.wait_for(carol.receive(), TIMEOUT)).data)
            await carol.send_str("carol: hi")
            assert (await asyncio.wait_for(carol.receive(), TIMEOUT)).data == "carol: hi"
            await carol.close()
            return out.decode(), err.decode(), client.returncode, heard

    out, err, code, heard = asyncio.run(scenario())
    assert code == 0, err
    lines = out.splitlines()
    assert re.fullmatch(r"\* client \d+ joined", lines[0])
    assert lines[1:] == ["alice: hello all", "closed (1000)"]
    assert re.fullmatch(r"\* client \d+ joined", heard[0])
    assert heard[1] == "alice: hello all"
    assert re.fullmatch(r"\* client \d+ left", heard[2])
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=TIMEOUT)
    assert "Chat server stopped" in out
    assert proc.returncode == 143 and "Traceback" not in err
