"""Run the own tests of a folder of real 4D projects under fourd; print a table.

    python bench/projects.py FOLDER [--timeout 300] [--test-timeout 30] [-v] [--json FILE]

FOLDER holds one sub-folder per project (a repository checkout: fetching is
not this script's job). Each project runs in a child process of its own with
a time limit, and each of its tests in an isolated 4D run with a time limit.

The tests of a project are found by the conventions projects use:

* ``fourd test``'s: methods ``test_*``, the ``test_*`` functions of classes
  ``Test*``, and of classes ``*Test`` in the KyleKincer/testing convention
  (docs/TESTING.md);
* yaUT (KirkBrooks/yaUT): methods ``yaUT_*`` (not ``yaUT__*`` nor
  ``yaUT_FullTest``) return a collection of ``cs.UnitTest`` results; each
  result that is not a comment is one test;
* AJ_Tools_UnitTest: methods with a ``// __UNIT_TEST`` line record their
  assertions in the process variable ``AJ_Tools_UT_results``; each recorded
  assertion is one test;
* methods named ``…unitTest(s)`` (4D-Open-Source): one test each, passed
  when it ends without an error.

A failure whose first error is a command or class fourd does not have yet
is counted under the helper area expected to bring it (``blocked``), so the
table tells bugs from missing features.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

# Commands and classes whose absence blocks a test, by the area that brings them.
# Matched case-insensitively against "X is not supported by fourd" and similar
# messages; a name ending in "*" is a prefix.
BLOCKERS = {
    "system": """Choose|CLEAR VARIABLE|EXECUTE METHOD|EXECUTE FORMULA|Get call chain|Call chain|
        Current method path|METHOD GET PATHS|METHOD GET FOLDERS|METHOD GET CODE|METHOD GET NAMES|
        METHOD Get path|Copy parameters|SET ASSERT ENABLED|Get assert enabled|GET SYSTEM FORMAT|
        OB Get type|Generate UUID|Generate digest|Generate password hash|Verify password hash|
        BASE64 ENCODE|BASE64 DECODE|Get text from pasteboard|SET TEXT TO PASTEBOARD|Shift down|
        Macintosh option down|Windows Alt down|Caps lock down|Macintosh command down|
        Windows Ctrl down|Macintosh control down|Is a variable|Is nil pointer|RESOLVE POINTER|
        ARRAY *|SORT ARRAY|MULTI SORT ARRAY|Find in array|Find in sorted array|APPEND TO ARRAY|
        INSERT IN ARRAY|DELETE FROM ARRAY|COPY ARRAY|COLLECTION TO ARRAY|ARRAY TO COLLECTION|
        LIST TO ARRAY|Size of array|CryptoKey|Get database parameter|SET DATABASE PARAMETER|
        Application info|System info|Application type|Application version|Is compiled mode|
        Current machine|Current user|Current system user|Get 4D folder|Structure file|
        Data file|Version type|Get process variable|SET PROCESS VARIABLE|ABORT|SET TIMER|
        PROCESS PROPERTIES|Process info|Process state|LAUNCH EXTERNAL PROCESS|4D.SystemWorker|
        SystemWorker|Open URL|Get localized document path|Milliseconds|Tickcount|
        Get license info|Is license available|Get indexed string|STRING LIST TO ARRAY""",
    "xml": """DOM *|SVG*|XML *|Localized string|Match regex|Get localized string|
        PROCESS 4D TAGS|xliff""",
    "files": """File|Folder|Document to text|TEXT TO DOCUMENT|Document to blob|BLOB TO DOCUMENT|
        Test path name|Create document|Open document|CLOSE DOCUMENT|SEND PACKET|RECEIVE PACKET|
        DELETE DOCUMENT|CREATE FOLDER|DOCUMENT LIST|FOLDER LIST|Temporary folder|
        Convert path system to POSIX|Convert path POSIX to system|Get document size|
        COPY DOCUMENT|MOVE DOCUMENT|Select document|Select folder|Object to path|Path to object|
        ZIP Create archive|ZIP Read archive|4D.File|4D.Folder|4D.FileHandle|Document|
        Get document position|SET DOCUMENT POSITION""",
    "ui": """Form|DIALOG|ALERT|CONFIRM|Request|OBJECT *|Open window|Open form window|CLOSE WINDOW|
        Current form window|FORM *|Form event code|Menu bar|SET MENU BAR|Create menu|
        APPEND MENU ITEM|Pop up menu|Dynamic pop up menu|WA *|LISTBOX *|CREATE THUMBNAIL|
        PICTURE *|Picture size|TRANSFORM PICTURE|CONVERT PICTURE|READ PICTURE FILE|
        WRITE PICTURE FILE|BLOB TO PICTURE|PICTURE TO BLOB|Get window rect|SET WINDOW RECT|
        Frontmost window|HIDE *|SHOW *|REDRAW|POST OUTSIDE CALL|CALL FORM|Get edited text|
        GOTO OBJECT|BEEP|PLAY|SET CURSOR|Screen width|Screen height|Current form table|
        FILTER KEYSTROKE|Keystroke|Get pointer|OPEN URL|Outside call|Caps lock down|
        Get menu item|Count menus|MESSAGE|ERASE WINDOW|GOTO XY|Window kind|Next window|
        Get window title|SET WINDOW TITLE|ST *|Get style sheet info|HIGHLIGHT TEXT|
        Font list|Get Application color scheme|FORM Event|Contextual click|Print form|PRINT *""",
    "database": """ds|START TRANSACTION|VALIDATE TRANSACTION|CANCEL TRANSACTION|In transaction|
        QUERY*|ALL RECORDS|SAVE RECORD|CREATE RECORD|DELETE RECORD|Records in selection|
        ORDER BY|Table|Field|Get pointer|Table name|Field name|Get last table number|
        Get last field number|Is table number valid|Is field number valid|GET FIELD PROPERTIES|
        ALL RECORDS|FIRST RECORD|NEXT RECORD|LOAD RECORD|READ ONLY|READ WRITE|Sequence number|
        Is new record|Modified record|Record number|GOTO RECORD|SELECTION TO ARRAY|
        ARRAY TO SELECTION|Selected record number|New log file|SET INDEX|Table name|
        EXPORT STRUCTURE|Get table properties|SET FIELD TITLES|SET TABLE TITLES|field|table|
        the database *""",
    "network": """HTTP *|4D.HTTPRequest|HTTPRequest|4D.HTTPAgent|WEB *|4D.WebServer|
        4D.WebSocket|4D.WebSocketServer|SMTP*|POP3*|IMAP*|4D.SMTPTransporter|NET_*|
        4D.UDPSocket|Get HTTP*|SET HTTP*|4D.MailAttachment|MAIL *""",
}

_NAME_PATTERNS = [
    (r"^(?P<name>.+?) is not (?:supported|available)\b", "missing"),
    (r"The method '(?P<name>[^']+)' does not exist", "method"),
    (r"Unknown (?:class|member function|command)[:\s]+'?(?P<name>[^'()\s]+)", "member"),
    (r"Cannot call new\(\) on Undefined", "class"),
    (r"^(?P<name>[A-Za-z_][\w .]*?): ", "command"),     # "Match regex: invalid …"
]


def _blocker_patterns() -> dict[str, list[str]]:
    """Each area's names, split on '|', blanks normalised."""
    areas = {}
    for area, names in BLOCKERS.items():
        areas[area] = [" ".join(n.split()) for n in names.split("|") if n.strip()]
    return areas


