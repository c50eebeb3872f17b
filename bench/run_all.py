"""Every fourd benchmark in one run, as one table (Markdown) with the targets.

    python bench/run_all.py [--quick] [--no-tcp]

* interpreter: each 4D program of bench/interpreter.py against its Python
  twin (best of N rounds), and the geometric mean of the ratios;
* start-up: `fourd run` of samples/hello against `python -c pass`
  (bench/startup.py);
* parsing: lines of 4D parsed per second (bench/parse.py, tests/corpus);
* TCP: the echo server of samples/tcp against a plain asyncio one, and on
  uvloop against uvloop's when uvloop is installed (bench/tcp_echo.py).

--quick runs fewer rounds and a smaller TCP load (figures are noisier).
"""
from __future__ import annotations

import argparse
import datetime
import os
import platform
import sys

import interpreter
import parse
import startup
import tcp_echo

# Targets (the "Speed" issue): ratio to CPython, milliseconds, lines/s, share of asyncio.
RATIO_EACH, RATIO_MEAN = 5.0, 3.0
STARTUP_MS = 250
PARSE_LINES = 50_000
TCP_SHARE = 0.80
HELD = 10_000


def machine() -> str:
    model = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as info:
            model = next((line.split(":", 1)[1].strip() for line in info if line.startswith("model name")), model)
    except OSError:
        pass
    return (f"{model}, {os.cpu_count()} cores, Python {platform.python_version()} "
            f"({platform.python_implementation()}), {platform.system()} {platform.release()}")


def check(ok: bool) -> str:
    return "yes" if ok else "**no**"


class Table:
    def __init__(self):
        self.rows = [("area", "measure", "fourd", "reference", "ratio", "target", "met")]

    def add(self, *cells):
        self.rows.append(tuple(str(cell) for cell in cells))

    def markdown(self) -> str:
        widths = [max(len(row[i]) for row in self.rows) for i in range(len(self.rows[0]))]
        lines = ["| " + " | ".join(cell.ljust(w) for cell, w in zip(row, widths)) + " |" for row in self.rows]
        lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
        return "\n".join(lines)


def interpreter_rows(table: Table, repeat: int) -> None:
    rows = interpreter.measure(repeat=repeat)
    for name, fourd_time, python_time in rows:
        ratio = fourd_time / python_time
        table.add("interpreter", name, f"{fourd_time * 1000:.1f} ms", f"{python_time * 1000:.1f} ms (CPython)",
                  f"{ratio:.2f}", f"≤ {RATIO_EACH:g}", check(ratio <= RATIO_EACH))
    mean = interpreter.geometric_mean(f / p for _, f, p in rows)
    table.add("interpreter", "geometric mean", "", "", f"{mean:.2f}", f"≤ {RATIO_MEAN:g}", check(mean <= RATIO_MEAN))


def startup_rows(table: Table, runs: int) -> None:
    times = startup.measure(runs)
    floor = times.pop("python -c pass")
    for name, ms in times.items():
        cached = "no code cache" not in name
        table.add("start-up", name, f"{ms:.0f} ms", f"{floor:.0f} ms (python -c pass)", f"{ms / floor:.1f}",
                  f"≤ {STARTUP_MS} ms" if cached else "", check(ms <= STARTUP_MS) if cached else "")


def parse_rows(table: Table, repeat: int) -> None:
    files, lines, seconds = parse.measure(repeat=repeat)
    speed = lines / seconds
    table.add("parsing", f"tests/corpus ({files} files, {lines} lines)", f"{speed:,.0f} lines/s", "", "",
              f"≥ {PARSE_LINES:,}", check(speed >= PARSE_LINES))


def tcp_rows(table: Table, seconds: float, rounds: int, hold: int) -> None:
    results = tcp_echo.run(seconds=seconds, hold_count=hold, rounds=rounds)
    for kind, base in tcp_echo.BASELINES.items():
        if kind not in results:
            continue
        fourd, reference = results[kind], results[base]
        area = "tcp" if base == "asyncio" else f"tcp, {base}"
        for metric, label in (("round trips/s", "round trips/s (50 clients, 64 B)"), ("bulk MB/s", "bulk MB/s")):
            share = fourd[metric] / reference[metric]
            table.add(area, label, f"{fourd[metric]:,.0f}", f"{reference[metric]:,.0f} ({base})", f"{share:.0%}",
                      f"≥ {TCP_SHARE:.0%}", check(share >= TCP_SHARE))
        held = fourd["connections held"]
        table.add(area, "idle connections held", f"{held:,}", f"{reference['connections held']:,} ({base})", "",
                  f"{hold:,}", check(held >= hold))
        table.add(area, "memory per idle connection", f"{fourd['KB per connection']:.1f} KB",
                  f"{reference['KB per connection']:.1f} KB ({base})", "", "", "")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer rounds, smaller TCP load")
    parser.add_argument("--no-tcp", action="store_true", help="leave the TCP benchmark out")
    args = parser.parse_args()
    quick = args.quick
    table = Table()
    interpreter_rows(table, repeat=3 if quick else 7)
    startup_rows(table, runs=7 if quick else 21)
    parse_rows(table, repeat=10 if quick else 30)
    if not args.no_tcp:
        tcp_rows(table, seconds=1 if quick else 3, rounds=1 if quick else 3, hold=1000 if quick else HELD)
    uvloop = "uvloop installed" if tcp_echo.uvloop_installed() else "uvloop not installed"
    print(f"fourd benchmarks, {datetime.date.today()}: {machine()}; {uvloop}.")
    print(f"Command: python bench/run_all.py{' --quick' if quick else ''}{' --no-tcp' if args.no_tcp else ''}\n")
    print(table.markdown())
    sys.stdout.flush()


if __name__ == "__main__":
    main()
