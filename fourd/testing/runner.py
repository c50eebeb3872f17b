"""4D tests: discovery, isolated runs and reports (``fourd test``).

The convention (docs/TESTING.md):

* a method file named ``test_*`` (any letter case) is a test: a project
  method in a ``Methods`` folder or a stand-alone ``.4dm`` file;
* a class file named ``Test*`` in a ``Classes`` folder is a test class: each
  of its functions named ``test_*`` (inherited ones too) runs on a new
  instance, after its ``setUp`` function and before its ``tearDown``
  function when the class has them;
* a class file named ``*Test`` is a test class of the KyleKincer/testing
  convention (see :func:`_testing_call`): each ``test_*`` function receives
  the testing object ``$t`` (an instance of the project's or a component's
  ``Testing`` class) and fails when ``$t.failed`` is set;
* a file named on the command line is collected whatever its name.

Each test runs as the main process of a run of its own
(``scheduler.run_main``): process variables, error handler and error stack
start empty, and an uncaught error or a failed ``ASSERT`` ends that test
only. ``skipTest(reason)`` ends it as skipped.
"""
from __future__ import annotations

import contextlib
import io
import linecache
import os
import re
import signal
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, TextIO

from fourd.commands.testing import TestSkipped
from fourd.compiler.errors import CompileError
from fourd.runtime.access import get_member, set_member
from fourd.runtime.errors import Codes, FourDError, InterruptRequest
from fourd.runtime.operators import truthy
from fourd.runtime.process import global_state
from fourd.loader import Project
from fourd.runtime.instances import instantiate
from fourd.runtime.locations import locate, with_location
from fourd.runtime.scheduler import request_shutdown, run_main
from fourd.syntax.errors import FourDSyntaxError

PASSED, FAILED, ERROR, SKIPPED = "passed", "failed", "error", "skipped"
#: Progress characters, as pytest prints them.
_PROGRESS = {PASSED: ".", FAILED: "F", ERROR: "E", SKIPPED: "s"}
#: Exit status of a run stopped by its time limit (as timeout(1) does).
TIMEOUT_STATUS = 124

TEST_PREFIX = "test_"          # test methods and test functions
CLASS_PREFIX = "test"          # test classes
TESTING_SUFFIX = "test"        # test classes of the KyleKincer/testing convention ($t)


# ----------------------------------------------------------------- outcomes

@dataclass
class Outcome:
    """What happened when one piece of 4D code ran in isolation."""

    status: str
    message: str = ""                       # the 4D error, or why the test was skipped
    code: int | None = None                 # the 4D error code
    where: tuple[str, int] | None = None    # (path, line) of the 4D line that failed
    output: str = ""                        # what the code wrote (ALERT, LOG EVENT, other processes' errors)
    duration: float = 0.0
    interrupted: int = 0                    # exit status when Ctrl-C or SIGTERM stopped the run
    python_traceback: str = ""              # for fourd's own bugs (error -10999) only

    @property
    def failed(self) -> bool:
        return self.status in (FAILED, ERROR)

    def source_line(self) -> str:
        if self.where is None:
            return ""
        return linecache.getline(self.where[0], self.where[1]).strip()

    def details(self) -> str:
        """The failure as users read it: 4D location and message, the source
        line, then what the code wrote."""
        parts = [self.message]
        line = self.source_line()
        # A syntax error's message already quotes its line.
        if line and "\n" not in self.message:
            parts.append(f"    {line}")
        if self.python_traceback:
            parts.append(self.python_traceback.rstrip())
        if self.output.strip():
            parts.append("captured output:\n" + indent(self.output))
        return "\n".join(parts)


def indent(text: str) -> str:
    """*text* indented by four spaces, without trailing blank lines."""
    return "\n".join("    " + line for line in text.rstrip().splitlines())


def shown_path(path: str | os.PathLike) -> str:
    """*path* relative to the current folder when it is inside it."""
    text = str(path)
    if text.startswith("<"):          # "<formula>"…
        return text
    try:
        return str(Path(text).resolve().relative_to(Path.cwd()))
    except (OSError, ValueError):
        return text


