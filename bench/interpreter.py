"""Interpreter speed: 4D programs against hand-written Python doing the same.

    python bench/interpreter.py [--repeat N] [--only NAME] [--profile NAME]

Each 4D program is compiled once, then run N times (N rounds of the Python
equivalent too); the best round of each is kept. The table shows both times,
their ratio (4D / Python) and the geometric mean of the ratios. --profile
runs one program under cProfile and prints where the time goes.
"""
from __future__ import annotations

import argparse
import cProfile
import functools
import math
import pstats
import sys
import tempfile
import textwrap
import time
from pathlib import Path

from fourd.runtime.process import Process, set_current_process
from fourd.loader import Project

# name -> (4D methods {name: source}, 4D classes {name: source}, Python function)
PROGRAMS: dict[str, tuple[dict, dict, object]] = {}


def program(name: str, methods: dict, classes: dict | None = None):
    """Register a 4D program (its entry method is ``main``) and its Python twin."""
    def register(python):
        PROGRAMS[name] = ({k: textwrap.dedent(v) for k, v in methods.items()},
                          {k: textwrap.dedent(v) for k, v in (classes or {}).items()}, python)
        return python
    return register


@program("fib", {
    "fib": """
        #DECLARE($n : Integer) -> $r : Integer
        If ($n<2)
          $r:=$n
        Else
          $r:=fib($n-1)+fib($n-2)
        End if""",
    "main": "return fib(22)"})
def fib_py():
    def fib(n):
        return n if n < 2 else fib(n - 1) + fib(n - 2)
    return fib(22)


@program("loops", {"main": """
    var $i; $j; $sum : Integer
    For ($i; 1; 300)
      For ($j; 1; 300)
        $sum:=$sum+(($i*$j)%7)
      End for
    End for
    return $sum"""})
def loops_py():
    total = 0
    for i in range(1, 301):
        for j in range(1, 301):
            total = total + (i * j) % 7
    return total


@program("while", {"main": """
    var $i : Integer
    var $x : Real
    While ($i<100000)
      $i:=$i+1
      $x:=$x+($i/2)
    End while
    return $x"""})
def while_py():
    i, x = 0, 0.0
    while i < 100000:
        i = i + 1
        x = x + i / 2
    return x


@program("text", {"main": """
    var $t : Text
    var $i : Integer
    For ($i; 1; 20000)
      $t:=$t+String($i)+","
    End for
    return Length($t)"""})
def text_py():
    t = ""
    for i in range(1, 20001):
        t = t + str(i) + ","
    return len(t)


@program("collections", {"main": """
    var $c : Collection
    var $i : Integer
    var $sum : Real
    $c:=[]
    For ($i; 1; 30000)
      $c.push($i)
    End for
    For each ($v; $c)
      $sum:=$sum+$v
    End for each
    return $sum"""})
def collections_py():
    c = []
    for i in range(1, 30001):
        c.append(float(i))
    total = 0.0
    for v in c:
        total = total + v
    return total


@program("properties", {"main": """
    var $o : Object
    var $i : Integer
    $o:={count: 0; total: 0}
    For ($i; 1; 30000)
      $o.count:=$o.count+1
      $o.total+=$i
    End for
    return $o.total"""})
def properties_py():
    o = {"count": 0.0, "total": 0.0}
    for i in range(1, 30001):
        o["count"] = o["count"] + 1
        o["total"] += i
    return o["total"]


@program("method calls", {
    "add": """
        #DECLARE($a : Integer; $b : Integer) -> $r : Integer
        $r:=$a+$b""",
    "main": """
        var $i; $sum : Integer
        For ($i; 1; 30000)
          $sum:=add($sum; $i)
        End for
        return $sum"""})
def method_calls_py():
    def add(a, b):
        return a + b
    total = 0
    for i in range(1, 30001):
        total = add(total, i)
    return total


