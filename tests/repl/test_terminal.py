"""``fourd repl`` at a terminal, driven in a pseudo-terminal with pexpect.

The session's process is a real 4D process (Develop/processes.md,
Develop/async.md): between entries it serves its event loop, so a
4D.TCPListener created at the prompt (API/TCPListenerClass.md) answers
clients while the prompt waits, and its callbacks' output appears above
the prompt. Ctrl-C interrupts a running statement, Ctrl-D ends the
session and terminates the listeners (their onTerminate runs).

Every wait is bounded (TIMEOUT); clients connect to 127.0.0.1 only, on the
port the listener chose (port 0).
"""
import os
import re
import socket
import sys
from pathlib import Path

import pytest

pexpect = pytest.importorskip("pexpect")
pytest.importorskip("prompt_toolkit")

PROJECT = Path(__file__).parent / "project"
TIMEOUT = 20          # a bound on waiting for the screen, generous for a loaded CI machine
PROMPT = "4D>"              # prompt_toolkit draws the space after it as a cursor move
CONTINUATION = "..>"


CLI = "from fourd.cli import main; main(prog_name='fourd')"
WITHOUT_PROMPT_TOOLKIT = "import sys; sys.modules['prompt_toolkit'] = None; " + CLI


def spawn(history: Path, *args: str, code: str = CLI):
    env = dict(os.environ, TERM="xterm", NO_COLOR="1", FOURD_HISTORY=str(history),
               PROMPT_TOOLKIT_NO_CPR="1")    # pexpect cannot answer cursor position requests
    child = pexpect.spawn(sys.executable, ["-c", code, "repl", *args],
                          env=env, encoding="utf-8", timeout=TIMEOUT, dimensions=(40, 200))
    child.expect_exact(PROMPT)
    return child


@pytest.fixture
def start(tmp_path):
    children = []

    def start_repl(*args: str, code: str = CLI):
        child = spawn(tmp_path / "history", *args, code=code)
        children.append(child)
        return child

    yield start_repl
    for child in children:
        child.close(force=True)


def enter(child, *lines: str) -> None:
    """Type an entry, one line after the other, each followed by Enter."""
    for line in lines:
        child.send(line + "\r")


def shows(child, text: str) -> None:
    """The REPL printed *text* as a line (typed input is never directly
    followed by a line break: the prompt redraws it with escape codes)."""
    child.expect_exact(text + "\r\n")


def quit_repl(child) -> int:
    child.expect_exact(PROMPT)      # Ctrl-D is a key of the prompt, not of a running statement
    child.sendeof()
    child.expect(pexpect.EOF)
    child.close()
    return child.exitstatus


def test_a_block_continues_until_its_end_line(start):
    child = start()
    enter(child, "For ($i; 1; 3)")
    child.expect_exact(CONTINUATION)
    enter(child, 'ALERT("line "+String($i))')
    child.expect_exact(CONTINUATION)
    enter(child, "End for")
    for i in (1, 2, 3):
        shows(child, f"line {i}")
    enter(child, "$i*10")
    shows(child, "40")
    assert quit_repl(child) == 0


VALUES = [
    ('"Ada"', '"Ada"'),
    ("6*7", "42"),
    ("1<2", "True"),
    ("!2024-01-31!+1", "!2024-02-01!"),
    ("?01:00:00?", "?01:00:00?"),
    ("Null", "Null"),
    ("$nothing", "Undefined"),
    ('New object("a"; 1)', '{"a":1}'),
    ('New collection(1; "b")', '[1,"b"]'),
    ('cs.Person.new("Ada")', 'cs.Person {"name":"Ada"}'),
    ("4D.Blob.new()", "4D.Blob (0 bytes)"),
    ("Formula(1+1)", "Formula(1+1)"),
]


def test_values_are_shown_by_type(start):
    child = start(str(PROJECT))
    for entry, shown in VALUES:
        enter(child, entry)
        shows(child, shown)
    assert quit_repl(child) == 0


def test_statements_show_nothing_and_variables_persist(start):
    child = start()
    enter(child, "var $n : Integer")
    enter(child, "$n:=2.6")
    enter(child, "$n+100")
    shows(child, "103")
    quit_repl(child)


def test_an_error_does_not_end_the_session(start):
    child = start()
    enter(child, "1\\0")
    shows(child, "Error -20011 (4DRT): Division by zero")
    enter(child, "$x:=(1+")
    child.expect_exact("<input>:1:8: error: ")
    shows(child, "           ^")
    enter(child, "2+3")
    shows(child, "5")
    assert quit_repl(child) == 0


def test_ctrl_c_interrupts_an_endless_loop(start):
    child = start()
    enter(child, "$turns:=0", "While (True)", "$turns:=$turns+1", "If ($turns=1000)",
          'ALERT("spinning")', "End if", "End while")
    shows(child, "spinning")
    child.sendintr()
    shows(child, "Interrupted")
    enter(child, "$turns>0")        # the loop's work so far is kept
    shows(child, "True")
    assert quit_repl(child) == 0


def test_ctrl_c_at_the_prompt_discards_the_entry(start):
    child = start()
    child.send('ALERT("never")')
    child.sendintr()
    child.expect_exact(PROMPT)
    enter(child, '"still " + "here"')
    shows(child, '"still here"')
    quit_repl(child)


def test_a_listener_serves_clients_while_the_prompt_waits(start):
    child = start(str(PROJECT))
    enter(child, "$listener:=4D.TCPListener.new(0; cs.EchoServer.new())")
    enter(child, "$listener.port")
    child.expect(r"(\d{2,5})\r\n")
    port = int(child.match.group(1))
    with socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT) as client:
        client.sendall(b"hello")
        shows(child, "received 5 bytes")          # ALERT in onData, above the prompt
        assert client.recv(5) == b"hello"
    enter(child, "1+1")                            # the prompt still works
    shows(child, "2")
    child.expect_exact(PROMPT)
    child.sendeof()
    shows(child, "listener terminated")            # onTerminate ran at Ctrl-D
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_history_survives_a_restart(start, tmp_path):
    first = start()
    enter(first, "10+32")
    shows(first, "42")
    assert quit_repl(first) == 0
    assert "10+32" in (tmp_path / "history").read_text()
    second = start()
    second.send("\x1b[A")                          # Up: the previous session's entry
    second.send("\r")
    shows(second, "42")
    assert quit_repl(second) == 0


def test_help_lists_the_meta_commands(start):
    child = start()
    enter(child, ".help")
    child.expect(re.escape(".reset") + r".*" + re.escape(".quit"))
    enter(child, ".quit")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_without_prompt_toolkit_input_is_read_plainly(start):
    child = start(code=WITHOUT_PROMPT_TOOLKIT)
    enter(child, "If (True)")
    child.expect_exact(CONTINUATION + " ")       # plain prompts, spaces included
    enter(child, 'ALERT("plain")', "End if")
    shows(child, "plain")
    assert quit_repl(child) == 0
