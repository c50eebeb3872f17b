"""The ``fourd`` pytest plugin (docs/TESTING.md, "The pytest plugin"): off
unless asked, then 4D tests and Markdown examples beside Python tests, with
4D failure reports."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).resolve().parents[2]
# fixtures/sample: 5 tests pass, 2 fail an ASSERT, 2 end with an error, 1 skips itself.
SAMPLE_4D = dict(passed=5, failed=4, skipped=1)


@pytest.fixture(scope="module", autouse=True)
def fourd_loaded():
    """Load fourd (commands, grammar) before the inner pytest runs: pytester
    drops the modules that a run imports, so each run would load them anew."""
    from fourd.commands.registry import load_all
    from fourd.syntax.parser import parse
    from fourd.testing import doctest  # noqa: F401
    load_all()
    parse("ALERT(1)")


@pytest.fixture(autouse=True)
def without_hypothesis(pytester, monkeypatch):
    """Inner pytest runs skip the Hypothesis plugin, which would import
    Hypothesis anew in each of them (a second each)."""
    monkeypatch.setenv("PYTEST_ADDOPTS", "-p no:hypothesispytest")


@pytest.fixture
def project(pytester):
    """A folder with the sample 4D project and one Python test."""
    shutil.copytree(FIXTURES / "sample", pytester.path / "sample")
    pytester.makepyfile(test_python="def test_python():\n    assert True\n")
    return pytester


def plus_python(**outcomes):
    return {**outcomes, "passed": outcomes.get("passed", 0) + 1}


def test_nothing_4d_is_collected_unless_asked(project):
    project.runpytest().assert_outcomes(passed=1)


def test_fourd_option_runs_4d_tests_beside_python_tests(project):
    result = project.runpytest("--fourd")
    result.assert_outcomes(**plus_python(**SAMPLE_4D))
    result.stdout.fnmatch_lines([
        "*_ 4D test test_assert_fails _*",
        "sample/Project/Sources/Methods/test_assert_fails.4dm:2: in test_assert_fails: "
        "Error -10518 (4DRT): Assert failed: Length of fourd is not 4",
        '    ASSERT(Length("fourd")=4; "Length of fourd is not 4")',
        "captured output:",
        "    before the assertion",
    ])
    # The report is the 4D one: no Python traceback of fourd's machinery.
    assert "runner.py" not in result.stdout.str() and "Traceback" not in result.stdout.str()


def test_ini_fourd_projects_collects_their_tests_on_every_run(project):
    project.makeini("[pytest]\nfourd_projects = sample\n")
    project.runpytest().assert_outcomes(**plus_python(**SAMPLE_4D))


def test_a_4dm_file_named_on_the_command_line_is_collected(project):
    result = project.runpytest("sample/Project/Sources/Methods/test_passes.4dm", "-v")
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["*test_passes.4dm::test_passes PASSED*"])


def test_k_selects_4d_tests_by_name(project):
    project.runpytest("--fourd", "-k", "isolation or TestCalculator and add").assert_outcomes(passed=3)


def test_fourd_doctest_option_runs_markdown_examples(pytester):
    shutil.copy(FIXTURES / "examples.md", pytester.path)
    result = pytester.runpytest("--fourd-doctest", "-rs")
    # 2 pass; the output that differs, the syntax error and the ASSERT fail;
    # 3 not runnable and 1 skipTest are skipped.
    result.assert_outcomes(passed=2, failed=3, skipped=4)
    result.stdout.fnmatch_lines(["*examples.md:35: the output differs from the ```output block",
                                 "*SKIPPED*not runnable: defines a class*"])


def test_this_repositorys_own_tests_are_undisturbed():
    """With the plugin enabled, the failing fixtures are not collected."""
    result = subprocess.run([sys.executable, "-m", "pytest", "--fourd", "--fourd-doctest", "--collect-only",
                             "-q", "-p", "no:cacheprovider", "tests/testing"],
                            cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout
    assert ".4dm::" not in result.stdout and ".md::" not in result.stdout