@program("class methods", {"main": """
    var $c : cs.Counter
    var $i : Integer
    $c:=cs.Counter.new()
    For ($i; 1; 30000)
      $c.add($i)
    End for
    return $c.total"""}, {"Counter": """
    property total : Real
    Class constructor()
      This.total:=0
    Function add($n : Integer)
      This.total:=This.total+$n"""})
def class_methods_py():
    class Counter:
        def __init__(self):
            self.total = 0.0

        def add(self, n):
            self.total = self.total + n
    c = Counter()
    for i in range(1, 30001):
        c.add(i)
    return c.total


@program("map/filter/reduce", {"main": """
    var $c : Collection
    $c:=[]
    For ($i; 1; 10000)
      $c.push($i)
    End for
    $r:=$c.map(Formula($1.result:=$1.value*2)).filter(Formula($1.result:=$1.value%3=0))\
      .reduce(Formula($1.accumulator:=$1.accumulator+$1.value); 0)
    return $r"""})
def map_filter_reduce_py():
    c = []
    for i in range(1, 10001):
        c.append(float(i))
    doubled = list(map(lambda v: v * 2, c))
    kept = list(filter(lambda v: v % 3 == 0, doubled))
    return functools.reduce(lambda total, v: total + v, kept, 0.0)


def compile_program(root: Path, name: str):
    """The compiled ``main`` of program *name*, in a project under *root*."""
    methods, classes, _ = PROGRAMS[name]
    sources = root / name.replace("/", "_").replace(" ", "_") / "Project" / "Sources"
    for folder, files in (("Methods", methods), ("Classes", classes)):
        (sources / folder).mkdir(parents=True, exist_ok=True)
        for file, text in files.items():
            (sources / folder / f"{file}.4dm").write_text(text, encoding="utf-8")
    project = Project.for_path(sources / "Methods" / "main.4dm").activate()
    main = project.method("main")
    return lambda *args: main(None, *args)


def best_time(func, repeat: int) -> tuple[float, object]:
    best, result = math.inf, None
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        best = min(best, time.perf_counter() - start)
    return best, result


def measure(names=None, repeat: int = 5) -> list[tuple[str, float, float]]:
    """(program, 4D seconds, Python seconds) for each program: the best of
    *repeat* rounds each. A 4D result that differs from Python's is an error."""
    sys.setrecursionlimit(10000)
    set_current_process(Process())
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in names or PROGRAMS:
            run = compile_program(Path(tmp), name)
            fourd_time, fourd_result = best_time(run, repeat)
            python_time, python_result = best_time(PROGRAMS[name][2], repeat)
            if fourd_result != python_result:
                raise SystemExit(f"{name}: 4D gave {fourd_result!r}, Python {python_result!r}")
            rows.append((name, fourd_time, python_time))
    return rows


def geometric_mean(ratios) -> float:
    ratios = list(ratios)
    return math.exp(sum(map(math.log, ratios)) / len(ratios))


def profile(name: str) -> None:
    """Run program *name* under cProfile and print where the time goes."""
    set_current_process(Process())
    with tempfile.TemporaryDirectory() as tmp:
        run = compile_program(Path(tmp), name)
        profiler = cProfile.Profile()
        profiler.runcall(run)
        pstats.Stats(profiler).sort_stats("tottime").print_stats(15)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--only", action="append", help="run only this program (repeatable)")
    parser.add_argument("--profile", help="profile one program instead")
    args = parser.parse_args()
    if args.profile:
        profile(args.profile)
        return
    rows = measure(args.only, args.repeat)
    print(f"{'program':<20}{'4D (ms)':>10}{'Python (ms)':>13}{'ratio':>8}")
    for name, fourd_time, python_time in rows:
        print(f"{name:<20}{fourd_time * 1000:>10.1f}{python_time * 1000:>13.1f}{fourd_time / python_time:>8.2f}")
    print(f"{'geometric mean':<43}{geometric_mean(f / p for _, f, p in rows):>8.2f}")


if __name__ == "__main__":
    main()
