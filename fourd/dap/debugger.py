"""Following 4D code as it runs: breakpoints, steps, pauses, variables.

A tracer follows only frames of compiled 4D code (their file name is a
registered unit, ``runtime.locations.UNITS``); a 4D line may span several
Python lines, so a stop happens when a frame reaches a *new* 4D line. A
stopped 4D process (a thread) waits until the client resumes it; meanwhile
the expressions the client evaluates run in that thread, where the 4D
process and its variables are. The ``TRACE`` command stops like a
breakpoint. On Python 3.11 the tracer is ``sys.settrace`` (and
``threading.settrace`` for workers); frames that are not 4D get no line
events. A run with nothing to stop at (no breakpoint, no error
breakpoint, no stop on entry, no ``TRACE`` in its sources) is not traced
at all: it runs at full speed, but breakpoints set once it runs are not
seen (:meth:`Debugger.needed`).
"""
from __future__ import annotations

import ctypes
import itertools
import os
import queue
import re
import sys
import threading
from dataclasses import dataclass, field

from fourd.commands import language
from fourd.runtime.arrays import Array4D
from fourd.runtime.errors import FourDError
from fourd.runtime.locations import UNITS
from fourd.runtime.process import current_process
from fourd.runtime.support import INTERPROCESS
from fourd.runtime.values import Blob4D, Coll, Obj

_TRACE_CODE = language.trace.__code__
_TRACE_CALL = re.compile(r"^\s*TRACE\b", re.IGNORECASE | re.MULTILINE)
#: Lines that declare rather than run: a stop there would show parameters not yet set.
_DECLARATION = re.compile(r"(#DECLARE|Function\b|Class constructor\b|(local |exposed |shared )*Function\b)",
                          re.IGNORECASE)
_LOCAL_PREFIX = "l_"


@dataclass
class Breakpoint:
    line: int
    condition: str = ""              # a 4D expression
    hit_condition: str = ""          # a number: stop from that hit on
    log_message: str = ""            # a logpoint: {expression} parts are evaluated
    hits: int = 0


@dataclass
class ThreadState:
    ident: int                       # the DAP thread id: 1 for the first 4D process, then 2…
    name: str
    mode: str | None = None          # "in", "over", "out", "pause" while stepping or pausing
    depth: int = 0                   # 4D depth where a step began
    frame: object = None             # the frame stopped in
    process: object = None
    commands: queue.Queue = field(default_factory=queue.Queue)


