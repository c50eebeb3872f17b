"""UDP benchmark: a 4D.UDPSocket echo server under fourd against a plain asyncio one.

Both servers run as subprocesses on 127.0.0.1 and face the same load
generator (this process): it keeps a window of datagrams in flight, sending
one for each echo it receives, for a fixed time; datagrams lost (UDP may
drop them) are replaced after a short timeout so the window never empties.

Usage: python bench/udp.py [--seconds 3] [--window 128] [--size 64] [--rounds 3]

Prints echoed datagrams/s of each (best of the rounds) and the fourd/asyncio ratio.
"""
from __future__ import annotations

import argparse
import asyncio
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

ASYNCIO_SERVER = r"""
import asyncio
class Echo(asyncio.DatagramProtocol):
    def connection_made(self, transport):
        self.transport = transport
    def datagram_received(self, data, addr):
        self.transport.sendto(data, addr)
async def main():
    transport, _ = await asyncio.get_running_loop().create_datagram_endpoint(Echo, local_addr=("127.0.0.1", 0))
    print(transport.get_extra_info("sockname")[1], flush=True)
    await asyncio.Event().wait()
asyncio.run(main())
"""

# The server of samples/udp, as a cycle of options and socket that lives until the process is killed.
FOURD_SERVER = """
var $options:={onData: Formula($1.send($2.data; $2.address; $2.port))}
$options.socket:=4D.UDPSocket.new(0; $options)
ALERT(String($options.socket.port))
"""


class Client(asyncio.DatagramProtocol):
    """Keeps *window* datagrams in flight and counts the echoes."""

    def __init__(self, payload: bytes, window: int):
        self.payload, self.window = payload, window
        self.echoes = 0
        self.last_echo = time.perf_counter()

    def connection_made(self, transport):
        self.transport = transport
        for _ in range(self.window):
            transport.sendto(self.payload)

    def datagram_received(self, data, addr):
        self.echoes += 1
        self.last_echo = time.perf_counter()
        self.transport.sendto(self.payload)

    def refill(self):
        """A window that went quiet lost datagrams: send the window again."""
        if time.perf_counter() - self.last_echo > 0.05:
            for _ in range(self.window):
                self.transport.sendto(self.payload)
            self.last_echo = time.perf_counter()


async def measure(port: int, seconds: float, window: int, size: int) -> float:
    loop = asyncio.get_running_loop()
    transport, client = await loop.create_datagram_endpoint(
        lambda: Client(b"x" * size, window), remote_addr=("127.0.0.1", port))
    await asyncio.sleep(0.3)            # warm up
    start, count = time.perf_counter(), client.echoes
    deadline = start + seconds
    while time.perf_counter() < deadline:
        await asyncio.sleep(0.05)
        client.refill()
    rate = (client.echoes - count) / (time.perf_counter() - start)
    transport.close()
    return rate


def start(kind: str, folder: Path) -> tuple[subprocess.Popen, int]:
    if kind == "fourd":
        source = folder / "server.4dm"
        source.write_text(FOURD_SERVER, encoding="utf-8")
        cmd = [sys.executable, "-m", "fourd", "run", str(source)]
    else:
        cmd = [sys.executable, "-c", ASYNCIO_SERVER]
    process = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True, cwd=ROOT)
    return process, int(process.stdout.readline())


def run(seconds: float = 3, window: int = 128, size: int = 64, rounds: int = 3) -> dict[str, float]:
    best = {"asyncio": 0.0, "fourd": 0.0}
    with tempfile.TemporaryDirectory() as folder:
        for _ in range(rounds):
            for kind in best:
                process, port = start(kind, Path(folder))
                try:
                    best[kind] = max(best[kind], asyncio.run(measure(port, seconds, window, size)))
                finally:
                    process.kill()
                    process.wait()
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3)
    parser.add_argument("--window", type=int, default=128)
    parser.add_argument("--size", type=int, default=64)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    best = run(args.seconds, args.window, args.size, args.rounds)
    print(f"echo of {args.size}-byte datagrams, window {args.window}, best of {args.rounds} x {args.seconds} s")
    print(f"  plain asyncio   {best['asyncio']:10.0f} datagrams/s")
    print(f"  fourd (4D code) {best['fourd']:10.0f} datagrams/s")
    print(f"  ratio fourd/asyncio: {best['fourd'] / best['asyncio']:.2f} (goal >= 0.7)")


if __name__ == "__main__":
    main()