_AREAS = _blocker_patterns()


def blocked_by(message: str) -> str:
    """The area whose missing command or class *message* reports, or ''."""
    first = message.strip().splitlines()[0] if message.strip() else ""
    text = re.sub(r"^.*?: in [^:]+: ", "", first)         # drop the 4D location
    text = re.sub(r"^Error -?\d+ \(\w+\): ", "", text)      # and the error code
    name = ""
    for pattern, _kind in _NAME_PATTERNS:
        match = re.search(pattern, text)
        if match:
            name = (match.groupdict().get("name") or "").strip()
            break
    if not name:
        return ""
    for area, names in _AREAS.items():
        for candidate in names:
            if candidate.endswith("*"):
                if name.lower().startswith(candidate[:-1].lower()):
                    return area
            elif name.lower() == candidate.lower():
                return area
    return ""


@dataclass
class Result:
    """One test of one project."""

    name: str
    passed: bool
    error: str = ""          # first line of the first error, for failures
    blocked: str = ""        # area of fourd that brings what is missing


# ------------------------------------------------------------- child side

def _one_line(text: str) -> str:
    text = text.strip()
    return text.splitlines()[0][:300] if text else ""


def _fourd_test_results(folder: Path, test_timeout: float) -> list[Result]:
    from fourd.testing import runner
    results = []
    for case in runner.collect([folder]):
        outcome = case.run(test_timeout)
        if outcome.status == runner.SKIPPED:
            continue
        results.append(Result(case.name, not outcome.failed, _one_line(outcome.message)))
    return results