class Debugger:
    def __init__(self, on_stop, on_output):
        self.on_stop = on_stop           # (thread id, reason, description)
        self.on_output = on_output       # (category, text)
        self.breakpoints: dict[str, dict[int, Breakpoint]] = {}
        self.break_on_errors = False
        self.threads: dict[int, ThreadState] = {}      # DAP thread id -> state
        self._by_thread: dict[int, ThreadState] = {}   # Python thread ident -> state
        self._last_line: dict[object, int] = {}
        self._last_error = None
        self._real_paths: dict[str, str] = {}
        self._lock = threading.Lock()
        self.references = References()
        self.evaluate_hook = None        # (state, frame, source) -> value; set by the server

    # ------------------------------------------------------------ tracing
    def needed(self, sources, stop_on_entry: bool) -> bool:
        """Whether a run of the files *sources* can stop at all."""
        if stop_on_entry or self.break_on_errors or any(self.breakpoints.values()):
            return True
        for path in sources:
            try:
                if _TRACE_CALL.search(path.read_text(encoding="utf-8-sig", errors="replace")):
                    return True
            except OSError:
                continue
        return False

    def start(self) -> None:
        threading.settrace(self._global)
        sys.settrace(self._global)

    def stop(self) -> None:
        sys.settrace(None)
        threading.settrace(None)
        for state in list(self.threads.values()):
            state.commands.put(("continue", None))

    def _global(self, frame, event, arg):
        code = frame.f_code
        if code.co_filename in UNITS:
            return self._local
        if code is _TRACE_CODE:          # TRACE: stop at the 4D line that called it
            caller = _four_d_frame(frame.f_back)
            if caller is not None:
                self._stop(self._state(), caller, "pause", "TRACE")
        return None

    def _local(self, frame, event, arg):
        if event == "line":
            linemap = UNITS.get(frame.f_code.co_filename)
            line = linemap.line_for(frame.f_lineno) if linemap is not None else 0
            if line and self._last_line.get(frame) != line:
                self._last_line[frame] = line
                if not _DECLARATION.match(linemap.source_line(line)):   # parameters not set yet there
                    self._arrived(frame, linemap, line)
        elif event == "return":
            self._last_line.pop(frame, None)
        elif event == "exception" and self.break_on_errors:
            error = arg[1]
            if isinstance(error, FourDError) and error is not self._last_error:
                self._last_error = error
                self._stop(self._state(), frame, "exception", f"Error {error.code}: {error.message}")
        return self._local

    def _state(self) -> ThreadState:
        state = self._by_thread.get(threading.get_ident())
        return state if state is not None else self.new_thread()

    def new_thread(self, mode: str | None = None) -> ThreadState:
        """The state of the 4D process running on this thread (from its first 4D line)."""
        process = current_process()
        with self._lock:
            state = ThreadState(len(self.threads) + 1, f"{process.name} ({process.number})", mode=mode)
            self.threads[state.ident] = state
            self._by_thread[threading.get_ident()] = state
        return state

    def _arrived(self, frame, linemap, line: int) -> None:
        state = self._state()
        mode = state.mode
        if mode == "in" or mode == "pause":
            return self._stop(state, frame, "step" if mode == "in" else "pause")
        if mode in ("over", "out"):
            depth = _depth(frame)
            if depth < state.depth or (mode == "over" and depth == state.depth):
                return self._stop(state, frame, "step")
        path = self._real_paths.get(linemap.path)
        if path is None:
            path = self._real_paths[linemap.path] = os.path.realpath(linemap.path)
        found = self.breakpoints.get(path)
        breakpoint = found.get(line) if found else None
        if breakpoint is not None and self._should_stop(state, frame, breakpoint):
            self._stop(state, frame, "breakpoint")

    def _should_stop(self, state, frame, breakpoint: Breakpoint) -> bool:
        if breakpoint.condition and not self._quiet_evaluate(state, frame, breakpoint.condition):
            return False
        breakpoint.hits += 1
        if breakpoint.hit_condition.strip().isdigit() and breakpoint.hits < int(breakpoint.hit_condition):
            return False
        if breakpoint.log_message:
            self.on_output("console", self._interpolate(state, frame, breakpoint.log_message) + "\n")
            return False
        return True

    def _quiet_evaluate(self, state, frame, source: str):
        try:
            return self.evaluate_hook(state, frame, source)
        except Exception as exc:          # a condition that fails does not stop
            self.on_output("stderr", f"breakpoint condition {source!r}: {exc}\n")
            return False

    def _interpolate(self, state, frame, message: str) -> str:
        from fourd.repl.display import show
        parts = message.split("{")
        text = parts[0]
        for part in parts[1:]:
            expression, _, rest = part.partition("}")
            value = self._quiet_evaluate(state, frame, expression)
            text += (value if isinstance(value, str) else show(value)) + rest
        return text

    # ---------------------------------------------------------- stopping
    def _stop(self, state: ThreadState, frame, reason: str, description: str = "") -> None:
        """Wait here (in the 4D process's thread) until the client resumes."""
        state.frame, state.mode, state.process = frame, None, current_process()
        self.on_stop(state.ident, reason, description)
        while True:
            command, argument = state.commands.get()
            if command == "run":                 # evaluate for the client, still stopped
                argument()
                continue
            break
        state.frame = None
        self.references.clear()
        if command in ("in", "over", "out"):
            state.mode, state.depth = command, _depth(frame)

    def resume(self, ident: int, how: str = "continue") -> None:
        state = self.threads.get(ident)
        if state is not None and state.frame is not None:
            state.commands.put((how, None))

    def pause(self, ident: int) -> None:
        state = self.threads.get(ident)
        if state is not None and state.frame is None:
            state.mode = "pause"

    def run_in(self, state: ThreadState, job):
        """Run ``job()`` in the stopped thread of *state*; its result (or raise its exception)."""
        done = threading.Event()
        outcome = {}

        def wrapped():
            try:
                outcome["value"] = job()
            except BaseException as exc:     # shown to the client as the evaluation's error
                outcome["error"] = exc
            finally:
                done.set()
        state.commands.put(("run", wrapped))
        done.wait()
        if "error" in outcome:
            raise outcome["error"]
        return outcome.get("value")

    def stack(self, ident: int) -> list:
        """[(frame, 4D name, path, line)] of a stopped thread, innermost first."""
        state = self.threads.get(ident)
        frames = []
        frame = state.frame if state is not None else None
        while frame is not None:
            linemap = UNITS.get(frame.f_code.co_filename)
            if linemap is not None:
                name, path, line = linemap.where(frame.f_code.co_name, frame.f_lineno)
                if line:
                    frames.append((frame, name, path, line))
            frame = frame.f_back
        return frames


def _four_d_frame(frame):
    while frame is not None and frame.f_code.co_filename not in UNITS:
        frame = frame.f_back
    return frame


def _depth(frame) -> int:
    depth = 0
    while frame is not None:
        if frame.f_code.co_filename in UNITS:
            depth += 1
        frame = frame.f_back
    return depth


# ------------------------------------------------------------- variables

def frame_locals(frame) -> dict:
    """``{"$name": value}`` of a 4D frame."""
    return {"$" + name[len(_LOCAL_PREFIX):]: value for name, value in frame.f_locals.items()
            if name.startswith(_LOCAL_PREFIX)}


def set_frame_local(frame, name: str, value) -> None:
    """Give the 4D local *name* (``$x``) of *frame* a new value."""
    frame.f_locals[_LOCAL_PREFIX + name.lstrip("$")] = value
    ctypes.pythonapi.PyFrame_LocalsToFast(ctypes.py_object(frame), ctypes.c_int(0))


def children(value) -> list[tuple[str, object]] | None:
    """The named parts of an expandable value, or None."""
    if isinstance(value, Obj):
        return [(str(key), item) for key, item in dict.items(value)]
    if isinstance(value, (Coll, list)):
        return [(f"[{index}]", item) for index, item in enumerate(value)]
    if isinstance(value, Array4D):
        return [(f"{{{index}}}", item) for index, item in enumerate(value.items)]
    if isinstance(value, (bytearray, Blob4D)):
        data = bytes(value) if isinstance(value, bytearray) else bytes(value.data)
        return [("size", len(data))] + [(f"[{offset}]", data[offset:offset + 16].hex(" "))
                                         for offset in range(0, min(len(data), 1024), 16)]
    if isinstance(value, dict):
        return list(value.items())
    return None


class References:
    """DAP variablesReference numbers for the containers shown while stopped."""

    def __init__(self):
        self._numbers = itertools.count(1)
        self._items: dict[int, object] = {}

    def add(self, item) -> int:
        number = next(self._numbers)
        self._items[number] = item
        return number

    def get(self, number: int):
        return self._items.get(number)

    def clear(self) -> None:
        self._items.clear()


def interprocess() -> dict:
    return {"<>" + name: value for name, value in INTERPROCESS.items()}
