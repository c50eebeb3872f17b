"""Fixtures of the compiler tests: ``fourd``, a scratch 4D project (from the
conformance tests), and ``python_of``, the Python source the code generator
writes for a method (to check which path a construct compiles to)."""
import textwrap

import pytest

from conformance.conftest import FourDProject
from fourd.compiler.codegen import UnitCompiler
from fourd.compiler.types import Scope
from fourd.syntax import ast
from fourd.syntax.parser import parse


@pytest.fixture
def fourd(tmp_path) -> FourDProject:
    return FourDProject(tmp_path)


def python_source(source: str) -> str:
    """The Python code of *source* compiled as a method named ``m``."""
    source = textwrap.dedent(source)
    module = parse(source, "<test>")
    unit = UnitCompiler("<test>", source, "m")
    declare = next((s for s in module.body if isinstance(s, ast.Declare)), None)
    unit.function("__method", Scope("m", "method"), [], None, module.body, 1, declare)
    return "\n".join(unit.out)


@pytest.fixture
def python_of():
    return python_source
