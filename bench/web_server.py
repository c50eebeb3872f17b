"""Web server benchmark: a 4D HTTP request handler serving JSON under fourd
against a plain aiohttp handler serving the same JSON.

Both servers run as subprocesses on 127.0.0.1 and face the same load
generator in the same run: this process, with N concurrent aiohttp clients
on keep-alive connections requesting ``GET /products`` for S seconds. The
4D server is ``samples/web`` (its ``Products`` handler builds the JSON of a
shared collection on each request); the aiohttp server builds the same JSON
with ``web.json_response`` on each request. Rounds alternate the two servers.

Usage: python bench/web_server.py [--seconds 5] [--clients 20] [--rounds 3] [--processes N]

Prints requests/s of each and the fourd/aiohttp ratio (the goal is >= 0.7).
``--processes`` sets FOURD_WEB_PROCESSES (the pool of web processes).
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "web"

CATALOG = [
    {"id": 1, "name": "Keyboard", "category": "input", "price": 49.9},
    {"id": 2, "name": "Mouse", "category": "input", "price": 19.5},
    {"id": 3, "name": "Screen", "category": "output", "price": 189},
    {"id": 4, "name": "Speaker", "category": "output", "price": 35},
]

AIOHTTP_SERVER = r"""
import asyncio, json, sys
from aiohttp import web
CATALOG = json.loads(sys.argv[1])
def compact(value):
    return json.dumps(value, separators=(",", ":"))
async def products(request):
    return web.json_response({"products": CATALOG}, dumps=compact)
async def main():
    app = web.Application()
    app.router.add_get("/products", products)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    print("Serving on http://127.0.0.1:%d/products" % runner.addresses[0][1], flush=True)
    await asyncio.Event().wait()
asyncio.run(main())
"""


def start_server(kind: str, processes: int | None) -> tuple[subprocess.Popen, int]:
    """The fourd sample or the aiohttp server, started; (process, port)."""
    if kind == "fourd":
        command = [sys.executable, "-m", "fourd", "run", str(SAMPLE), "--method", "serve", "0"]
    else:
        command = [sys.executable, "-c", AIOHTTP_SERVER, json.dumps(CATALOG)]
    environment = dict(os.environ, **({"FOURD_WEB_PROCESSES": str(processes)} if processes else {}))
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=environment)
    announced = re.search(r":(\d+)/products", proc.stdout.readline())
    if announced is None:
        proc.kill()
        raise SystemExit(f"the {kind} server did not start: {proc.stderr.read()}")
    return proc, int(announced.group(1))


async def load(port: int, seconds: float, clients: int) -> tuple[float, bytes]:
    """Requests/s with *clients* concurrent keep-alive clients; and one response body."""
    url = f"http://127.0.0.1:{port}/products"
    connector = aiohttp.TCPConnector(limit=clients)
    count = 0
    sample = b""
    async with aiohttp.ClientSession(connector=connector) as session:
        async with session.get(url) as response:           # warm up, and check the body
            sample = await response.read()
        deadline = time.monotonic() + seconds

        async def client():
            nonlocal count
            while time.monotonic() < deadline:
                async with session.get(url) as response:
                    await response.read()
                    if response.status != 200:
                        raise SystemExit(f"status {response.status}")
                count += 1

        started = time.monotonic()
        await asyncio.gather(*(client() for _ in range(clients)))
        elapsed = time.monotonic() - started
    return count / elapsed, sample


def measure(kind: str, seconds: float, clients: int, processes: int | None) -> tuple[float, bytes]:
    proc, port = start_server(kind, processes)
    try:
        return asyncio.run(load(port, seconds, clients))
    finally:
        proc.terminate()
        proc.wait(10)


def run(seconds: float = 5.0, clients: int = 20, rounds: int = 3, processes: int | None = None) -> dict:
    results = {"fourd": [], "aiohttp": []}
    bodies = {}
    for _ in range(rounds):
        for kind in ("aiohttp", "fourd"):
            rate, body = measure(kind, seconds, clients, processes)
            results[kind].append(rate)
            bodies[kind] = json.loads(body)
    if bodies["fourd"] != bodies["aiohttp"]:
        raise SystemExit(f"the two servers do not serve the same JSON: {bodies}")
    return {kind: statistics.median(rates) for kind, rates in results.items()} | {"rounds": results}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--processes", type=int, default=None)
    args = parser.parse_args()
    result = run(args.seconds, args.clients, args.rounds, args.processes)
    print(f"{'server':<10} {'requests/s (median)':>20}   rounds")
    for kind in ("aiohttp", "fourd"):
        rounds = ", ".join(f"{rate:.0f}" for rate in result["rounds"][kind])
        print(f"{kind:<10} {result[kind]:>20.0f}   {rounds}")
    ratio = result["fourd"] / result["aiohttp"]
    print(f"fourd / aiohttp = {ratio:.2f} (goal >= 0.70): {'ok' if ratio >= 0.7 else 'BELOW GOAL'}")


if __name__ == "__main__":
    main()
