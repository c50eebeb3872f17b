"""Cost of running under ``fourd dap`` without breakpoints (goal: at most
1.5x the plain ``fourd run``).

    python bench/dap.py [--rounds N]

The same 4D method (loops, method calls, class functions, collection
callbacks: bench/coverage.py's test) runs with ``fourd run`` and through a
DAP client that launches it under ``fourd dap`` with no breakpoint; each
figure is the best of N whole runs, from start to the ``terminated`` event.
"""
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "dap"))

from client import Client                # noqa: E402  (the tests' DAP client)
from coverage import rounds_option, write_project   # noqa: E402

GOAL = 1.5


def under_dap(project: Path) -> float:
    start = time.perf_counter()
    client = Client.over_stdio()
    client.request("initialize", adapterID="fourd")
    client.request("launch", program=str(project), method="test_work")
    client.request("configurationDone")
    if client.wait_for("exited")["exitCode"] != 0:
        sys.exit("the 4D method failed under fourd dap: " + "".join(client.output))
    client.wait_for("terminated")
    elapsed = time.perf_counter() - start
    client.request("disconnect")
    client.close()
    return elapsed


def main() -> None:
    rounds = rounds_option(__doc__)
    with tempfile.TemporaryDirectory() as scratch:
        project = Path(scratch)
        write_project(project)
        method = str(project / "Project" / "Sources" / "Methods" / "test_work.4dm")
        plain = min(_timed_run(method) for _ in range(rounds))
        debugged = min(under_dap(project) for _ in range(rounds))
    ratio = debugged / plain
    print(f"fourd run: {plain:.2f} s; under fourd dap: {debugged:.2f} s; ratio {ratio:.2f} "
          f"(goal <= {GOAL:g}: {'met' if ratio <= GOAL else 'NOT met'})")


def _timed_run(method: str) -> float:
    import subprocess
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "fourd", "run", method], capture_output=True, check=True)
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
