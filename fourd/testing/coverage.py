"""Line and method coverage of 4D code (``fourd test --coverage``).

While tests run, a tracer records the Python lines executed in compiled 4D
code -- and only there: a frame is followed when its code was compiled
from 4D (its file name is registered in ``runtime.locations.UNITS``), every
other frame is left alone, so fourd's own Python runs untraced. The lines
map back to 4D lines through each unit's ``LineMap``. On Python 3.12 and
later ``sys.monitoring`` does this (code that is not 4D is switched off
after its first event); on 3.11 ``sys.settrace``, also set for the threads
of worker processes.

What counts as a line: every 4D statement (from the AST: assignments,
calls, ``If``/``Case`` conditions, loop heads, ``return``…), so a file's
methods that never ran count as missed even though they were never
compiled. A method or class function is covered when one of its lines ran.

Reports: a table per file (text), Cobertura XML and lcov; a line's hit
count there is 1 when it ran (how often is not measured: that is what
keeps the cost low).
"""
from __future__ import annotations

import os
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

# The one place coverage learns where 4D code lives (compiled unit file name -> LineMap).
from fourd.runtime.locations import UNITS
from fourd.syntax import ast
from fourd.syntax.errors import FourDSyntaxError
from fourd.syntax.parser import parse

#: AST statements that are lines of their own.
_STATEMENTS = (ast.ExprStmt, ast.Assign, ast.VarDecl, ast.If, ast.Case, ast.For, ast.ForEach, ast.While,
               ast.Repeat, ast.TryBlock, ast.Use, ast.Return, ast.Break, ast.Continue)


class Tracer:
    """Records the Python lines executed in compiled 4D code.

    Coverage needs to know that a line ran, not how often: each line is
    followed until it first runs. With ``sys.monitoring`` that line's
    event is then switched off; with ``sys.settrace``, a frame stops
    receiving line events once every line of its code has run, and new
    calls of such code are not traced at all (hot loops soon run untraced).
    """

    def __init__(self):
        self.hits: dict[str, set[int]] = {}           # unit file name -> Python lines that ran
        self._left: dict[object, set[int]] = {}       # code object -> its lines not run yet
        self._complete: set[object] = set()           # code objects whose every line ran
        self._monitoring = getattr(sys, "monitoring", None)

    # -------------------------------------------------- sys.settrace (3.11)
    def _global(self, frame, event, arg):
        code = frame.f_code
        filename = code.co_filename
        if filename not in UNITS or code in self._complete:
            return None                   # not 4D code, or all seen: no line events for this frame
        lines = self.hits.setdefault(filename, set())
        left = self._left.get(code)
        if left is None:
            left = self._left[code] = {line for _, _, line in code.co_lines() if line is not None} - lines

        def local(frame, event, arg):
            if event == "line":
                number = frame.f_lineno
                if number in left:
                    lines.add(number)
                    left.discard(number)
                    if not left:
                        self._complete.add(code)
                        frame.f_trace_lines = False
            return local
        return local

    # ------------------------------------------------ sys.monitoring (3.12+)
    def _line(self, code, number):
        filename = code.co_filename
        if filename in UNITS:
            self.hits.setdefault(filename, set()).add(number)
        return self._monitoring.DISABLE   # this line (or this non-4D code's line) is done

    def start(self) -> None:
        if self._monitoring is not None:
            tool = self._monitoring.COVERAGE_ID
            self._monitoring.use_tool_id(tool, "fourd coverage")
            self._monitoring.register_callback(tool, self._monitoring.events.LINE, self._line)
            self._monitoring.set_events(tool, self._monitoring.events.LINE)
            self._monitoring.restart_events()
            return
        threading.settrace(self._global)
        sys.settrace(self._global)

    def stop(self) -> None:
        if self._monitoring is not None:
            tool = self._monitoring.COVERAGE_ID
            self._monitoring.set_events(tool, 0)
            self._monitoring.free_tool_id(tool)
            return
        sys.settrace(None)
        threading.settrace(None)

    def executed(self) -> dict[str, dict[int, int]]:
        """4D path -> 4D line -> 1 for each 4D line that ran."""
        found: dict[str, dict[int, int]] = {}
        for filename, lines in self.hits.items():
            linemap = UNITS.get(filename)
            if linemap is None:
                continue
            by_line = found.setdefault(os.path.realpath(linemap.path), {})
            for py_line in lines:
                line = linemap.line_for(py_line)
                if line:
                    by_line[line] = 1
        return found


@dataclass
class MethodCoverage:
    name: str                         # as 4D names it: method, Class.function
    line: int                         # where it is declared (its first line)
    lines: list[int]                  # its statement lines
    hits: int = 0                     # 1 if one of its lines ran


@dataclass
class FileCoverage:
    path: Path
    lines: dict[int, int] = field(default_factory=dict)     # statement line -> hits
    methods: list[MethodCoverage] = field(default_factory=list)

    @property
    def covered(self) -> int:
        return sum(1 for hits in self.lines.values() if hits)

    @property
    def line_rate(self) -> float:
        return self.covered / len(self.lines) if self.lines else 1.0

    @property
    def methods_covered(self) -> int:
        return sum(1 for method in self.methods if method.hits)


