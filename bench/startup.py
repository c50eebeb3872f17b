"""Start-up time: `fourd run` of the hello-world sample against `python -c pass`.

    python bench/startup.py [--runs N]

Each command runs N times and the median wall time is kept: `python -c pass`
(the floor), `fourd run samples/hello/hello.4dm World` with its cache
(after one run that fills it) and without its code cache (a cache folder
holding only the parser's tables: parse, compile and index the commands
every time; FOURD_CACHE_DIR="" turns the parser's tables off too, and building
them takes seconds). Python writes and reads its bytecode as in an installed
fourd (PYTHONDONTWRITEBYTECODE is cleared for the children).
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HELLO = ROOT / "samples" / "hello" / "hello.4dm"


def fourd_command() -> list[str]:
    """The ``fourd`` script beside this Python, or ``python -m fourd``."""
    script = Path(sys.executable).with_name("fourd")
    return [str(script)] if script.exists() else [sys.executable, "-m", "fourd"]


def median_ms(command: list[str], runs: int, env: dict, before=None) -> float:
    """Median wall time of *command*; ``before()`` runs untimed before each run."""
    times = []
    for _ in range(runs):
        if before is not None:
            before()
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, env=env, check=True)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def _keep_only_grammar(cache: str) -> None:
    """Empty *cache* but for the parser's tables (``grammar-*.lark-cache``)."""
    for entry in os.scandir(cache):
        if entry.is_dir():
            shutil.rmtree(entry.path)


def measure(runs: int = 21) -> dict[str, float]:
    """Median milliseconds of each command (see the module doc)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    hello = fourd_command() + ["run", str(HELLO), "World"]
    with tempfile.TemporaryDirectory() as cache:
        cached = dict(env, FOURD_CACHE_DIR=cache)
        subprocess.run(hello, stdout=subprocess.DEVNULL, env=cached, check=True)    # fills the caches
        return {
            "python -c pass": median_ms([sys.executable, "-c", "pass"], runs, env),
            "fourd run hello.4dm": median_ms(hello, runs, cached),
            "fourd run hello.4dm, no code cache": median_ms(hello, runs, cached,
                                                            before=lambda: _keep_only_grammar(cache)),
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    results = measure(args.runs)
    floor = results["python -c pass"]
    for name, ms in results.items():
        print(f"{name:<40}{ms:>8.1f} ms" + (f"  (+{ms - floor:.1f} ms)" if ms is not floor else ""))


if __name__ == "__main__":
    main()