def _method_files(folder: Path) -> list[tuple[Path, Path]]:
    """(method file, its Methods folder) of every project under *folder*."""
    found = []
    for methods in sorted(folder.rglob("Methods")):
        if methods.is_dir() and methods.parent.name == "Sources":
            found.extend((file, methods) for file in sorted(methods.glob("*.4dm")))
    return found


def _run_method(file: Path, snippet: str, test_timeout: float):
    """Run *snippet* (4D code) in the project of method *file*; (outcome, value
    the snippet returned)."""
    from fourd.loader import Project
    from fourd.testing import runner
    project = Project.for_path(file)
    returned = {}

    def call():
        func = runner.compile_method(project, snippet, f"<bench {file.stem}>", "bench_" + file.stem)
        returned["value"] = func(None)
    outcome = runner.run_isolated(project, call, test_timeout)
    return outcome, returned.get("value")


_RETURNS_A_COLLECTION = re.compile(r"#DECLARE[^\n]*(->|\)\s*:\s*Collection)|C_COLLECTION(:C\d+)?\(\$0",
                                   re.IGNORECASE)


def _yaut_results(folder: Path, test_timeout: float) -> list[Result]:
    results = []
    for file, _ in _method_files(folder):
        name = file.stem
        low = name.lower()
        if not low.startswith("yaut_") or low.startswith("yaut__") or low == "yaut_fulltest":
            continue
        if not _RETURNS_A_COLLECTION.search(file.read_text(encoding="utf-8-sig", errors="replace")):
            continue        # a demo or an "about" method: it returns no test results
        outcome, value = _run_method(file, f"#DECLARE()->$r : Variant\n$r:={name}", test_timeout)
        if outcome.failed:
            results.append(Result(name, False, _one_line(outcome.message)))
        elif not isinstance(value, list):
            results.append(Result(name, False, "no results were returned (yaUT: not a test method)"))
        else:
            for index, test in enumerate(value, 1):
                get = test.get if isinstance(test, dict) else (lambda key: None)
                if get("isComment") is not None:
                    continue
                line = str(get("displayline") or get("_description") or index)
                results.append(Result(f"{name}[{index}]", bool(get("pass")), "" if get("pass") else line))
    return results


def _aj_results(folder: Path, test_timeout: float) -> list[Result]:
    results = []
    marker = re.compile(r"^\s*//\s*__UNIT_TEST\b", re.MULTILINE)
    for file, _ in _method_files(folder):
        source = file.read_text(encoding="utf-8-sig", errors="replace")
        if not marker.search(source):
            continue
        name = file.stem
        snippet = ("#DECLARE()->$r : Variant\nC_OBJECT(AJ_Tools_UT_results)\n"
                   f"AJ_Tools_UT_results:=Null\n{name}\n$r:=AJ_Tools_UT_results")
        outcome, value = _run_method(file, snippet, test_timeout)
        if outcome.failed:
            results.append(Result(name, False, _one_line(outcome.message)))
            continue
        tests = value.get("tests") if isinstance(value, dict) else None
        if not tests:
            results.append(Result(name, False, "no assertion was recorded"))
            continue
        for index, test in enumerate(tests, 1):
            ok = bool(test.get("result"))
            what = f"given {test.get('given')}: should {test.get('should')}"
            results.append(Result(f"{name}[{index}]", ok, "" if ok else what))
    return results


def _unit_test_method_results(folder: Path, test_timeout: float) -> list[Result]:
    results = []
    for file, _ in _method_files(folder):
        if not re.search(r"unit_?tests?$", file.stem, re.IGNORECASE):
            continue
        outcome, _ = _run_method(file, file.stem, test_timeout)
        results.append(Result(file.stem, not outcome.failed, _one_line(outcome.message)))
    return results


CONVENTIONS = [_fourd_test_results, _yaut_results, _aj_results, _unit_test_method_results]


