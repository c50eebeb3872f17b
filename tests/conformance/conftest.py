"""Run 4D source through the real pipeline (parser, compiler, runtime).

The ``fourd`` fixture is a scratch 4D project: tests add methods and
classes to it as ``.4dm`` files, then run 4D code as a project method and
look at what it returned and what it showed with ``ALERT``::

    def test_something(fourd):
        fourd.cls("Person", "property name : Text")
        result = fourd.run('''
            var $p:=cs.Person.new()
            ALERT("hi")
            return $p.name''')
        assert result.value == "" and result.output == ["hi"]

Values come back as Python values with collections as lists and objects as
dicts (:func:`py`), so tests compare them with literals.
"""
from __future__ import annotations

import contextlib
import io
import textwrap
from dataclasses import dataclass
from pathlib import Path

from scratch_project import ScratchProject

import pytest

from fourd.runtime.errors import FourDError
from fourd.runtime.process import Process, current_process, global_state, set_current_process
from fourd.loader import Project
from fourd.runtime.locations import with_location
from fourd.runtime.values import Coll, Obj
from fourd.syntax.errors import FourDSyntaxError


def py(value):
    """A 4D value with collections as lists and plain objects as dicts."""
    if type(value) is Coll:
        return [py(v) for v in value]
    if type(value) is Obj and value.cls is None:
        return {k: py(v) for k, v in value.items()}
    return value


@dataclass
class Run:
    value: object          # what the method returned (converted by py())
    raw: object            # the same, as the 4D value
    output: list           # lines written by ALERT


class FourDProject(ScratchProject):
    """A temporary 4D project (``Project/Sources/{Methods,Classes}``)."""

    def __init__(self, root: Path):
        super().__init__(root)
        self.runs = 0

    def run(self, source: str, *args, scheduled: bool = False) -> Run:
        """Run *source* as a new project method (``main1``, ``main2``…) in a
        fresh process; a 4D error it does not catch is raised (located).

        With *scheduled*, the method runs as the main process of the
        scheduler, which returns once every process it started has ended.
        """
        self.runs += 1
        path = self.method(f"main{self.runs}", source)
        project = Project.for_path(path).activate()
        method = project.method(path.stem)
        previous = current_process()
        global_state.error_handler = ""
        out = io.StringIO()
        outcome = []

        def main():
            try:
                outcome.append(method(None, *args))
            except Exception as exc:
                outcome.append(exc)

        try:
            with contextlib.redirect_stdout(out):
                if scheduled:
                    from fourd.runtime.scheduler import run_main
                    run_main(main)
                else:
                    set_current_process(Process())
                    main()
        finally:
            set_current_process(previous)
            global_state.error_handler = ""
        self.last_output = out.getvalue().splitlines()
        result = outcome[0]
        if isinstance(result, FourDSyntaxError):
            raise result
        if isinstance(result, Exception):
            raise with_location(result) from None
        return Run(py(result), result, self.last_output)

    def value(self, expression: str, prelude: str = ""):
        """The value of one 4D expression (after optional statements)."""
        return self.run(f"{textwrap.dedent(prelude)}\nreturn {expression}").value

    def alerts(self, source: str, *args) -> list:
        return self.run(source, *args).output

    def error(self, source: str, *args) -> FourDError:
        """The 4D error that *source* raises (uncaught)."""
        with pytest.raises(FourDError) as info:
            self.run(source, *args)
        return info.value


@pytest.fixture
def fourd(tmp_path) -> FourDProject:
    return FourDProject(tmp_path)