def outcome_of(exc: BaseException | None) -> Outcome:
    """The outcome of code that ended by raising *exc* (or None: it passed)."""
    if exc is None:
        return Outcome(PASSED)
    if isinstance(exc, FourDSyntaxError):
        exc.path = shown_path(exc.path)
        return Outcome(ERROR, exc.format(), None, (exc.path, exc.line))
    error = with_location(exc)
    if isinstance(error, TestSkipped):
        return Outcome(SKIPPED, error.message, error.code)
    where = None
    if error.where is not None and error.where[1]:
        method, path, line = error.where
        error.where = (method, shown_path(path), line)
        where = (path, line)
    status = FAILED if error.code == Codes.ASSERT_FAILED else ERROR
    return Outcome(status, error.describe(), error.code, where,
                   python_traceback=getattr(error, "python_traceback", "") or "")


# ------------------------------------------------------------ isolated runs

def run_isolated(project: Project, call: Callable[[], object], timeout: float | None = None) -> Outcome:
    """Run ``call()`` as the main method of a fresh 4D run of *project*.

    The run has its own main process (empty process variables and error
    stack), no error handler, and ends when its processes are done, like
    ``fourd run``. What it writes is captured in the outcome. *timeout*
    (seconds) stops it as Ctrl-C would, on POSIX systems.
    """
    project.activate()
    global_state.error_handler = ""
    raised = None

    def main_method():
        nonlocal raised
        try:
            call()
        except Exception as exc:      # 4D errors, syntax errors and fourd's own bugs alike
            raised = exc
        except InterruptRequest as exc:   # kept to say where the time limit or Ctrl-C stopped it
            raised = exc
            raise

    output = io.StringIO()
    start = time.perf_counter()
    with contextlib.redirect_stdout(output), contextlib.redirect_stderr(output), \
            _time_limit(timeout) as limit:
        status = run_main(main_method)
    if limit.expired:
        outcome = _stopped(raised, f"timed out after {timeout:g} s")
    elif status:
        outcome = _stopped(raised, "interrupted")
        outcome.interrupted = status
    else:
        outcome = outcome_of(raised)
    outcome.output = output.getvalue()
    outcome.duration = time.perf_counter() - start
    return outcome


def _stopped(interrupt: BaseException | None, message: str) -> Outcome:
    """A run stopped by its time limit or a signal, located where 4D code was stopped."""
    where = locate(interrupt) if interrupt is not None else None
    if where is None:
        return Outcome(ERROR, message)
    method, path, line = where
    return Outcome(ERROR, f"{shown_path(path)}:{line}: in {method}: {message}", where=(path, line))


class _Limit:
    """Whether the time limit stopped the run."""
    expired = False


@contextlib.contextmanager
def _time_limit(seconds: float | None):
    """Stop the 4D run after *seconds* with SIGALRM (POSIX, main thread only),
    then give back the alarm another tool (pytest-timeout) had set."""
    limit = _Limit()
    if not seconds or not hasattr(signal, "setitimer") or \
            threading.current_thread() is not threading.main_thread():
        yield limit
        return

    def expire(signum, frame):
        limit.expired = True
        request_shutdown(TIMEOUT_STATUS)
        raise InterruptRequest("time limit")

    previous = signal.signal(signal.SIGALRM, expire)
    outer, _ = signal.setitimer(signal.ITIMER_REAL, seconds)
    start = time.monotonic()
    try:
        yield limit
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer:
            signal.setitimer(signal.ITIMER_REAL, max(outer - (time.monotonic() - start), 0.001))


# ---------------------------------------------------------------- discovery

@dataclass
class TestCase:
    """One 4D test: a test method, or one test function of a test class."""

    __test__ = False          # not a pytest test class despite its name

    name: str                 # "test_add", "TestCart.test_total"
    path: Path                # the file that defines it
    project: Project
    call: Callable[[], object]
    class_name: str = ""

    def run(self, timeout: float | None = None) -> Outcome:
        return run_isolated(self.project, self.call, timeout)


