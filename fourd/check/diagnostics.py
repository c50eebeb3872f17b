"""One diagnostic of ``fourd check``, and the formats it is written in."""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    path: str
    line: int
    column: int
    severity: str            # ERROR or WARNING
    message: str
    code: str                # the family: unknown-command, argument-count…
    detail: str = ""         # lines shown under the text form (a syntax error's source line and caret)

    def sort_key(self):
        return self.path, self.line, self.column, self.code

    def text(self) -> str:
        """``path:line:col: error|warning: message [code]`` (as compilers write)."""
        head = f"{self.path}:{self.line}:{self.column}: {self.severity}: {self.message} [{self.code}]"
        return f"{head}\n{self.detail}" if self.detail else head

    def github(self) -> str:
        """A GitHub Actions workflow command: an annotation on the file's line."""
        message = _github_escape(f"{self.message} [{self.code}]", data=True)
        return (f"::{self.severity} file={_github_escape(self.path)},line={self.line},"
                f"col={self.column},title=fourd check {self.code}::{message}")


def _github_escape(text: str, data: bool = False) -> str:
    """Workflow commands escape %, CR, LF (and , : in properties)."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if not data:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


FORMATS = ("text", "github", "json")


def render(diagnostics: list[Diagnostic], fmt: str) -> str:
    """Every diagnostic in *fmt* (``text``, ``github`` or ``json``)."""
    if fmt == "json":
        return json.dumps([asdict(d) for d in diagnostics], indent=1)
    return "\n".join(d.github() if fmt == "github" else d.text() for d in diagnostics)


def summary(diagnostics: list[Diagnostic], files: int) -> str:
    """``N files checked, ok`` or how many files have errors, and the warnings."""
    with_errors = len({d.path for d in diagnostics if d.severity == ERROR})
    warnings = sum(d.severity == WARNING for d in diagnostics)
    parts = [f"{with_errors} with errors"] if with_errors else []
    parts += [f"{warnings} warning{'s' if warnings != 1 else ''}"] if warnings else []
    return f"{files} file{'s' if files != 1 else ''} checked, {', '.join(parts) or 'ok'}"