def measure(files, executed: dict[str, dict[int, int]]) -> list[FileCoverage]:
    """The coverage of each 4D file in *files* given the *executed* lines."""
    report = []
    for path in sorted({Path(os.path.realpath(f)) for f in files}):
        try:
            module = parse(path.read_bytes().decode("utf-8-sig", errors="replace"), str(path))
        except (OSError, FourDSyntaxError):
            continue
        ran = executed.get(str(path), {})
        coverage = FileCoverage(path)
        units = [(path.stem, 1, module.body)] if not module.members else []
        units += [(f"{path.stem}.{member.name}", member.line, member.body) for member in module.members]
        for name, line, body in units:
            lines = sorted(_statement_lines(body))
            for number in lines:
                coverage.lines[number] = ran.get(number, 0)
            hits = max((ran.get(number, 0) for number in lines), default=0)
            coverage.methods.append(MethodCoverage(name, line, lines, hits))
        report.append(coverage)
    return report


def _statement_lines(body: list) -> set[int]:
    lines = set()
    stack = list(body)
    while stack:
        node = stack.pop()
        if isinstance(node, _STATEMENTS):
            if not (isinstance(node, ast.VarDecl) and node.value is None):
                lines.add(node.line)
            for name in ("body", "orelse", "catch"):
                stack.extend(getattr(node, name, None) or ())
            if isinstance(node, ast.Case):
                lines.discard(node.line)      # "Case of" itself runs nothing: its conditions do
                for condition, branch in node.branches:
                    lines.add(condition.line)
                    stack.extend(branch)
    return lines


# ------------------------------------------------------------------ reports

def table(report: list[FileCoverage], root: Path) -> str:
    """Per file: statements, missed, line coverage, methods covered."""
    rows = [("file", "lines", "missed", "cover", "methods")]
    for item in report:
        rows.append((_relative(item.path, root), str(len(item.lines)), str(len(item.lines) - item.covered),
                     f"{item.line_rate:.0%}", f"{item.methods_covered}/{len(item.methods)}"))
    total_lines = sum(len(item.lines) for item in report)
    covered = sum(item.covered for item in report)
    methods = sum(len(item.methods) for item in report)
    rows.append(("TOTAL", str(total_lines), str(total_lines - covered),
                 f"{covered / total_lines if total_lines else 1:.0%}",
                 f"{sum(item.methods_covered for item in report)}/{methods}"))
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    lines = []
    for number, row in enumerate(rows):
        if number in (1, len(rows) - 1):
            lines.append("-" * (sum(widths) + 8))
        lines.append("  ".join(cell.ljust(w) if i == 0 else cell.rjust(w)
                               for i, (cell, w) in enumerate(zip(row, widths))))
    return "\n".join(lines)


def write_cobertura(report: list[FileCoverage], root: Path, path: str) -> None:
    """Cobertura XML (what CI services read): one class per 4D file, its methods and lines."""
    import xml.etree.ElementTree as ET

    total = sum(len(item.lines) for item in report)
    covered = sum(item.covered for item in report)
    top = ET.Element("coverage", {
        "line-rate": f"{covered / total if total else 1:.4f}", "branch-rate": "0",
        "lines-covered": str(covered), "lines-valid": str(total), "branches-covered": "0",
        "branches-valid": "0", "complexity": "0", "version": "fourd", "timestamp": str(int(time.time() * 1000))})
    ET.SubElement(ET.SubElement(top, "sources"), "source").text = str(root)
    package = ET.SubElement(ET.SubElement(top, "packages"), "package", {
        "name": root.name, "line-rate": top.get("line-rate"), "branch-rate": "0", "complexity": "0"})
    classes = ET.SubElement(package, "classes")
    for item in report:
        element = ET.SubElement(classes, "class", {
            "name": item.path.stem, "filename": _relative(item.path, root),
            "line-rate": f"{item.line_rate:.4f}", "branch-rate": "0", "complexity": "0"})
        methods = ET.SubElement(element, "methods")
        for method in item.methods:
            rate = sum(1 for n in method.lines if item.lines[n]) / len(method.lines) if method.lines else 1.0
            entry = ET.SubElement(methods, "method", {"name": method.name, "signature": "",
                                                      "line-rate": f"{rate:.4f}", "branch-rate": "0"})
            _lines_element(entry, {n: item.lines[n] for n in method.lines})
        _lines_element(element, item.lines)
    ET.ElementTree(top).write(path, encoding="utf-8", xml_declaration=True)


def _lines_element(parent, lines: dict[int, int]) -> None:
    import xml.etree.ElementTree as ET
    element = ET.SubElement(parent, "lines")
    for number in sorted(lines):
        ET.SubElement(element, "line", {"number": str(number), "hits": str(lines[number]), "branch": "false"})


def write_lcov(report: list[FileCoverage], path: str) -> None:
    """lcov tracefile (what editors' coverage gutters read)."""
    out = ["TN:fourd"]
    for item in report:
        out.append(f"SF:{item.path}")
        for method in item.methods:
            out.append(f"FN:{method.line},{method.name}")
        for method in item.methods:
            out.append(f"FNDA:{method.hits},{method.name}")
        out.append(f"FNF:{len(item.methods)}")
        out.append(f"FNH:{item.methods_covered}")
        for number in sorted(item.lines):
            out.append(f"DA:{number},{item.lines[number]}")
        out.append(f"LF:{len(item.lines)}")
        out.append(f"LH:{item.covered}")
        out.append("end_of_record")
    Path(path).write_text("\n".join(out) + "\n", encoding="utf-8")


def _relative(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)
