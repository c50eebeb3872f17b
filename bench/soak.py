"""Soak: mixed load against a 4D server written in 4D, with figures.

    python bench/soak.py [--seconds 60] [--echo 8] [--bulk 2] [--churn 2]

Starts the 4D server of tests/reliability/fault_server.py with ``fourd run``
and drives it from this process, on 127.0.0.1, for the given time:

* echo clients: random payloads (1 byte to 1 MB) in random pieces, then a
  half-close; every byte must come back in order (SHA-256);
* bulk clients: ``BULK n`` (one 4D.Blob sent n times) and ``STREAM n`` (n
  different blobs), n up to 16 MB, some read slowly; checked by SHA-256;
* churn clients: connections closed at once, reset (SO_LINGER 0), cut in
  the middle of a command, and ``THROW`` connections whose callbacks fail.

Prints connections served, bytes verified, client errors, the 4D errors the
server reported (expected: from THROW), Python tracebacks (none expected),
the server's peak memory and its descriptors and threads at the start and
the end. Exit status 1 on a client error, a traceback or a leak.
"""
from __future__ import annotations

import argparse
import collections
import hashlib
import os
import random
import socket
import sys
import tempfile
import threading
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "reliability"))

import fault_server  # noqa: E402  (found through the path above)
from fault_server import MB, TIMEOUT, bulk_digest, echo_check, open_client, read_digest, reset, stream_digest  # noqa: E402
from fourd_process import FourDProject  # noqa: E402


class Figures:
    def __init__(self):
        self.lock = threading.Lock()
        self.connections = collections.Counter()
        self.bytes_verified = 0
        self.errors: list[str] = []

    def served(self, kind: str, verified: int = 0) -> None:
        with self.lock:
            self.connections[kind] += 1
            self.bytes_verified += verified

    def failed(self, kind: str, what: str) -> None:
        with self.lock:
            self.errors.append(f"{kind}: {what}")


def echo_client(port: int, figures: Figures, rng: random.Random) -> None:
    payload = os.urandom(rng.choice([1, 100, 4096, 65536, 300_000, MB]))
    if echo_check(port, payload, pieces=rng.randint(1, 64)):
        figures.served("echo", len(payload))
    else:
        figures.failed("echo", f"{len(payload)} bytes did not come back intact")


def bulk_client(port: int, figures: Figures, rng: random.Random) -> None:
    command, digest = rng.choice([("BULK", bulk_digest), ("STREAM", stream_digest)])
    megabytes = rng.randint(1, 16)
    slow = rng.random() < 0.25
    with open_client(port, f"{command} {megabytes}") as sock:
        head = b""
        if slow:
            time.sleep(0.2)                 # let it all queue up on the server
            for _ in range(16):
                head += sock.recv(4096)
                time.sleep(0.01)
        received = read_digest(sock, head)
    if received == (megabytes * MB, digest(megabytes)):
        figures.served(command.lower(), megabytes * MB)
    else:
        figures.failed(command.lower(), f"{megabytes} MB: got {received[0]} bytes, digest ok: "
                                        f"{received[1] == digest(megabytes)}")


def churn_client(port: int, figures: Figures, rng: random.Random) -> None:
    way = rng.choice(["close", "reset", "cut", "throw"])
    if way == "throw":
        payload = os.urandom(rng.randint(1, 65536))
        with open_client(port, "THROW") as sock:
            fault_server.send_in_pieces(sock, payload, 4)
            received = read_digest(sock)
        if received != (len(payload), hashlib.sha256(payload).hexdigest()):
            figures.failed("throw", "the echo of a THROW connection was not intact")
            return
        figures.served("throw", len(payload))
        return
    sock = socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT)
    if way == "cut":
        sock.sendall(b"BUL")
    if way == "reset":
        reset(sock)
    else:
        sock.close()
    figures.served("churn")


def worker(client, port: int, figures: Figures, deadline: float, seed: int) -> None:
    rng = random.Random(seed)
    while time.monotonic() < deadline:
        try:
            client(port, figures, rng)
        except Exception:      # a client-side failure is a figure, not the end of the soak
            figures.failed(client.__name__, traceback.format_exc(limit=2).strip().splitlines()[-1])


def sample(server, peak: list, stop: threading.Event) -> None:
    while not stop.wait(0.25):
        try:
            peak[0] = max(peak[0], server.resident())
        except OSError:
            return


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--echo", type=int, default=8, help="echo client threads")
    parser.add_argument("--bulk", type=int, default=2, help="bulk client threads")
    parser.add_argument("--churn", type=int, default=2, help="churn client threads")
    args = parser.parse_args()

    project = FourDProject(Path(tempfile.mkdtemp(prefix="fourd-soak-")))
    fault_server.write(project)
    server = project.start("serve")
    server.port = port = server.wait_for_port()
    echo_check(port, b"warm-up")
    start_census, start_memory = server.census(), server.resident()
    figures, peak, stop = Figures(), [start_memory], threading.Event()
    sampler = threading.Thread(target=sample, args=(server, peak, stop), daemon=True)
    sampler.start()
    began = time.monotonic()
    deadline = began + args.seconds
    threads = [threading.Thread(target=worker, args=(client, port, figures, deadline, n), daemon=True)
               for n, client in enumerate([echo_client] * args.echo + [bulk_client] * args.bulk
                                          + [churn_client] * args.churn)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(args.seconds + 60)
    elapsed = time.monotonic() - began
    stop.set()
    end_census = server.settled(start_census)
    status, _, stderr = server.stop()

    served = sum(figures.connections.values())
    reported = stderr.count("Error ")
    tracebacks = stderr.count("Traceback")
    print(f"soak: {elapsed:.0f} s against a 4D server (fourd run, pid {server.pid}), "
          f"{args.echo} echo + {args.bulk} bulk + {args.churn} churn client threads")
    print(f"connections served: {served} ({served / elapsed:.0f}/s): "
          + ", ".join(f"{kind} {count}" for kind, count in sorted(figures.connections.items())))
    print(f"bytes verified (SHA-256): {figures.bytes_verified / MB:.1f} MB")
    print(f"client errors: {len(figures.errors)}")
    for error in figures.errors[:10]:
        print(f"  {error}")
    print(f"4D errors reported by the server: {reported} (from THROW connections); Python tracebacks: {tracebacks}")
    print(f"server memory: {start_memory / MB:.0f} MB at the start, peak {peak[0] / MB:.0f} MB")
    print(f"descriptors / threads: {start_census[0]} / {start_census[1]} at the start, "
          f"{end_census[0]} / {end_census[1]} at the end; exit status {status} after SIGTERM")
    leaked = end_census[0] > start_census[0] or end_census[1] > start_census[1]
    return 1 if figures.errors or tracebacks or leaked else 0


if __name__ == "__main__":
    sys.exit(main())
