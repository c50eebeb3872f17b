"""TCP benchmark: a 4D echo server under fourd against a plain asyncio echo server.

Both servers run as subprocesses on 127.0.0.1 and face the same load generator
(this process, asyncio, on uvloop when installed):

* round trips/s: N clients, each sending a 64-byte message and waiting for its echo;
* bulk MB/s: one connection streaming a payload that the server echoes back;
* connections held: C clients connected at once, each checked with one echo,
  and the server's resident memory per idle connection.

Usage: python bench/tcp_echo.py [--seconds 5] [--clients 50] [--bulk-mb 100] [--hold 1000] [--rounds 3]

Prints a table and the fourd/asyncio ratios. Loopback only. When uvloop is
installed (``pip install 'fourd[fast]'``), the asyncio server also runs on
uvloop, and fourd with FOURD_LOOP=uvloop: the two are compared too.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "tcp"

ASYNCIO_SERVER = r"""
import asyncio, sys
class Echo(asyncio.Protocol):
    def connection_made(self, transport):
        self.transport = transport
    def data_received(self, data):
        self.transport.write(data)
async def main():
    server = await asyncio.get_running_loop().create_server(Echo, "127.0.0.1", 0, backlog=4096)
    print("listening on port", server.sockets[0].getsockname()[1], flush=True)
    await asyncio.Event().wait()
if len(sys.argv) > 1 and sys.argv[1] == "uvloop":
    import uvloop
    uvloop.install()
asyncio.run(main())
"""


# The fourd servers, and the server each is compared with.
BASELINES = {"fourd": "asyncio", "fourd+uvloop": "uvloop"}


def start_server(kind: str) -> tuple[subprocess.Popen, int]:
    env = dict(os.environ)
    if kind.startswith("fourd"):
        cmd = [sys.executable, "-m", "fourd", "run", str(SAMPLE), "--method", "echoServer", "0"]
        env["FOURD_LOOP"] = "uvloop" if kind == "fourd+uvloop" else "asyncio"
    else:
        cmd = [sys.executable, "-c", ASYNCIO_SERVER] + (["uvloop"] if kind == "uvloop" else [])
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    line = proc.stdout.readline()
    match = re.search(r"port (\d+)", line)
    if not match:
        proc.kill()
        raise RuntimeError(f"{kind} server did not start: {line!r} {proc.stderr.read()[:500]}")
    return proc, int(match.group(1))


def rss_kb(pid: int) -> int:
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


async def round_trips(port: int, clients: int, seconds: float) -> float:
    message = b"x" * 63 + b"\n"
    deadline = time.perf_counter() + seconds
    counts = []

    async def client():
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        n = 0
        while time.perf_counter() < deadline:
            writer.write(message)
            await reader.readexactly(len(message))
            n += 1
        counts.append(n)
        writer.close()

    start = time.perf_counter()
    await asyncio.wait_for(asyncio.gather(*(client() for _ in range(clients))), seconds + 30)
    return sum(counts) / (time.perf_counter() - start)


async def bulk(port: int, megabytes: int) -> float:
    total = megabytes * 1024 * 1024
    chunk = os.urandom(256 * 1024)
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    start = time.perf_counter()

    async def send():
        sent = 0
        while sent < total:
            writer.write(chunk)
            sent += len(chunk)
            await writer.drain()

    async def receive():
        got = 0
        while got < total:
            data = await reader.read(1 << 20)
            if not data:
                raise RuntimeError("server closed early")
            got += len(data)

    await asyncio.wait_for(asyncio.gather(send(), receive()), 120)
    elapsed = time.perf_counter() - start
    writer.close()
    return megabytes / elapsed


async def hold(port: int, pid: int, count: int) -> tuple[int, float]:
    """Connect *count* clients, echo once on each; return (held, KB per connection)."""
    before = rss_kb(pid)
    conns = []
    for _ in range(count):
        conns.append(await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port), 10))
    held = 0
    for reader, writer in conns:
        writer.write(b"ping\n")
    for reader, writer in conns:
        if await asyncio.wait_for(reader.readexactly(5), 30) == b"ping\n":
            held += 1
    await asyncio.sleep(0.5)
    per_connection = (rss_kb(pid) - before) / max(count, 1)
    for _, writer in conns:
        writer.close()
    return held, per_connection


def stop_server(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()


def drive(load):
    """Run the load generator *load* (a coroutine), on uvloop when installed:
    the faster the clients, the more the servers are what is measured."""
    if uvloop_installed():
        import uvloop
        with asyncio.Runner(loop_factory=uvloop.new_event_loop) as runner:
            return runner.run(load)
    return asyncio.run(load)


def uvloop_installed() -> bool:
    try:
        import uvloop  # noqa: F401
    except ImportError:
        return False
    return True


def run(seconds: float = 5, clients: int = 50, bulk_mb: int = 100, hold_count: int = 1000,
        rounds: int = 3) -> dict:
    """Server kind -> {metric: value}: asyncio and fourd, with uvloop too when
    installed. The servers run side by side and are measured in turn, *rounds*
    times, keeping the best throughputs of each: on a busy machine, each gets
    its share of quiet moments."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, max(soft, 4 * hold_count + 256)), hard))
    kinds = ["asyncio", "fourd"] + (["uvloop", "fourd+uvloop"] if uvloop_installed() else [])
    servers = {}
    try:
        for kind in kinds:
            servers[kind] = start_server(kind)
        results = {kind: {"round trips/s": 0.0, "bulk MB/s": 0.0} for kind in kinds}
        for _ in range(rounds):
            for kind, (_, port) in servers.items():
                best = results[kind]
                best["round trips/s"] = max(best["round trips/s"], drive(round_trips(port, clients, seconds)))
                best["bulk MB/s"] = max(best["bulk MB/s"], drive(bulk(port, bulk_mb)))
        for kind, (proc, port) in servers.items():
            held, per_connection = drive(hold(port, proc.pid, hold_count))
            results[kind].update({"connections held": held, "KB per connection": per_connection})
        return results
    finally:
        for proc, _ in servers.values():
            stop_server(proc)


def ratio(results: dict, kind: str, base: str, metric: str) -> float:
    reference = results[base][metric]
    return results[kind][metric] / reference if reference else float("nan")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--bulk-mb", type=int, default=100)
    parser.add_argument("--hold", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    results = run(args.seconds, args.clients, args.bulk_mb, args.hold, args.rounds)
    kinds = list(results)
    pairs = [(fourd, base) for fourd, base in BASELINES.items() if fourd in results]
    print(f"{'':22}" + "".join(f"{k:>14}" for k in kinds) + "".join(f"{f + '/' + b:>20}" for f, b in pairs))
    for metric in results["asyncio"]:
        row = "".join(f"{results[k][metric]:>14.1f}" for k in kinds)
        ratios = "".join(f"{ratio(results, f, b, metric):>20.0%}" for f, b in pairs)
        print(f"{metric:22}{row}{ratios}")


if __name__ == "__main__":
    main()