def run_project(folder: Path, test_timeout: float) -> list[Result]:
    """Every test of the project(s) in *folder*, by every convention."""
    results = []
    for convention in CONVENTIONS:
        results.extend(convention(folder, test_timeout))
    for result in results:
        if not result.passed:
            result.blocked = blocked_by(result.error)
    return results


# ------------------------------------------------------------ parent side

@dataclass
class ProjectRun:
    project: str
    results: list[Result]
    problem: str = ""        # the project could not run (time limit, crash)
    seconds: float = 0.0


def run_child(folder: Path, timeout: float, test_timeout: float) -> ProjectRun:
    start = time.monotonic()
    command = [sys.executable, str(Path(__file__).resolve()), "--one", str(folder),
               "--test-timeout", str(test_timeout)]
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])))
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, env=env,
                              cwd=folder)
    except subprocess.TimeoutExpired:
        return ProjectRun(folder.name, [], f"time limit ({timeout:g} s) reached",
                          time.monotonic() - start)
    seconds = time.monotonic() - start
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        return ProjectRun(folder.name, [], _one_line(done.stderr.strip().splitlines()[-1]
                                                    if done.stderr.strip() else f"exit {done.returncode}"),
                          seconds)
    data = json.loads(lines[-1])
    return ProjectRun(folder.name, [Result(**r) for r in data["results"]], "", seconds)


def table(runs: list[ProjectRun], verbose: bool) -> str:
    areas = list(BLOCKERS)
    head = ["project", "tests", "passed", "failed", *[f"blocked:{a}" for a in areas], "seconds"]
    rows = []
    totals = [0] * (3 + len(areas))
    for run in runs:
        failed = [r for r in run.results if not r.passed]
        counts = [len(run.results), len(run.results) - len(failed), len(failed),
                  *[sum(r.blocked == a for r in failed) for a in areas]]
        totals = [t + c for t, c in zip(totals, counts)]
        rows.append([run.project, *map(str, counts), f"{run.seconds:.1f}"])
    rows.append(["TOTAL", *map(str, totals), ""])
    widths = [max(len(str(row[i])) for row in [head, *rows]) for i in range(len(head))]
    lines = ["| " + " | ".join(h.ljust(w) for h, w in zip(head, widths)) + " |",
             "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
    lines += ["| " + " | ".join(c.ljust(w) for c, w in zip(row, widths)) + " |" for row in rows]
    if totals[0]:
        lines.append(f"\n{totals[1]} of {totals[0]} tests pass ({100 * totals[1] / totals[0]:.1f}%); "
                     f"{totals[2] - sum(totals[3:])} failures are not blocked by a missing feature.")
    lines.append("\nFailures (first error of each):")
    for run in runs:
        if run.problem:
            lines.append(f"  {run.project}: could not run: {run.problem}")
        for r in run.results:
            if not r.passed and (verbose or not r.blocked):
                tag = f" [blocked:{r.blocked}]" if r.blocked else ""
                lines.append(f"  {run.project} :: {r.name}{tag}: {r.error}")
        if not verbose:
            blocked = [r for r in run.results if not r.passed and r.blocked]
            if blocked:
                lines.append(f"  {run.project}: {len(blocked)} blocked (-v lists them)")
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="folder holding one sub-folder per project")
    parser.add_argument("--timeout", type=float, default=300, help="seconds per project")
    parser.add_argument("--test-timeout", type=float, default=30, help="seconds per test")
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("-k", dest="only", default="", help="only the projects whose name contains this")
    parser.add_argument("-v", "--verbose", action="store_true", help="list blocked failures too")
    parser.add_argument("--json", type=Path, help="also write the results as JSON")
    args = parser.parse_args(argv)
    if args.one:
        results = run_project(args.folder.resolve(), args.test_timeout)
        sys.stdout.write("\n" + json.dumps({"results": [asdict(r) for r in results]}) + "\n")
        return 0
    folders = sorted(p for p in args.folder.iterdir()
                     if p.is_dir() and not p.name.startswith(".") and args.only.lower() in p.name.lower())
    runs = []
    for folder in folders:
        print(f"{folder.name}…", file=sys.stderr, flush=True)
        runs.append(run_child(folder.resolve(), args.timeout, args.test_timeout))
    print(table(runs, args.verbose))
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in runs], indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
