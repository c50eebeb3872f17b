"""Parsing speed: lines of 4D parsed per second.

    python bench/parse.py [PATH...] [--repeat N] [--profile]

PATHs are .4dm files or folders searched recursively (default: tests/corpus).
Each file is read once, then the whole set is parsed N times; the best round
gives the speed. --profile prints the functions that cost the most (cProfile).
"""
import argparse
import cProfile
import pstats
import time
from pathlib import Path

from fourd.syntax.parser import parse

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_PATHS = [str(ROOT / "tests" / "corpus")]


def sources(paths):
    for raw in paths:
        path = Path(raw)
        files = sorted(path.rglob("*.4dm")) if path.is_dir() else [path]
        for file in files:
            yield str(file), file.read_bytes().decode("utf-8", errors="replace")


def parse_all(files):
    for path, text in files:
        parse(text, path)


def measure(paths=None, repeat: int = 20) -> tuple[int, int, float]:
    """(files, lines, best seconds to parse them all) over *repeat* rounds."""
    files = list(sources(paths or DEFAULT_PATHS))
    lines = sum(text.count("\n") + text.count("\r") - text.count("\r\n") + 1 for _, text in files)
    parse_all(files)                  # warm-up: grammar tables, catalog
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        parse_all(files)
        best = min(best, time.perf_counter() - start)
    return len(files), lines, best


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    if args.profile:
        files = list(sources(args.paths or DEFAULT_PATHS))
        parse_all(files)
        profiler = cProfile.Profile()
        profiler.runcall(lambda: [parse_all(files) for _ in range(args.repeat)])
        pstats.Stats(profiler).sort_stats("tottime").print_stats(15)
    count, lines, best = measure(args.paths, args.repeat)
    print(f"{count} files, {lines} lines: {lines / best:,.0f} lines/s")


if __name__ == "__main__":
    main()
