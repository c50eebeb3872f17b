"""``fourd repl`` at a terminal keeps working whatever the environment and
the typing: an unusable history location, completion in member chains,
indentation typed by hand, values that JSON cannot show. Driven in a
pseudo-terminal with pexpect (bounded waits, as in test_terminal).
"""
import os
import sys
import time

import pytest

from .test_terminal import CLI, PROJECT, PROMPT, TIMEOUT, enter, quit_repl, shows

pexpect = pytest.importorskip("pexpect")
pytest.importorskip("prompt_toolkit")


@pytest.fixture
def spawn_with(tmp_path):
    """Start ``fourd repl`` with these environment variables changed (None: removed)."""
    children = []

    def spawn(*args: str, **changes):
        env = dict(os.environ, TERM="xterm", NO_COLOR="1", PROMPT_TOOLKIT_NO_CPR="1",
                   FOURD_HISTORY=str(tmp_path / "history"))
        for name, value in changes.items():
            if value is None:
                env.pop(name, None)
            else:
                env[name] = value
        child = pexpect.spawn(sys.executable, ["-c", CLI, "repl", *args], env=env, cwd=str(tmp_path),
                              encoding="utf-8", timeout=TIMEOUT, dimensions=(40, 200))
        children.append(child)
        return child

    yield spawn
    for child in children:
        child.close(force=True)


def history_entries(path) -> list[str]:
    """The entries of a prompt_toolkit history file (``+``-prefixed lines)."""
    entries, lines = [], []
    for line in path.read_text().splitlines():
        if line.startswith("+"):
            lines.append(line[1:])
        elif lines:
            entries.append("\n".join(lines))
            lines = []
    if lines:
        entries.append("\n".join(lines))
    return entries


@pytest.mark.parametrize("changes", [
    {"FOURD_HISTORY": "/proc/nope/hist"},
    {"FOURD_HISTORY": "", "XDG_STATE_HOME": "/proc/nope", "HOME": "/proc/nope"},
    {"FOURD_HISTORY": None, "XDG_STATE_HOME": None, "HOME": "/proc/nope"},
])
def test_an_unusable_history_location_means_no_history_and_one_warning(spawn_with, changes):
    child = spawn_with(**changes)
    child.expect_exact("fourd: history not saved: ")
    child.expect_exact(PROMPT)
    enter(child, "6*7")
    shows(child, "42")
    enter(child, "1+1")
    shows(child, "2")
    child.expect_exact(PROMPT)
    child.sendeof()
    rest = child.read()                   # to the end: Ctrl-D ended the session
    assert "history not saved" not in rest and "Traceback" not in rest
    child.close()
    assert child.exitstatus == 0


def complete_with_tab(child, typed: str, completed: str) -> None:
    """Type *typed* and Tab, and wait until the prompt shows *completed*
    (completion runs in the background: keys sent at once would overtake it)."""
    child.send(typed + "\t")
    child.expect_exact(completed)
    # The completion menu can show the candidate before it is inserted in the
    # line: give the insertion time before the next key (a loaded machine is slow).
    time.sleep(1)


def test_completion_after_an_element_of_a_collection(spawn_with):
    child = spawn_with()
    child.expect_exact(PROMPT)
    enter(child, '$people:=New collection(New object("surname"; "Lovelace"))')
    child.expect_exact(PROMPT)
    complete_with_tab(child, "$people[0].sur", "name")
    child.send("\r")
    shows(child, '"Lovelace"')
    assert quit_repl(child) == 0


def test_completion_of_built_in_classes_and_project_classes(spawn_with):
    child = spawn_with(str(PROJECT))
    child.expect_exact(PROMPT)
    complete_with_tab(child, "4D.Bl", "ob")
    child.send(".new()\r")
    shows(child, "4D.Blob (0 bytes)")
    complete_with_tab(child, "$ada:=cs.Per", "son")
    child.send('.new("Ada")\r')
    child.expect_exact(PROMPT)
    complete_with_tab(child, "$ada.gree", "ting")
    child.send("()\r")
    shows(child, '"Hello Ada"')
    complete_with_tab(child, "ALER", "T")
    child.send('("done")\r')
    shows(child, "done")
    assert quit_repl(child) == 0


def test_typed_indentation_is_not_doubled_and_end_lines_move_out(spawn_with, tmp_path):
    child = spawn_with()
    child.expect_exact(PROMPT)
    enter(child, "If (True)", '    ALERT("inside")', "  End if")
    shows(child, "inside")
    assert quit_repl(child) == 0
    assert history_entries(tmp_path / "history") == ['If (True)\n  ALERT("inside")\nEnd if']


def test_vars_shows_class_names_and_formulas_inside_collections(spawn_with):
    child = spawn_with(str(PROJECT))
    child.expect_exact(PROMPT)
    enter(child, '$mixed:=New collection(cs.Person.new("Ada"); Formula($1+1); New object("f"; Formula(2)))')
    child.expect_exact(PROMPT)
    enter(child, ".vars")
    shows(child, '$mixed : Variant = [cs.Person {"name":"Ada"}, Formula($1+1), {"f": Formula(2)}]')
    assert quit_repl(child) == 0