class _Projects:
    """One Project per sources folder, so that methods compile once per run."""

    def __init__(self):
        self._by_root: dict[tuple, Project] = {}

    def of(self, file: Path) -> Project:
        project = Project.for_path(file)
        key = (project.methods_dir, project.classes_dir, project.root)
        return self._by_root.setdefault(key, project)


def collect(paths: Iterable[str | os.PathLike]) -> list[TestCase]:
    """The tests in *paths*: folders (searched recursively) and ``.4dm`` files."""
    projects = _Projects()
    cases: list[TestCase] = []
    seen: set[tuple[Path, str]] = set()
    for raw in paths:
        path = Path(raw).resolve()
        if path.suffix.lower() == ".4dproject":      # a 4D project file stands for its folder
            path = path.parent
        if path.is_dir():
            # A project's components are not its tests (they run as components).
            files = [(f, False) for f in sorted(path.rglob("*.4dm"))
                     if f.is_file() and "Components" not in f.relative_to(path).parts]
        else:
            files = [(path, True)]
        for file, named in files:
            for case in _cases_in(file, projects.of(file), named):
                if (case.path, case.name) not in seen:
                    seen.add((case.path, case.name))
                    cases.append(case)
    return cases


def collect_file(path: Path, named: bool = True) -> list[TestCase]:
    """The tests of one ``.4dm`` file (*named*: collected whatever its name)."""
    return _cases_in(path.resolve(), Project.for_path(path), named)


def _cases_in(file: Path, project: Project, named: bool) -> list[TestCase]:
    stem = file.stem
    if project.classes_dir is not None and file.is_relative_to(project.classes_dir):
        if named or stem.lower().startswith(CLASS_PREFIX) or stem.lower().endswith(TESTING_SUFFIX):
            return _class_cases(file, project)
        return []
    if named or stem.lower().startswith(TEST_PREFIX):
        return [TestCase(stem, file, project, lambda: compile_method_file(project, file)(None))]
    return []


def compile_method_file(project: Project, file: Path):
    return compile_method(project, file.read_text(encoding="utf-8-sig", errors="replace"),
                          str(file), file.stem)


def compile_method(project: Project, source: str, path: str, name: str):
    """``project.compile_method``, with what the compiler rejects reported as
    a syntax error (as class files are), not as a bug of fourd."""
    try:
        return project.compile_method(source, path, name)
    except CompileError as err:
        raise FourDSyntaxError(str(err), path, err.line, err.column, source) from None


def _class_cases(file: Path, project: Project) -> list[TestCase]:
    name = file.stem
    try:
        cls = project.get_class(name)
    except Exception as exc:          # the class does not compile: one failing test says why
        def fail_to_compile(exc=exc):
            raise exc
        return [TestCase(name, file, project, fail_to_compile, name)]
    testing = name.lower().endswith(TESTING_SUFFIX) and not name.lower().startswith(CLASS_PREFIX)
    source = file.read_text(encoding="utf-8-sig", errors="replace") if testing else ""
    cases = []
    for function in _test_functions(cls):
        if testing:
            call = _testing_call(project, cls, function, _tags_of(source, function))
        else:
            call = _class_test(cls, function)
        cases.append(TestCase(f"{name}.{function}", file, project, call, name))
    return cases


def _test_functions(cls) -> list[str]:
    """Names of the ``test_*`` functions of *cls* and its user superclasses,
    the inherited ones first."""
    chain = []
    while cls is not None and cls.native is None:
        chain.append(cls)
        cls = cls.superclass
    names: dict[str, None] = {}
    for ancestor in reversed(chain):
        names.update((n, None) for n in ancestor.functions if n.lower().startswith(TEST_PREFIX))
    return list(names)


def _class_test(cls, function: str) -> Callable[[], None]:
    def call():
        this = instantiate(cls, ())
        _call_hook(cls, this, "setUp")
        try:
            cls.find_function(function)(this)
        except Exception:
            # The test's own error is the one reported; tearDown still runs.
            with contextlib.suppress(Exception):
                _call_hook(cls, this, "tearDown")
            raise
        _call_hook(cls, this, "tearDown")
    return call


# ------------------------------------------- the KyleKincer/testing convention

