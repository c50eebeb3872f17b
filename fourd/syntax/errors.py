"""Syntax errors with positions, printed like a compiler does."""
from __future__ import annotations

import re

_LINE_ENDS = re.compile(r"\r\n|\r|\n")


class FourDSyntaxError(Exception):
    """A syntax error at ``path:line:column`` (1-based)."""

    def __init__(self, message: str, path: str, line: int, column: int, source: str = ""):
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.column = column
        self.source = source

    def source_line(self) -> str:
        # Split on the line ends the lexer counts (str.splitlines also splits on \f, \v…).
        lines = _LINE_ENDS.split(self.source)
        return lines[self.line - 1] if 0 < self.line <= len(lines) else ""

    def format(self) -> str:
        """``path:line:col: error: message``, the source line and a caret."""
        head = f"{self.path}:{self.line}:{self.column}: error: {self.message}"
        line = self.source_line()
        if not line:
            return head
        # Keep the caret under the right character even when tabs indent the line.
        caret = "".join(c if c == "\t" else " " for c in line[: self.column - 1]) + "^"
        return f"{head}\n    {line}\n    {caret}"

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"
