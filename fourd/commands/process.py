"""Process and worker commands (Develop/processes.md), on ``runtime.scheduler``.

``CALL WORKER``, ``KILL WORKER``, ``New process``, ``DELAY PROCESS``,
``Current process``, ``Current process name``, ``Process activity``,
``Process info``, ``Process state``, ``Process number`` and ``New signal``.
"""
from __future__ import annotations

from fourd.api.signal import new_signal as _new_signal
from fourd.commands.arguments import ANY, LONGINT, REAL, TEXT, command_with, incompatible
from fourd.commands.registry import STAR, command
from fourd.runtime import scheduler
from fourd.runtime.formula import Formula
from fourd.runtime.process import current_process
from fourd.runtime.values import UNDEFINED, is_number


def _process_reference(command_name: str, value):
    """A process given by name (Text) or number, or None once error 54 was signalled."""
    if type(value) is str:
        return value
    if is_number(value) and value == value:
        return int(value)
    incompatible(command_name, "a process name or number is expected")
    return None


def _is_callable(value) -> bool:
    """A formula object or a project method name."""
    return isinstance(value, Formula) or type(value) is str


@command("CALL WORKER")
def call_worker(process=UNDEFINED, formula=UNDEFINED, *params):
    """CALL WORKER(process; formula {; param…}) (call-worker.md).

    Like a number that is no process, an empty or undefined name (a variable
    never assigned) does nothing.
    """
    if process is UNDEFINED or process == "":
        return
    target = _process_reference("CALL WORKER", process)
    if target is None:
        return
    if not _is_callable(formula):
        incompatible("CALL WORKER", "a formula or a method name is expected")
        return
    scheduler.call_worker(target, formula, params)


@command_with("KILL WORKER", ANY)
def kill_worker(process=UNDEFINED):
    """KILL WORKER {(process)} (kill-worker.md): the current worker when omitted."""
    if process is UNDEFINED:
        scheduler.kill_worker()
        return
    target = _process_reference("KILL WORKER", process)
    if target is not None:
        scheduler.kill_worker(target)


@command("New process")
def new_process(method=UNDEFINED, stack=UNDEFINED, name="", *params) -> int:
    """New process(method; stack {; name {; param…}} {; *}) -> number (new-process.md).

    The stack size is accepted and ignored (a process is a thread).
    """
    unique = bool(params) and params[-1] is STAR
    if unique:
        params = params[:-1]
    elif name is STAR:
        unique, name = True, ""
    if not _is_callable(method) or not is_number(stack) or type(name) is not str:
        incompatible("New process", "New process(method; stack {; name {; param…}} {; *})")
        return 0
    return scheduler.new_process(method, name, params, unique)


@command_with("DELAY PROCESS", LONGINT, REAL)
def delay_process(process: int, duration: float):
    """DELAY PROCESS(process; ticks) (delay-process.md): callbacks of the delayed process run meanwhile."""
    scheduler.delay_process(process, duration)


@command_with("Current process")
def current_process_number() -> int:
    return current_process().number


@command_with("Current process name")
def current_process_name() -> str:
    return current_process().name


@command_with("Process activity", ANY, ANY)
def process_activity(session=UNDEFINED, options=UNDEFINED):
    """Process activity: ``{processes}``; the session parameters are for 4D Server only."""
    return scheduler.process_activity()


@command_with("Process info", LONGINT)
def process_info(process: int):
    return scheduler.process_info(process)


@command_with("Process state", LONGINT)
def process_state(process: int) -> int:
    return scheduler.process_state(process)


@command_with("Process number", TEXT, star=True)
def process_number(name: str, *, star: bool = False) -> int:
    """Process number(name {; *}); ``*`` (a server's process) changes nothing locally."""
    return scheduler.process_number(name)


@command_with("New signal", TEXT)
def new_signal(description: str = ""):
    return _new_signal(description)
