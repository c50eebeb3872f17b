"""4D code in Markdown: ``fourd doctest`` (docs/TESTING.md).

Every fenced block whose info string is ``4d`` (any letter case) is a 4D
example. By default each one must parse. With ``run=True`` the runnable ones
also run, each in isolation like a test (``runner.run_isolated``), in a
project without methods or classes:

* a block is *not runnable* when its code shows it is not self-contained
  (it defines a class, uses the project's classes ``cs``, takes parameters,
  reads a local variable it never sets: :func:`_why_not_runnable`), or when
  it ends with error -10719 (unknown method) or -10720 (a command or feature
  fourd does not support: fields, arrays, ``ds``…);
* otherwise it *passes* when it ends without an error and, if an
  ```` ```output ```` block follows it (only blank lines between), when what
  it wrote (``ALERT``…) is that block's text; it *fails* otherwise.

Blocks that are not 4D code although marked ``4d`` (formal syntax, pseudo
code, fragments) are listed with a reason in an exclusions file (the
default, ``doc_exclusions.txt``, covers 4D's documentation), as are the
blocks fourd fails to parse because of known parser bugs and the blocks
that must not run (a loop that never ends, on purpose).
"""
from __future__ import annotations

import dataclasses
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, TextIO

from fourd.runtime.errors import Codes
from fourd.loader import Project
from fourd.syntax import ast
from fourd.syntax.errors import FourDSyntaxError
from fourd.syntax.parser import parse

from .runner import FAILED, PASSED, SKIPPED, compile_method, indent, run_isolated, shown_path

#: Block outcomes besides the runner's PASSED, FAILED, SKIPPED.
PARSED, SYNTAX_ERROR, KNOWN_BUG, EXCLUDED, NOT_RUNNABLE = (
    "parsed", "syntax error", "known parser bug", "excluded", "not runnable")
#: Errors that show a block needs more than fourd offers, not that it is wrong.
NOT_RUNNABLE_CODES = frozenset({Codes.UNKNOWN_METHOD, Codes.UNSUPPORTED_COMMAND})
#: Seconds a block may run (it may wait for events that never come).
DEFAULT_TIMEOUT = 5.0
DEFAULT_EXCLUSIONS = Path(__file__).with_name("doc_exclusions.txt")

# An opening or closing fence: three or more backticks or tildes.
_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>.*)$")


@dataclass
class CodeBlock:
    """A ```` ```4d ```` block of a Markdown file."""

    path: Path
    line: int                        # the line of its opening fence
    code: str
    expected: str | None = None      # the text of the ```output block after it

    @property
    def source(self) -> str:
        """The code, after blank lines standing for the lines above it, so
        that syntax and runtime errors name lines of the Markdown file."""
        return "\n" * self.line + self.code

    @property
    def location(self) -> str:
        return f"{shown_path(self.path)}:{self.line}"


def code_blocks(path: Path) -> list[CodeBlock]:
    """The 4D blocks of the Markdown file *path*, with their expected output."""
    lines = path.read_text(encoding="utf-8-sig", errors="replace").splitlines()
    blocks: list[CodeBlock] = []
    awaiting_output = None           # the last 4D block, while only blank lines follow it
    i = 0
    while i < len(lines):
        opening = _FENCE.match(lines[i])
        if opening is None or (opening["fence"][0] == "`" and "`" in opening["info"]):
            if lines[i].strip():
                awaiting_output = None
            i += 1
            continue
        fence, margin = opening["fence"], len(opening["indent"])
        language = re.match(r"\s*([^\s{]*)", opening["info"]).group(1).lower()
        start = i
        body = []
        i += 1
        while i < len(lines) and not _closes(lines[i], fence):
            body.append(_dedent(lines[i], margin))
            i += 1
        i += 1
        text = "\n".join(body)
        if language == "4d":
            awaiting_output = CodeBlock(path, start + 1, text)
            blocks.append(awaiting_output)
        else:
            if language == "output" and awaiting_output is not None:
                awaiting_output.expected = text
            awaiting_output = None
    return blocks


def _closes(line: str, fence: str) -> bool:
    mark = line.strip()
    return len(mark) >= len(fence) and mark == fence[0] * len(mark)


def _dedent(line: str, margin: int) -> str:
    """*line* without the indentation of its block's fence (list items)."""
    strip = len(line) - len(line.lstrip(" \t"))
    return line[min(strip, margin):]


def markdown_files(paths: Iterable[str | Path]) -> list[Path]:
    """The ``.md`` files of *paths* (folders searched recursively), as absolute paths."""
    files = []
    for raw in paths:
        path = Path(raw).resolve()
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.suffix.lower() == ".md" and p.is_file()))
        else:
            files.append(path)
    return files


# ----------------------------------------------------------------- exclusions

