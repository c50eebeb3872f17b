"""What stops compiling: a construct that parses but cannot be compiled,
reported to users as the syntax error it is for them."""
from __future__ import annotations

from contextlib import contextmanager

from fourd.syntax.errors import FourDSyntaxError


class CompileError(Exception):
    """A construct that parses but cannot be compiled (reported like a syntax error)."""

    def __init__(self, message: str, node):
        super().__init__(message)
        self.line = getattr(node, "line", 0)
        self.column = getattr(node, "column", 0)


class Position:
    """A source position for a CompileError that has no AST node at hand."""

    def __init__(self, line: int, column: int):
        self.line, self.column = line, column


class NotCallbackForm(Exception):
    """A formula has no callback form (UnitCompiler.callback_function)."""


@contextmanager
def syntax_errors(path: str, source: str):
    """Report a :class:`CompileError` as the syntax error it is for users."""
    try:
        yield
    except CompileError as err:
        raise FourDSyntaxError(str(err), path, err.line, err.column, source) from None
    except RecursionError:
        raise FourDSyntaxError("this code is nested too deeply for fourd to compile", path, 1, 1, source) from None