#: Tags that skip a test (the convention's ``// #tags: skip``; its Makefile
#: leaves out ``no-linux`` tests on Linux).
_SKIP_TAGS = {"skip"} | ({"no-linux"} if sys.platform.startswith("linux") else set())
_TAGS = re.compile(r"^\s*//\s*#tags:\s*(.*)$", re.IGNORECASE)


def _tags_of(source: str, function: str) -> set[str]:
    """The ``// #tags: a, b`` of *function*: comment lines just above its
    ``Function`` line, as the convention reads them."""
    lines = source.splitlines()
    declaration = re.compile(rf"^\s*Function\s+{re.escape(function)}\b", re.IGNORECASE)
    for index, line in enumerate(lines):
        if declaration.match(line):
            tags: set[str] = set()
            for above in reversed(lines[:index]):
                if not above.strip().startswith("//"):
                    break
                match = _TAGS.match(above)
                if match:
                    tags.update(t.strip().lower() for t in match.group(1).split(",") if t.strip())
            return tags
    return set()


def testing_class(project: Project):
    """The ``Testing`` class giving ``$t`` to tests of the KyleKincer/testing
    convention: the project's own (the framework testing itself), else the
    one of a component (``cs.<namespace>.Testing``), else None."""
    cls = project.get_class("Testing")
    if cls is not None:
        return cls
    for component in project.components:
        cls = component.get_class("Testing") if component.namespace else None
        if cls is not None:
            return cls
    return None


def _testing_call(project: Project, cls, function: str, tags: set[str]) -> Callable[[], None]:
    """A test function of a ``*Test`` class: ``setup``, ``beforeEach``, the
    test with ``$t``, ``afterEach``, ``teardown``, on a new instance (each test
    runs in isolation, so the class-wide ``setup``/``teardown`` of the
    convention run around every test). The test fails when ``$t.failed``."""
    def call():
        skipped = tags & _SKIP_TAGS
        if skipped:
            raise TestSkipped(Codes.TEST_SKIPPED, f"tagged {', '.join(sorted(skipped))}", "fourd")
        testing = testing_class(project)
        if testing is None:
            raise FourDError(Codes.UNKNOWN_METHOD,
                             f"{cls.name} is a test class of the testing framework's convention "
                             "(test functions receive $t): no Testing class was found in the "
                             "project or its components")
        this = instantiate(cls, ())
        t = instantiate(testing, ())
        set_member(t, "classInstance", this)
        for hook in ("setup", "beforeEach"):
            _call_hook(cls, this, hook)
        try:
            cls.find_function(function)(this, t)
        finally:
            with contextlib.suppress(Exception):
                for hook in ("afterEach", "teardown"):
                    _call_hook(cls, this, hook)
        if truthy(get_member(t, "failed")):
            raise FourDError(Codes.ASSERT_FAILED, _testing_failure(t))
    return call


def _testing_failure(t) -> str:
    """What failed, from ``$t.assertions`` (the failed ones) and ``$t.logMessages``."""
    lines = []
    for assertion in get_member(t, "assertions") or ():
        if isinstance(assertion, dict) and not truthy(assertion.get("passed")):
            line = str(assertion.get("message") or "assertion failed")
            if assertion.get("expected") is not None or assertion.get("actual") is not None:
                line += f" (expected {assertion.get('expected')!r}, got {assertion.get('actual')!r})"
            lines.append(line)
    logged = [str(m) for m in get_member(t, "logMessages") or ()]
    lines += [m for m in logged if m not in lines]
    return "; ".join(lines) or "the test failed ($t.failed)"


def _call_hook(cls, this, name: str) -> None:
    hook = cls.find_function(name)
    if hook is not None:
        hook(this)


def select(cases: list[TestCase], keyword: str | None) -> list[TestCase]:
    """``-k``: the tests whose name contains *keyword*, ignoring case."""
    if not keyword:
        return cases
    keyword = keyword.lower()
    return [case for case in cases if keyword in case.name.lower()]


# ---------------------------------------------------------------- reporting

