"""Running 4D code that talks to the system: a scratch project run through the
real CLI (``python -m fourd run``), with a time limit."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from scratch_project import ScratchProject

REPOSITORY = Path(__file__).resolve().parents[2]
TIMEOUT = 60


def run_4d(root: Path, main: str, classes: dict | None = None) -> subprocess.CompletedProcess:
    """Write *main* (and *classes*) in a project at *root* and run it; its ALERTs go to stdout."""
    project = ScratchProject(root)
    project.method("main", main)
    for name, source in (classes or {}).items():
        project.cls(name, source)
    return subprocess.run([sys.executable, "-m", "fourd", "run", str(root), "--method", "main"],
                          capture_output=True, text=True, timeout=TIMEOUT, cwd=REPOSITORY)


def alerts(root: Path, main: str, classes: dict | None = None) -> list[str]:
    """The lines the program printed; it must end without error."""
    done = run_4d(root, main, classes)
    assert done.returncode == 0 and not done.stderr, done.stderr
    return done.stdout.splitlines()
