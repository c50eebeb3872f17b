"""Cost of coverage: ``fourd test`` of a project with and without
``--coverage`` (goal: at most 2x the plain run).

    python bench/coverage.py [--rounds N]

The project's tests spend their time in 4D code: loops, project method
calls, class functions, collection callbacks. Each run is a fresh
``python -m fourd test`` (start-up included, as users see it), the best of
N rounds each way.
"""
import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

GOAL = 2.0

FILES = {
    "Methods/fib.4dm": "#DECLARE($n : Integer) : Integer\nIf ($n<2)\n\treturn $n\nEnd if\n"
                       "return fib($n-1)+fib($n-2)\n",
    "Classes/Account.4dm": "property balance : Real\nClass constructor()\n\tThis.balance:=0\n"
                           "Function deposit($amount : Real)\n\tThis.balance+=$amount\n",
    "Methods/test_work.4dm": """\
var $i : Integer
var $total : Real
var $account : cs.Account
ASSERT(fib(20)=6765)
$account:=cs.Account.new()
For ($i; 1; 100000)
	$account.deposit(1)
	If ($i%3=0)
		$total:=$total+$i
	Else
		$total:=$total-1
	End if
End for
ASSERT($account.balance=100000)
var $c : Collection
$c:=New collection()
For ($i; 1; 20000)
	$c.push($i)
End for
ASSERT($c.map(Formula($1.value*2)).sum()=400020000)
""",
}


def run(project: Path, *extra: str) -> float:
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "fourd", "test", str(project), *extra],
                            capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(result.stdout + result.stderr)
    return elapsed


def rounds_option(doc: str) -> int:
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    return parser.parse_args().rounds


def write_project(project: Path) -> None:
    """The benchmark's 4D project in *project*, its code compiled into the cache."""
    for name, text in FILES.items():
        path = project / "Project" / "Sources" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    run(project)


def main() -> None:
    rounds = rounds_option(__doc__)
    with tempfile.TemporaryDirectory() as scratch:
        project = Path(scratch)
        write_project(project)
        plain = min(run(project) for _ in range(rounds))
        covered = min(run(project, "--coverage") for _ in range(rounds))
    ratio = covered / plain
    print(f"fourd test: {plain:.2f} s; with --coverage: {covered:.2f} s; ratio {ratio:.2f} "
          f"(goal <= {GOAL:g}: {'met' if ratio <= GOAL else 'NOT met'})")


if __name__ == "__main__":
    main()