@dataclass(frozen=True)
class Exclusion:
    """One entry of an exclusions file: ``path:line  kind: reason``."""

    path: str                        # the end of the file's path, e.g. Concepts/classes.md
    line: int
    kind: str                        # "not-4d" (left out), "parser-bug" (counted, reported)
                                     # or "no-run" (parsed, never run)
    reason: str

    def names_file(self, path: Path) -> bool:
        posix = path.as_posix()
        return posix == self.path or posix.endswith("/" + self.path)

    def matches(self, block: CodeBlock) -> bool:
        return block.line == self.line and self.names_file(block.path)


_EXCLUSION = re.compile(r"^(?P<path>\S+):(?P<line>\d+)\s+(?P<kind>not-4d|parser-bug|no-run):\s*(?P<reason>.+)$")


def load_exclusions(path: Path | None = DEFAULT_EXCLUSIONS) -> list[Exclusion]:
    """The entries of an exclusions file (``#`` starts a comment line)."""
    if path is None:
        return []
    entries = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        match = _EXCLUSION.match(line)
        if match is None:
            raise ValueError(f"{path}:{number}: expected 'path:line  not-4d|parser-bug|no-run: reason'")
        entries.append(Exclusion(match["path"], int(match["line"]), match["kind"], match["reason"]))
    return entries


# ------------------------------------------------------------------ checking

@dataclass
class BlockResult:
    block: CodeBlock
    status: str
    detail: str = ""                 # the error, or the reason


@dataclass
class DoctestReport:
    results: list[BlockResult] = field(default_factory=list)
    stale: list[Exclusion] = field(default_factory=list)   # entries that no longer apply

    def count(self, *statuses: str) -> int:
        return sum(r.status in statuses for r in self.results)

    @property
    def failures(self) -> list[BlockResult]:
        return [r for r in self.results if r.status in (SYNTAX_ERROR, FAILED)]

    def parse_figures(self) -> str:
        """``N of M blocks parse (P%)``: excluded blocks are not counted."""
        total = len(self.results) - self.count(EXCLUDED)
        parsed = total - self.count(SYNTAX_ERROR, KNOWN_BUG)
        percent = 100.0 * parsed / total if total else 100.0
        return f"{parsed} of {total} blocks parse ({percent:.1f}%)"

    def run_figures(self) -> str:
        ran = self.count(PASSED, FAILED, NOT_RUNNABLE, SKIPPED)
        return (f"{ran} blocks run: {self.count(PASSED)} passed, {self.count(FAILED)} failed, "
                f"{self.count(NOT_RUNNABLE)} not runnable, {self.count(SKIPPED)} skipped")


def check(paths: Iterable[str | Path], *, run: bool = False, exclusions: list[Exclusion] = (),
          timeout: float | None = DEFAULT_TIMEOUT) -> DoctestReport:
    """Parse (and with *run*, run) every 4D block of the Markdown *paths*."""
    report = DoctestReport()
    project = Project(None, None, None)
    used = set()
    blocks = [block for path in markdown_files(paths) for block in code_blocks(path)]
    for block in blocks:
        entry = next((e for e in exclusions if e.matches(block)), None)
        if entry is not None:
            used.add(entry)
        result = check_block(block, entry, project if run else None, timeout)
        if entry is not None and entry.kind == "parser-bug" and result.status != KNOWN_BUG:
            report.stale.append(entry)      # fixed: the entry must go
        report.results.append(result)
    scanned = {block.path for block in blocks}
    report.stale.extend(e for e in exclusions if e not in used and any(map(e.names_file, scanned)))
    return report


def check_block(block: CodeBlock, exclusion: Exclusion | None = None, project: Project | None = None,
                timeout: float | None = DEFAULT_TIMEOUT) -> BlockResult:
    """Parse *block*; with a *project*, run it there too."""
    if exclusion is not None and exclusion.kind == "not-4d":
        return BlockResult(block, EXCLUDED, exclusion.reason)
    try:
        module = parse(block.source, str(block.path))
    except FourDSyntaxError as err:
        err.path = shown_path(err.path)
        if exclusion is not None and exclusion.kind == "parser-bug":
            return BlockResult(block, KNOWN_BUG, f"{exclusion.reason}\n{err.format()}")
        return BlockResult(block, SYNTAX_ERROR, err.format())
    if project is None:
        return BlockResult(block, PARSED)
    if exclusion is not None:                # no-run
        return _not_runnable(block, exclusion.reason)
    return run_block(block, module, project, timeout)


def run_block(block: CodeBlock, module: ast.Module, project: Project,
              timeout: float | None = DEFAULT_TIMEOUT) -> BlockResult:
    reason = _why_not_runnable(module)
    if reason is not None:
        return _not_runnable(block, reason)
    outcome = run_isolated(
        project, lambda: compile_method(project, block.source, str(block.path), "code block")(None), timeout)
    if outcome.status == SKIPPED:
        return BlockResult(block, SKIPPED, outcome.message)
    if outcome.failed:
        if outcome.code in NOT_RUNNABLE_CODES:
            return _not_runnable(block, outcome.message)
        return BlockResult(block, FAILED, outcome.details())
    if block.expected is not None and _lines(outcome.output) != _lines(block.expected):
        return BlockResult(block, FAILED, f"{block.location}: the output differs from the ```output block\n"
                           f"expected:\n{indent(block.expected)}\ngot:\n{indent(outcome.output)}")
    return BlockResult(block, PASSED)


