"""Fuzz the parser, compiler and interpreter for a while and print figures.

    python bench/fuzz.py [--minutes N] [--kind generated|mutated|both] [--timeout S]

Runs the strategies of tests/reliability/fuzzing.py (mutated corpus and
sample files, programs from a small typed grammar of 4D) in rounds of
Hypothesis runs with fresh random seeds until the time is up. Each program
is parsed, compiled and run in a fresh 4D run with a time limit. Prints the
programs tried, their outcomes by kind, the most frequent 4D error codes and,
for each distinct crash (a Python exception that is not a 4D error, or an
error -10999), Hypothesis's smallest program that shows it. Exit status 1 if
a crash other than the known bugs of fuzzing.KNOWN_BUGS was found.
"""
from __future__ import annotations

import argparse
import collections
import sys
import time
import traceback
from pathlib import Path

from hypothesis import HealthCheck, given, settings

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "reliability"))

import fuzzing  # noqa: E402  (found through the path above)

ROUND = 200        # programs per Hypothesis run before a new random seed


class Tally:
    def __init__(self):
        self.kinds = collections.Counter()
        self.codes = collections.Counter()
        self.crashes: dict[str, tuple[str, str]] = {}     # signature -> (program, details)

    def add(self, verdict: fuzzing.Verdict) -> None:
        self.kinds[verdict.kind] += 1
        if verdict.code is not None:
            self.codes[verdict.code] += 1


def signature(verdict: fuzzing.Verdict) -> str:
    exception, function = fuzzing.crash_signature(verdict.detail)
    known = fuzzing.known_bug(verdict)
    return f"{exception} in {function}" + (f" (known bug: {known})" if known else "")


def fuzz_round(strategy, tally: Tally, timeout: float, deadline: float) -> None:
    """One Hypothesis run; a crash is shrunk, recorded, and the next round starts.
    Past *deadline*, programs are still drawn but no longer run."""
    last_crash: list = []

    @settings(max_examples=ROUND, database=None, deadline=None,
              suppress_health_check=list(HealthCheck))
    @given(strategy)
    def program_survives(case):
        seed, source = case
        if time.monotonic() > deadline:
            return
        verdict = fuzzing.run_program(seed, source, timeout)
        tally.add(verdict)
        if verdict.kind == fuzzing.CRASH:
            found = signature(verdict)
            if found in tally.crashes:
                return          # found and shrunk before: look for others
            last_crash[:] = [found, source, verdict.detail]
            raise AssertionError(found)

    try:
        program_survives()
    except AssertionError:
        found, source, details = last_crash    # the last crash seen is the shrunk one
        tally.crashes.setdefault(found, (source, details))


def report(tally: Tally, elapsed: float) -> None:
    total = sum(tally.kinds.values())
    print(f"programs tried: {total} in {elapsed:.0f} s ({total / max(elapsed, 1e-9):.0f}/s, shrinking included)")
    for kind in fuzzing.KINDS:
        count = tally.kinds[kind]
        print(f"  {kind:14} {count:8} {count / max(total, 1):7.1%}")
    print("most frequent 4D errors: " + ", ".join(f"{code:g} ×{n}" for code, n in tally.codes.most_common(8)))
    known = sum("(known bug" in found for found in tally.crashes)
    print(f"distinct crashes: {len(tally.crashes)} ({known} known bugs, {len(tally.crashes) - known} new)")
    for number, (sig, (source, details)) in enumerate(tally.crashes.items(), 1):
        print(f"\n--- crash {number}: {sig}\n{source.rstrip()}\n{details.rstrip()}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=1.0)
    parser.add_argument("--kind", choices=["generated", "mutated", "both"], default="both")
    parser.add_argument("--timeout", type=float, default=1.0, help="time limit of one program (s)")
    args = parser.parse_args()
    strategies = {"generated": [fuzzing.generated_programs()], "mutated": [fuzzing.mutated_programs()]}
    chosen = strategies["generated"] + strategies["mutated"] if args.kind == "both" else strategies[args.kind]
    tally = Tally()
    start = time.monotonic()
    deadline = start + args.minutes * 60
    rounds = 0
    with fuzzing.fuzzing_limits():
        while time.monotonic() < deadline:
            try:
                fuzz_round(chosen[rounds % len(chosen)], tally, args.timeout, deadline)
            except Exception:      # the harness itself failed: show it, keep fuzzing
                traceback.print_exc()
            rounds += 1
    report(tally, time.monotonic() - start)
    return 1 if any("(known bug" not in found for found in tally.crashes) else 0


if __name__ == "__main__":
    sys.exit(main())
