"""Shared by the tests of fourd's testing tools: ``fourd test``, ``fourd
doctest`` and the pytest plugin (docs/TESTING.md)."""
from __future__ import annotations

import subprocess
import sys
from types import SimpleNamespace

import pytest

pytest_plugins = ["pytester"]

# The fixtures hold failing 4D tests on purpose: `pytest --fourd` on this
# repository must not collect them.
collect_ignore = ["fixtures"]

_FIGURES = pytest.StashKey[list]()


@pytest.fixture(scope="session")
def fourd_cli():
    """``fourd ARGS…`` as a subprocess (``python -m fourd``), in *cwd*."""
    def run(*args, cwd=None) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "fourd", *map(str, args)], cwd=cwd,
                              capture_output=True, text=True, timeout=60)
    return run


@pytest.fixture
def fourd_main(monkeypatch):
    """``fourd ARGS…`` in this process (click's runner, faster), in *cwd*;
    the result has ``stdout``, ``stderr`` and ``returncode`` like ``fourd_cli``'s."""
    from click.testing import CliRunner

    from fourd.cli import main

    def run(*args, cwd=None) -> SimpleNamespace:
        if cwd is not None:
            monkeypatch.chdir(cwd)
        result = CliRunner().invoke(main, list(map(str, args)), catch_exceptions=False)
        return SimpleNamespace(stdout=result.stdout, stderr=result.stderr, returncode=result.exit_code)
    return run


@pytest.fixture
def terminal_figures(request):
    """Lines shown at the end of the pytest report, even without ``-s``
    (CI output): ``terminal_figures(title, lines)``."""
    def add(title: str, lines: list[str]) -> None:
        request.config.stash.setdefault(_FIGURES, []).append((title, lines))
    return add


def pytest_terminal_summary(terminalreporter, config):
    for title, lines in config.stash.get(_FIGURES, []):
        terminalreporter.section(title)
        for line in lines:
            terminalreporter.write_line(line)
