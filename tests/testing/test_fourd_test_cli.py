"""``fourd test`` on the sample project (docs/TESTING.md, "Writing tests in
4D" and "fourd test"): discovery, isolation, reports, ``-k``, JUnit XML.

The sample (fixtures/sample) has test methods that pass, fail an ASSERT
(error -10518, assert.md), end with an uncaught error thrown in a helper
method (throw.md) or skip themselves, and a test class with setUp and
tearDown.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLE = FIXTURES / "sample"
METHODS = "Project/Sources/Methods"
CLASSES = "Project/Sources/Classes"


@pytest.fixture(scope="module")
def sample_run(fourd_cli, tmp_path_factory):
    """One verbose run of the whole sample, with a JUnit XML report."""
    report = tmp_path_factory.mktemp("junit") / "report.xml"
    result = fourd_cli("test", "-v", "--junit-xml", report, cwd=SAMPLE)
    return result, ET.parse(report).getroot()


def test_summary_line_and_exit_status(sample_run):
    result, _ = sample_run
    assert result.stdout.splitlines()[-1] == "5 passed, 4 failed, 1 skipped"
    assert result.returncode == 1


def test_each_test_has_a_line_with_its_status_in_verbose_mode(sample_run):
    out = sample_run[0].stdout
    for line in [f"{METHODS}/test_passes.4dm::test_passes PASSED",
                 f"{METHODS}/test_assert_fails.4dm::test_assert_fails FAILED",
                 f"{METHODS}/test_uncaught_error.4dm::test_uncaught_error ERROR",
                 f"{METHODS}/test_skipped.4dm::test_skipped SKIPPED (needs a database)",
                 f"{CLASSES}/TestCalculator.4dm::TestCalculator.test_add PASSED"]:
        assert line in out.splitlines()


def test_helper_methods_and_other_class_functions_are_not_tests(sample_run):
    out = sample_run[0].stdout
    assert "sum_of" not in out and "broken_helper.4dm::" not in out
    assert "TestCalculator.helper" not in out and f"{CLASSES}/Calculator.4dm::" not in out


def test_assert_failure_shows_location_message_source_line_and_output(sample_run):
    out = sample_run[0].stdout
    report = out[out.index("________ test_assert_fails ________"):]
    assert report.splitlines()[1:5] == [
        f"{METHODS}/test_assert_fails.4dm:2: in test_assert_fails: Error -10518 (4DRT): Assert failed: Length of fourd is not 4",
        '    ASSERT(Length("fourd")=4; "Length of fourd is not 4")',
        "captured output:",
        "    before the assertion",
    ]
    assert "never written" not in out          # the failed ASSERT ended the test


def test_uncaught_error_is_located_in_the_method_that_raised_it(sample_run):
    out = sample_run[0].stdout
    assert (f"{METHODS}/broken_helper.4dm:2: in broken_helper: Error 42" in out
            and "(host): the widget broke" in out)
    assert '    throw({errCode: 42; message: "the widget broke"})' in out


def test_class_tests_run_on_a_new_instance_between_setUp_and_tearDown(sample_run):
    out = sample_run[0].stdout
    # test_add changed the instance's total; the next test starts again from setUp's value.
    assert f"{CLASSES}/TestCalculator.4dm::TestCalculator.test_new_instance_each_time PASSED" in out
    failure = out[out.index("________ TestCalculator.test_wrong_total"):]
    assert failure.splitlines()[1].endswith("Error -10518 (4DRT): Assert failed: 10+1 is not 12")
    assert "tearDown: total is 11" in failure     # tearDown ran after the failed ASSERT


def test_process_variables_do_not_leak_between_tests(sample_run):
    out = sample_run[0].stdout
    assert "test_isolation_one PASSED" in out and "test_isolation_two PASSED" in out


def test_junit_xml_counts_and_cases(sample_run):
    _, root = sample_run
    suite = root.find("testsuite")
    assert {k: suite.get(k) for k in ("tests", "failures", "errors", "skipped")} == \
        {"tests": "10", "failures": "2", "errors": "2", "skipped": "1"}
    cases = {case.get("name"): case for case in suite.iter("testcase")}
    failure = cases["test_assert_fails"].find("failure")
    assert failure.get("type") == "-10518" and "Length of fourd is not 4" in failure.get("message")
    assert "before the assertion" in cases["test_assert_fails"].find("system-out").text
    assert cases["test_uncaught_error"].find("error") is not None
    assert cases["test_skipped"].find("skipped").get("message") == "needs a database"
    assert cases["test_add"].get("classname") == "sample.TestCalculator"
    assert cases["test_passes"].get("classname") == "sample" and len(cases["test_passes"]) == 0


def test_k_selects_tests_by_name_ignoring_case(fourd_main):
    result = fourd_main("test", "-k", "ISOLATION", cwd=SAMPLE)
    assert result.stdout.splitlines()[-1] == "2 passed, 0 failed"
    assert result.returncode == 0
    result = fourd_main("test", "-k", "calculator.test_", cwd=SAMPLE)
    assert result.stdout.splitlines()[-1] == "2 passed, 2 failed"


def test_files_named_on_the_command_line_run_whatever_their_name(fourd_main):
    result = fourd_main("test", f"{METHODS}/sum_of.4dm", f"{CLASSES}/TestCalculator.4dm", cwd=SAMPLE)
    assert result.stdout.splitlines()[-1] == "3 passed, 2 failed"


def test_code_that_does_not_compile_fails_its_test(fourd_main):
    result = fourd_main("test", FIXTURES / "broken", cwd=FIXTURES)
    out = result.stdout
    assert out.splitlines()[-1] == "0 passed, 2 failed" and result.returncode == 1
    # A class that does not compile is one failed test named after it.
    assert "________ TestBroken ________\nbroken/Classes/TestBroken.4dm:5:10: error:" in out
    assert "broken/Methods/test_compile_error.4dm:2:12: error:" in out


def test_a_time_limit_stops_a_test_and_the_run_goes_on(fourd_main):
    result = fourd_main("test", "--timeout", "0.2", FIXTURES / "standalone", cwd=FIXTURES)
    assert "standalone/test_forever.4dm:2: in test_forever: timed out after 0.2 s\n    While (True)" \
        in result.stdout
    assert result.stdout.splitlines()[-1] == "1 passed, 1 failed"


def test_no_tests_is_a_success(fourd_main, tmp_path):
    result = fourd_main("test", cwd=tmp_path)
    assert result.stdout.splitlines()[-1] == "0 passed, 0 failed" and result.returncode == 0


def test_test_functions_are_inherited_and_can_skip_themselves(fourd_main):
    result = fourd_main("test", "-v", "inheritance", cwd=FIXTURES)
    lines = result.stdout.splitlines()
    assert [line.split("::")[1] for line in lines[:-1]] == [
        "TestWithInheritedTests.test_value_is_set PASSED",     # inherited ones first
        "TestWithInheritedTests.test_own PASSED",
        "TestWithInheritedTests.test_skipped_on_purpose SKIPPED (shows skipTest in a class)",
    ]
    assert lines[-1] == "2 passed, 0 failed, 1 skipped" and result.returncode == 0
