"""The REPL's terminal side, and how entries reach the 4D main process.

Two threads:

* the main thread runs the 4D main process (``scheduler.run_main``). Each
  entry is posted to it as a message, as ``CALL WORKER(1; …)`` would post
  it, and runs there; between entries the process serves its event loop,
  so listeners, connections and messages from workers are served while the
  prompt waits;
* the input thread reads entries -- with prompt_toolkit at a terminal,
  with ``input()`` when prompt_toolkit is not installed, line by line from
  a pipe -- and waits for each to run before reading the next.

Ctrl-C while an entry runs raises ``InterruptRequest`` into it (the main
thread's SIGINT handler), even in ``While (True)``; at the prompt it
discards the entry being typed. Ctrl-D, ``.quit`` or the end of piped
input end the session as SIGTERM does: listeners and connections are
terminated (their ``onTerminate`` runs), then ``run_main`` returns.

Piped input runs as a script: no prompt, no colour, only values and errors;
every entry runs even after an error (as Python does), and the exit status
is 1 if one failed.
"""
from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from fourd.runtime.errors import InterruptRequest
from fourd.runtime.formula import Formula
from fourd.runtime.process import current_process
from fourd.runtime.scheduler import attach, call_worker, detach, request_shutdown, run_main

from .entries import META_PREFIX, meta_command, needs_more
from .session import Session

PROMPT = "4D> "
#: The path that errors of piped entries name, with the line of the input.
SCRIPT_PATH = "<stdin>"
CONTINUATION = "..> "
#: Seconds to wait for the input thread once the main process has ended.
JOIN_TIMEOUT = 2.0

META_COMMANDS = {
    "help": ("", "list these commands"),
    "load": (" FILE", "run a .4dm file in the session"),
    "vars": ("", "list the variables with their types and values"),
    "reset": ("", "forget every variable, reload the project's methods and classes"),
    "quit": ("", "end the session (also Ctrl-D); listeners and connections are terminated"),
}
KEYS_HELP = """\
A block (If, For, Case of, Try…) continues until its End line; so does a line ending in \\.
An expression alone shows its value. Tab completes names, $variables, cs. and properties.
Ctrl-C interrupts a running statement, or discards the entry being typed."""


def run_repl(project: Path | None = None) -> int:
    """``fourd repl [PROJECT]``: run the session; its exit status."""
    session = Session(project)
    reader = make_reader(session)
    repl = Repl(session, reader)
    with reader.output():
        if reader.interactive:
            print(banner(session))
        status = run_main(repl.start)
        repl.close()
    return status


def make_reader(session: Session):
    if not sys.stdin.isatty():
        return LineReader(prompts=False)
    try:
        from .prompt import PromptReader
    except ImportError:
        return LineReader(prompts=True)
    return PromptReader(session, history_path(), PROMPT, CONTINUATION)


def history_path() -> Path | None:
    """``$FOURD_HISTORY``, else ``$XDG_STATE_HOME/fourd/history``, else
    ``~/.fourd_history``; None (history in memory only, with one warning on
    stderr) when that file cannot be written or there is no home."""
    try:
        override = os.environ.get("FOURD_HISTORY")
        state = os.environ.get("XDG_STATE_HOME")
        if override:
            path = Path(override)
        elif state:
            path = Path(state) / "fourd" / "history"
            path.parent.mkdir(parents=True, exist_ok=True)
        else:
            path = Path.home() / ".fourd_history"
        with open(path, "a", encoding="utf-8"):
            pass
        return path
    except (OSError, RuntimeError) as err:    # RuntimeError: Path.home() without a home
        reason = getattr(err, "strerror", None) or str(err)
        where = f"{err.filename}: " if getattr(err, "filename", None) else ""
        print(f"fourd: history not saved: {where}{reason}", file=sys.stderr)
        return None


def banner(session: Session) -> str:
    try:
        release = version("fourd")
    except PackageNotFoundError:
        release = "(development)"
    where = f"Project {session.project_path}. " if session.project_path is not None else ""
    return f"fourd {release}: 4D at the prompt. {where}Type {META_PREFIX}help for help."


def help_text() -> str:
    lines = [f"  {META_PREFIX + name + usage:<12} {text}" for name, (usage, text) in META_COMMANDS.items()]
    return "\n".join(lines) + "\n" + KEYS_HELP


class LineReader:
    """Reads entries line by line: from a pipe (no prompts), or with ``input()``
    at a terminal when prompt_toolkit is not installed (Ctrl-C then only
    interrupts running statements)."""

    def __init__(self, prompts: bool):
        self.interactive = prompts
        self.lines_read = 0
        self.entry_line = 1        # the line of the input where the last entry begins

    def read_entry(self) -> str | None:
        """The next complete entry (a block takes several lines), or None at the end."""
        lines: list[str] = []
        self.entry_line = self.lines_read + 1
        while True:
            line = self._read_line(CONTINUATION if lines else PROMPT)
            if line is None:       # the end inside a block: run it, its error shows
                return "\n".join(lines) if lines else None
            self.lines_read += 1
            lines.append(line)
            entry = "\n".join(lines)
            if not needs_more(entry):
                return entry

    def _read_line(self, prompt: str) -> str | None:
        if not self.interactive:
            line = sys.stdin.readline()
            return line.rstrip("\r\n") if line else None
        try:
            return input(prompt)
        except EOFError:
            print()
            return None

    def output(self):
        return contextlib.nullcontext()

    def while_running(self):
        return contextlib.nullcontext()

    def stop(self) -> None:
        """Nothing to close: ``input()`` cannot be cancelled (the thread is a daemon)."""


