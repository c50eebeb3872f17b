"""HTTP client benchmark: 20 concurrent 4D.HTTPRequest clients under fourd against
20 concurrent aiohttp clients used directly from Python, in the same run.

Both face the same server, a subprocess answering every GET on a kept-alive
connection with a fixed 41-byte JSON reply (a bare asyncio protocol, so that
the clients' cost is what is measured). Each client sends a request, reads
the response and sends the next one: the 4D clients chain them from their
``onResponse`` callback (a user class, as API/HTTPRequestClass.md
recommends), the aiohttp ones from a coroutine loop on one ClientSession.

Usage: python bench/http_client.py [--requests 4000] [--clients 20] [--rounds 3]

Prints requests/s of each (best of the rounds) and the fourd/aiohttp ratio. Loopback only.
"""
from __future__ import annotations

import argparse
import asyncio
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parents[1]

SERVER = r"""
import asyncio
BODY = b'{"message":"hello from the bench server"}'
REPLY = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s" % (len(BODY), BODY)
class Server(asyncio.Protocol):
    def connection_made(self, transport):
        self.transport, self.buffer = transport, b""
    def data_received(self, data):
        self.buffer += data
        count = self.buffer.count(b"\r\n\r\n")
        if count:
            self.buffer = self.buffer[self.buffer.rindex(b"\r\n\r\n") + 4:]
            self.transport.write(REPLY * count)
async def main():
    server = await asyncio.get_running_loop().create_server(Server, "127.0.0.1", 0, backlog=1024)
    print(server.sockets[0].getsockname()[1], flush=True)
    await asyncio.Event().wait()
asyncio.run(main())
"""

CLIENT_CLASS = """
Class constructor($url : Text; $state : Object)
	This.url:=$url
	This.state:=$state

Function start()
	4D.HTTPRequest.new(This.url; This)

Function onResponse($request : 4D.HTTPRequest; $event : Object)
	This.state.done:=This.state.done+1
	Case of
		: (This.state.started<This.state.total)
			This.state.started:=This.state.started+1
			This.start()
		: (This.state.done=This.state.total)
			ALERT(String(This.state.done)+" "+String(Milliseconds-This.state.start))
	End case
"""

MAIN = """
#DECLARE($url : Text; $clients : Text; $total : Text)
var $state:={done: 0; started: 0; total: Num($total); start: Milliseconds}
var $i : Integer
For ($i; 1; Num($clients))
	$state.started:=$state.started+1
	cs.Client.new($url; $state).start()
End for
"""


def start_server() -> tuple[subprocess.Popen, int]:
    process = subprocess.Popen([sys.executable, "-c", SERVER], stdout=subprocess.PIPE, text=True)
    return process, int(process.stdout.readline())


def fourd_rate(project: Path, url: str, clients: int, total: int) -> float:
    """Requests/s of *clients* 4D clients chaining *total* requests."""
    result = subprocess.run([sys.executable, "-m", "fourd", "run", str(project), "--method", "main",
                             url, str(clients), str(total)],
                            capture_output=True, text=True, timeout=600, cwd=ROOT)
    if result.returncode != 0:
        raise SystemExit(result.stderr)
    done, milliseconds = map(int, result.stdout.split()[-2:])
    return done / (milliseconds / 1000)


async def aiohttp_rate(url: str, clients: int, total: int) -> float:
    """Requests/s of *clients* aiohttp coroutines sharing *total* requests."""
    left = [total]

    async with aiohttp.ClientSession() as session:
        async def client():
            while left[0] > 0:
                left[0] -= 1
                async with session.get(url) as response:
                    await response.read()

        start = time.perf_counter()
        await asyncio.gather(*(client() for _ in range(clients)))
        return total / (time.perf_counter() - start)


def write_project(folder: Path) -> Path:
    sources = folder / "Project" / "Sources"
    (sources / "Classes").mkdir(parents=True)
    (sources / "Methods").mkdir()
    (sources / "Classes" / "Client.4dm").write_text(CLIENT_CLASS, encoding="utf-8")
    (sources / "Methods" / "main.4dm").write_text(MAIN, encoding="utf-8")
    return folder


def run(requests: int = 4000, clients: int = 20, rounds: int = 3) -> dict[str, float]:
    server, port = start_server()
    url = f"http://127.0.0.1:{port}/bench"
    try:
        with tempfile.TemporaryDirectory() as folder:
            project = write_project(Path(folder))
            best = {"fourd": 0.0, "aiohttp": 0.0}
            for _ in range(rounds):
                best["aiohttp"] = max(best["aiohttp"], asyncio.run(aiohttp_rate(url, clients, requests)))
                best["fourd"] = max(best["fourd"], fourd_rate(project, url, clients, requests))
    finally:
        server.kill()
        server.wait()
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=4000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    best = run(args.requests, args.clients, args.rounds)
    print(f"{args.clients} concurrent clients, {args.requests} requests, best of {args.rounds}")
    print(f"  aiohttp alone   {best['aiohttp']:10.0f} requests/s")
    print(f"  fourd (4D code) {best['fourd']:10.0f} requests/s")
    print(f"  ratio fourd/aiohttp: {best['fourd'] / best['aiohttp']:.2f} (goal >= 0.7)")


if __name__ == "__main__":
    main()
