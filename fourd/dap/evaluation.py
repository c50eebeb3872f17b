"""4D expressions evaluated in a stopped frame (watch, debug console,
breakpoint conditions, logpoints, setVariable).

The expression is compiled as a REPL entry is (``repl.session``): its
local variables are loaded from the frame, and those it assigns are
written back to the frame, so ``$count:=0`` typed in the console changes
the program's ``$count``.
"""
from __future__ import annotations

from fourd.repl.session import Session
from fourd.runtime import host
from fourd.runtime.process import current_process

from .debugger import set_frame_local

_PATH = "<debug console>"
_MISSING = object()


class FrameEntries(Session):
    """A REPL session whose variables are a stopped frame's locals."""

    def __init__(self, frame):          # no project to load: the running one is used
        self.project_path = None
        self.project = host.current_host()
        self.process = current_process()
        self.values = {name[2:]: value for name, value in frame.f_locals.items() if name.startswith("l_")}
        self.types = {}
        self.spellings = {}


def evaluate(frame, source: str):
    """The value of *source* (a 4D expression or statement) in *frame*."""
    entries = FrameEntries(frame)
    before = dict(entries.values)
    entry, _ = entries.compile(source, _PATH)
    value = entry(frame.f_locals.get("this"))
    for name, new in entries.values.items():
        if before.get(name, _MISSING) is not new:
            set_frame_local(frame, name, new)
    return value