def summary(outcomes: Iterable[Outcome]) -> str:
    """``N passed, M failed`` (``, K skipped`` when some were)."""
    outcomes = list(outcomes)
    passed = sum(o.status == PASSED for o in outcomes)
    failed = sum(o.failed for o in outcomes)
    skipped = sum(o.status == SKIPPED for o in outcomes)
    return f"{passed} passed, {failed} failed" + (f", {skipped} skipped" if skipped else "")


def run_tests(paths: Iterable[str], *, keyword: str | None = None, junit_xml: str | None = None,
              verbose: bool = False, timeout: float | None = None, out: TextIO | None = None) -> int:
    """``fourd test``: collect, run, report; the exit status."""
    out = out or sys.stdout
    cases = select(collect(paths), keyword)
    results: list[tuple[TestCase, Outcome]] = []
    current_file = None
    stopped = 0                       # the exit status of a run stopped by Ctrl-C or SIGTERM
    try:
        for case in cases:
            if not verbose and case.path != current_file:
                out.write(("\n" if current_file else "") + shown_path(case.path) + " ")
                current_file = case.path
            outcome = case.run(timeout)
            results.append((case, outcome))
            if verbose:
                reason = f" ({outcome.message})" if outcome.status == SKIPPED else ""
                out.write(f"{shown_path(case.path)}::{case.name} {outcome.status.upper()}{reason}\n")
            else:
                out.write(_PROGRESS[outcome.status])
            out.flush()
            if outcome.interrupted:
                stopped = outcome.interrupted
                break
    except KeyboardInterrupt:         # Ctrl-C between two tests (during one, its 4D run handles it)
        stopped = 128 + signal.SIGINT
    if current_file:
        out.write("\n")
    failures = [(case, outcome) for case, outcome in results if outcome.failed]
    if failures:
        out.write("\nFAILURES\n")
        for case, outcome in failures:
            out.write(f"{'_' * 8} {case.name} {'_' * 8}\n{outcome.details()}\n\n")
    if junit_xml:
        write_junit_xml(results, junit_xml)
    out.write(summary(o for _, o in results) + "\n")
    return stopped or (1 if failures else 0)


# Characters XML 1.0 cannot hold, even escaped.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def write_junit_xml(results: list[tuple[TestCase, Outcome]], path: str) -> None:
    """Write *results* as JUnit XML, the format CI systems read."""
    import xml.etree.ElementTree as ET

    def clean(text: str) -> str:
        return _NOT_XML.sub("\ufffd", text)

    outcomes = [o for _, o in results]
    counts = dict(tests=len(outcomes), failures=sum(o.status == FAILED for o in outcomes),
                  errors=sum(o.status == ERROR for o in outcomes),
                  skipped=sum(o.status == SKIPPED for o in outcomes))
    total = f"{sum(o.duration for o in outcomes):.3f}"
    root = ET.Element("testsuites", {k: str(v) for k, v in counts.items()}, name="fourd", time=total)
    suite = ET.SubElement(root, "testsuite", {k: str(v) for k, v in counts.items()},
                          name="fourd", time=total)
    for case, outcome in results:
        classname = ".".join(part for part in (_project_name(case.project), case.class_name) if part)
        element = ET.SubElement(suite, "testcase", classname=classname,
                                name=case.name.rpartition(".")[2], file=shown_path(case.path),
                                time=f"{outcome.duration:.3f}")
        if outcome.failed:
            tag = "failure" if outcome.status == FAILED else "error"
            problem = ET.SubElement(element, tag, message=clean(outcome.message.splitlines()[0]),
                                    type=str(outcome.code if outcome.code is not None else ""))
            problem.text = clean(outcome.details())
        elif outcome.status == SKIPPED:
            ET.SubElement(element, "skipped", message=clean(outcome.message))
        if outcome.output:
            ET.SubElement(element, "system-out").text = clean(outcome.output)
    ET.ElementTree(root).write(path, encoding="utf-8", xml_declaration=True)


def _project_name(project: Project) -> str:
    """The project folder's name (the one holding ``Project/Sources``)."""
    root = project.root
    if root is None:
        return ""
    while root.name in ("Sources", "Project") and root.parent != root:
        root = root.parent
    return root.name
