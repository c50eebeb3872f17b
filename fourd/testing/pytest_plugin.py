"""pytest plugin: 4D tests and Markdown examples beside Python tests.

pytest loads it whenever fourd is installed (``pytest11`` entry point), but
it collects nothing unless asked (docs/TESTING.md):

* ``--fourd``: the 4D tests (``fourd test``'s convention) of the folders
  pytest searches;
* ini ``fourd_projects = path…``: the 4D tests under these folders, on every
  run (pytest must search them: put them in ``testpaths`` or the arguments);
* ``--fourd-doctest``: also the ```` ```4d ```` blocks of Markdown files,
  judged as ``fourd doctest --run`` does (not runnable: skipped);
* a ``.4dm`` or ``.md`` file named on the command line is always collected.

Failures are reported with their 4D location, source line and output, with
no Python traceback.
"""
from __future__ import annotations

from pathlib import Path

import pytest

# fourd's runtime is imported only when 4D code is collected, so that the
# plugin costs nothing to test suites that do not use it.


def pytest_addoption(parser):
    group = parser.getgroup("fourd", "4D code (fourd)")
    group.addoption("--fourd", action="store_true",
                    help="collect 4D tests: test_* methods and Test* classes (.4dm)")
    group.addoption("--fourd-doctest", action="store_true",
                    help="collect the ```4d blocks of Markdown files as examples to run")
    group.addoption("--fourd-timeout", type=float, default=None, metavar="SECONDS",
                    help="stop a 4D test or example after SECONDS")
    parser.addini("fourd_projects", type="paths", default=[],
                  help="folders whose 4D tests are always collected")


def pytest_collect_file(file_path: Path, parent):
    suffix = file_path.suffix.lower()
    config = parent.config
    named = parent.session.isinitpath(file_path)
    if suffix == ".4dm":
        if named or (file_path.stem.lower().startswith("test") and _collects_tests(config, file_path)):
            return FourDFile.from_parent(parent, path=file_path)
    elif suffix == ".md" and (named or config.getoption("fourd_doctest")):
        return MarkdownFile.from_parent(parent, path=file_path)
    return None


def _collects_tests(config, file_path: Path) -> bool:
    return config.getoption("fourd") or any(file_path.is_relative_to(folder)
                                            for folder in config.getini("fourd_projects"))


class FourDFailure(Exception):
    """A 4D test or example failed; *report* is what users read."""

    def __init__(self, report: str):
        super().__init__(report)
        self.report = report


class _FourDItem(pytest.Item):
    def repr_failure(self, excinfo, style=None):
        if isinstance(excinfo.value, FourDFailure):
            return excinfo.value.report
        return super().repr_failure(excinfo, style)

    @property
    def timeout(self) -> float | None:
        return self.config.getoption("fourd_timeout")


class FourDFile(pytest.File):
    """A ``.4dm`` file: a test method, or a test class and its functions."""

    def collect(self):
        from fourd.testing.runner import collect_file
        named = self.session.isinitpath(self.path)
        for case in collect_file(self.path, named):
            yield FourDTest.from_parent(self, name=case.name, case=case)


class FourDTest(_FourDItem):
    def __init__(self, *, case, **kwargs):
        super().__init__(**kwargs)
        self.case = case

    def runtest(self):
        from fourd.testing.runner import SKIPPED
        outcome = self.case.run(self.timeout)
        if outcome.interrupted:
            raise KeyboardInterrupt
        if outcome.status == SKIPPED:
            pytest.skip(outcome.message)
        if outcome.failed:
            raise FourDFailure(outcome.details())

    def reportinfo(self):
        return self.path, None, f"4D test {self.name}"


class MarkdownFile(pytest.File):
    """A Markdown file: one example per ```` ```4d ```` block."""

    def collect(self):
        from fourd.testing.doctest import code_blocks, load_exclusions
        exclusions = load_exclusions()
        for block in code_blocks(self.path):
            exclusion = next((e for e in exclusions if e.matches(block)), None)
            yield FourDExample.from_parent(self, name=f"line {block.line}", block=block, exclusion=exclusion)


class FourDExample(_FourDItem):
    def __init__(self, *, block, exclusion, **kwargs):
        super().__init__(**kwargs)
        self.block = block
        self.exclusion = exclusion

    def runtest(self):
        from fourd.loader import Project
        from fourd.testing import doctest
        result = doctest.check_block(self.block, self.exclusion, Project(None, None, None),
                                     self.timeout or doctest.DEFAULT_TIMEOUT)
        if result.status in (doctest.SYNTAX_ERROR, doctest.FAILED):
            raise FourDFailure(result.detail)
        if result.status == doctest.KNOWN_BUG:
            pytest.xfail(result.detail.splitlines()[0])
        if result.status != doctest.PASSED:
            pytest.skip(f"{result.status}: {result.detail.splitlines()[0]}" if result.detail else result.status)

    def reportinfo(self):
        return self.path, self.block.line - 1, f"4D example at line {self.block.line}"