class Repl:
    """Links the input thread and the 4D main process for one session."""

    def __init__(self, session: Session, reader):
        self.session = session
        self.reader = reader
        self.failed = False               # an entry ended with an error (script exit status)
        self._runtime = None
        self._input: threading.Thread | None = None
        self._interruptible = False       # an entry is running: Ctrl-C interrupts it
        self._posted = False              # an entry is on its way to the process...
        self._cancelled = False           # ... and Ctrl-C came before it started
        self._quitting = False

    # -------------------------------------------- in the main 4D process
    def start(self) -> None:
        """The main process's method: stay alive, and start reading entries."""
        # Alive (an asynchronous object of the process) until the session ends.
        self._runtime = attach(self)
        self.session.process = current_process()
        if self.reader.interactive:
            signal.signal(signal.SIGINT, self._on_sigint)   # run_main restores its own at the end
        self._input = threading.Thread(target=self._read_entries, name="REPL input", daemon=True)
        self._input.start()

    def terminate_for_exit(self) -> None:
        """The session ends (Ctrl-D, .quit, end of input, SIGTERM)."""
        self._quitting = True
        self.reader.stop()
        detach(self._runtime, self)

    def abandon(self) -> None:
        """Nothing to close at once: the reader is a daemon thread."""

    def _on_sigint(self, signum, frame) -> None:
        if self._interruptible:
            raise InterruptRequest("Ctrl-C")
        if self._posted:
            self._cancelled = True
        elif self._quitting:              # Ctrl-C while listeners close: exit at once
            os._exit(128 + signum)

    def _job(self, action, outcome: list, done: threading.Event) -> None:
        try:
            with self.reader.while_running():
                try:
                    try:
                        self._interruptible = True
                        self._posted = False
                        if self._cancelled:
                            raise InterruptRequest("Ctrl-C")
                        outcome.append(action())
                    finally:
                        self._interruptible = False
                except InterruptRequest:
                    print("Interrupted", file=sys.stderr)
        finally:
            done.set()

    # ----------------------------------------------- in the input thread
    def _in_process(self, action) -> bool:
        """Run ``action()`` as a message to the main process and wait for it.
        Returns whether it succeeded: it did not return False, nor was interrupted."""
        outcome: list = []
        done = threading.Event()
        job = Formula(lambda this: self._job(action, outcome, done))
        self._posted, self._cancelled = True, False
        try:
            self._runtime.loop.call_soon_threadsafe(call_worker, 1, job)
        except RuntimeError:              # the main process has ended
            return False
        done.wait()
        ok = bool(outcome) and outcome[0] is not False
        self.failed = self.failed or not ok
        return ok

    def _read_entries(self) -> None:
        try:
            while not self._quitting:
                entry = self.reader.read_entry()
                if entry is None or not self._handle(entry):
                    break
        finally:
            request_shutdown(1 if self.failed and not self.reader.interactive else 0)

    def _handle(self, entry: str) -> bool:
        """Run an entry or a meta command; False ends the session."""
        if not entry.strip():
            return True
        meta = meta_command(entry)
        if meta is None:
            if self.reader.interactive:
                self._in_process(lambda: self.session.run(entry))
            else:
                # A script's errors name the line of the input: the entry is
                # compiled where it stands, after as many empty lines.
                source = "\n" * (self.reader.entry_line - 1) + entry
                self._in_process(lambda: self.session.run(source, SCRIPT_PATH))
            return True
        name, argument = meta
        if name == "quit":
            return False
        if name == "help":
            print(help_text())
        elif name == "load" and argument:
            self._in_process(lambda: self.session.run_file(Path(argument)))
        elif name == "vars":
            self._in_process(lambda: print(self.session.describe_variables()))
        elif name == "reset":
            if self._in_process(self.session.reset):
                print("Variables forgotten, project reloaded.")
        else:
            if name in META_COMMANDS:     # .load without its FILE
                print(f"usage: {META_PREFIX}{name}{META_COMMANDS[name][0]}", file=sys.stderr)
            else:
                print(f"unknown command {META_PREFIX}{name}: {META_PREFIX}help lists them", file=sys.stderr)
            self.failed = True
        return True

    # ------------------------------------------------------------ the end
    def close(self) -> None:
        """After run_main: let the input thread finish (and its prompt close)."""
        thread = self._input
        if thread is None:
            return
        thread.join(JOIN_TIMEOUT)
        if thread.is_alive():
            self.reader.stop()
            thread.join(JOIN_TIMEOUT)
