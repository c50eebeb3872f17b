"""The interactive prompt on prompt_toolkit (``fourd[repl]``): multi-line
editing of blocks, history in a file, tab completion, 4D colours.

Enter runs the entry when it is complete; inside an open block it adds a
line, re-indenting the one just typed (``End if`` moves out) and indenting
the next. Tab at the start of a line indents it; elsewhere it completes.
Output written while the prompt waits (callbacks of listeners…) appears
above the prompt (``patch_stdout``).
"""
from __future__ import annotations

import contextlib
import functools
import sys
from pathlib import Path

from prompt_toolkit import PromptSession
from prompt_toolkit.application import get_app
from prompt_toolkit.completion import Completer, Completion
from prompt_toolkit.filters import Condition
from prompt_toolkit.history import FileHistory, InMemoryHistory
from prompt_toolkit.key_binding import KeyBindings
from prompt_toolkit.patch_stdout import patch_stdout

from .completion import complete
from .entries import INDENT, indent_lines, needs_more
from .session import Session


class PromptReader:
    """Reads entries at an interactive terminal with prompt_toolkit."""

    interactive = True

    def __init__(self, session: Session, history: Path | None, prompt: str, continuation: str):
        self.prompt = prompt
        self._session = PromptSession(
            multiline=True,
            history=_history(history),
            prompt_continuation=lambda width, line_number, wrap_count: continuation.rjust(width),
            key_bindings=_key_bindings(),
            completer=_Completer(session),
            complete_while_typing=False,
            lexer=_lexer(),
        )

    def read_entry(self) -> str | None:
        """The next complete entry, or None at Ctrl-D."""
        while True:
            try:
                return self._session.prompt(self.prompt)
            except KeyboardInterrupt:     # Ctrl-C at the prompt: discard what was typed
                continue
            except EOFError:
                return None

    def output(self):
        """While the prompt waits, output from other threads goes above it."""
        return patch_stdout(raw=True)

    @contextlib.contextmanager
    def while_running(self):
        """While an entry runs no prompt is shown: output goes straight to the
        terminal, so that all of it is there before the next prompt."""
        patched = sys.stdout, sys.stderr
        sys.stdout.flush()
        sys.stdout, sys.stderr = getattr(sys.stdout, "original_stdout", sys.__stdout__), sys.__stderr__
        try:
            yield
        finally:
            sys.stdout.flush()
            sys.stdout, sys.stderr = patched

    def stop(self) -> None:
        """Close a prompt that is open (from any thread): read_entry returns None."""
        app = self._session.app
        if app.is_running and app.loop is not None:
            app.loop.call_soon_threadsafe(functools.partial(app.exit, exception=EOFError))


def _history(path: Path | None):
    """The history kept in *path*; in memory only when there is none."""
    return InMemoryHistory() if path is None else _KeptHistory(str(path))


class _KeptHistory(FileHistory):
    """A history file that cannot break the prompt: when it cannot be read or
    written (removed, full disk, lost permissions), the history of this session
    stays in memory, with one warning."""

    _warned = False

    def load_history_strings(self):
        try:
            yield from super().load_history_strings()
        except OSError as err:
            self._give_up(err)

    def store_string(self, string: str) -> None:
        if self._warned:
            return
        try:
            super().store_string(string)
        except OSError as err:
            self._give_up(err)

    def _give_up(self, err: OSError) -> None:
        if not self._warned:
            self._warned = True
            print(f"fourd: history not saved: {self.filename}: {err.strerror}", file=sys.stderr)


class _Completer(Completer):
    def __init__(self, session: Session):
        self._repl_session = session

    def get_completions(self, document, complete_event):
        fragment, names = complete(self._repl_session, document.text_before_cursor)
        for name in names:
            yield Completion(name, start_position=-len(fragment))


def _lexer():
    try:
        from prompt_toolkit.lexers import PygmentsLexer

        from .highlight import FourDLexer
    except ImportError:       # Pygments is optional: no colour then
        return None
    return PygmentsLexer(FourDLexer)


@Condition
def _at_line_start() -> bool:
    return not get_app().current_buffer.document.current_line_before_cursor.strip()


def _key_bindings() -> KeyBindings:
    bindings = KeyBindings()

    # Ctrl-J too: Enter typed ahead while a statement ran arrives as a line feed.
    @bindings.add("enter")
    @bindings.add("c-j")
    def _enter(event):
        buffer = event.current_buffer
        if buffer.complete_state is not None:
            buffer.complete_state = None          # keep the completion chosen with Tab
            return
        text = buffer.text
        editing_inside = buffer.cursor_position < len(text) and "\n" in text
        document = buffer.document
        line, indent = indent_lines(document.text_before_cursor)
        if "\n" in document.text_before_cursor:   # a line of a block: re-indented (End if moves out)
            buffer.delete_before_cursor(len(document.current_line_before_cursor))
            buffer.insert_text(line)
        if not editing_inside and not needs_more(buffer.text):
            buffer.validate_and_handle()
            return
        buffer.insert_text(f"\n{indent}")

    @bindings.add("tab", filter=_at_line_start)
    def _indent(event):
        event.current_buffer.insert_text(INDENT)

    return bindings