def _not_runnable(block: CodeBlock, reason: str) -> BlockResult:
    # A block that shows its output is meant to run: not being able to is a failure.
    if block.expected is not None:
        return BlockResult(block, FAILED, f"{block.location}: has an ```output block but is not runnable: {reason}")
    return BlockResult(block, NOT_RUNNABLE, reason)


def _why_not_runnable(module: ast.Module) -> str | None:
    """Why the code of *module* cannot run on its own, judged from its
    syntax (None when it may)."""
    if module.members or any(isinstance(s, (ast.ClassExtends, ast.PropertyDecl)) for s in module.body):
        return "defines a class"
    declare = next((s for s in module.body if isinstance(s, ast.Declare)), None)
    if declare is not None and declare.params:
        return "is a method that takes parameters"
    assigned = _assigned_locals(module.body)
    for node, in_formula in _walk(module.body):
        if isinstance(node, ast.Name) and node.name.lower() == "cs":
            return "uses the project's classes (cs)"
        if isinstance(node, ast.ParamIndirect) and not in_formula:
            return "uses the parameters of a method"
        if isinstance(node, ast.Local):
            if node.name.isdigit():
                # $1… inside Formula() are the formula's own parameters.
                if node.name != "0" and not in_formula:
                    return "uses the parameters of a method"
            elif node.name.lower() not in assigned:
                return f"uses ${node.name}, which it does not set (from another example?)"
    return None


def _assigned_locals(body: list) -> set[str]:
    """Lower-case names of the local variables that *body* declares or sets."""
    from fourd.commands.registry import lookup
    from fourd.compiler.types import LEGACY_DECLARATIONS

    names = set()
    for node, _ in _walk(body):
        targets = []
        if isinstance(node, ast.VarDecl):
            names.update(name.lower() for name in node.names)
        elif isinstance(node, (ast.Assign, ast.AssignExpr, ast.For, ast.ForEach, ast.PointerTo)):
            targets = [node.target]
        elif isinstance(node, ast.Call) and isinstance(node.callee, ast.Name):
            name = node.callee.name.lower()
            if name in LEGACY_DECLARATIONS:          # C_TEXT($a; $b)
                targets = node.args
            else:                                     # by-reference parameters of commands
                command = lookup(name)
                refs = command.refs if command is not None else ()
                targets = [arg for i, arg in enumerate(node.args) if i in refs]
        names.update(t.name.lower() for t in targets if isinstance(t, ast.Local))
    return names


def _walk(value, in_formula: bool = False):
    """``(node, inside Formula())`` for every AST node in *value* (a node or
    a list or tuple of them), depth first."""
    if isinstance(value, ast.Node):
        yield value, in_formula
        in_formula = in_formula or (isinstance(value, ast.Call) and isinstance(value.callee, ast.Name)
                                    and value.callee.name.lower() == "formula")
        for f in dataclasses.fields(value):
            yield from _walk(getattr(value, f.name), in_formula)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _walk(item, in_formula)


def _lines(text: str) -> list[str]:
    """*text* compared line by line, without trailing spaces and blank lines."""
    return [line.rstrip() for line in text.rstrip().splitlines()]


# ------------------------------------------------------------------ command

def run_doctest(paths: Iterable[str], *, run: bool = False, exclusions_file: Path | None = DEFAULT_EXCLUSIONS,
                verbose: bool = False, timeout: float | None = DEFAULT_TIMEOUT, out: TextIO | None = None) -> int:
    """``fourd doctest``: the report on *out*; the exit status."""
    out = out or sys.stdout
    try:
        exclusions = load_exclusions(exclusions_file)
    except (OSError, ValueError) as err:
        print(f"fourd doctest: {err}", file=sys.stderr)
        return 2
    report = check(paths, run=run, exclusions=exclusions, timeout=timeout)
    for result in report.results:
        if result.status in (SYNTAX_ERROR, FAILED):
            out.write(result.detail + "\n\n")
        elif verbose:
            detail = f" ({result.detail.splitlines()[0]})" if result.detail else ""
            out.write(f"{result.block.location}: {result.status}{detail}\n")
    for entry in report.stale:
        out.write(f"stale exclusion {entry.path}:{entry.line}: "
                  f"{'the block parses now' if entry.kind == 'parser-bug' else 'no such 4d block'}\n")
    out.write(report.parse_figures() + "\n")
    excluded, known = report.count(EXCLUDED), report.count(KNOWN_BUG)
    if excluded or known:
        out.write(f"{excluded} blocks excluded (not 4D code), {known} known parser bugs\n")
    if run:
        out.write(report.run_figures() + "\n")
    return 1 if report.failures else 0
