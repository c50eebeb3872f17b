"""``fourd repl`` with piped input runs it as a script: no prompt, values and
errors only, every entry runs even after an error, exit status 1 if one
failed. The end of the input ends the session as Ctrl-D does: listeners
are terminated and their onTerminate runs (API/TCPListenerClass.md,
Develop/async.md).
"""
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).parent / "project"
TIMEOUT = 20


def repl(stdin: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", "from fourd.cli import main; main(prog_name='fourd')",
                           "repl", *args], input=stdin, capture_output=True, text=True, timeout=TIMEOUT)


def test_values_and_output_without_prompts():
    result = repl('1+1\n$x:=2\n$x*10\nALERT("hi")\n')
    assert (result.stdout, result.stderr, result.returncode) == ("2\n20\nhi\n", "", 0)


def test_blocks_span_lines():
    result = repl('For ($i; 1; 3)\n  ALERT(String($i))\nEnd for\n$i\n')
    assert result.stdout == "1\n2\n3\n4\n"


def test_a_line_ending_in_a_backslash_continues():
    result = repl("$x:=1+\\\n41\n$x\n")
    assert result.stdout == "42\n"


def test_errors_do_not_stop_the_script_but_set_the_exit_status():
    result = repl('1\\0\n"after"\n')
    assert result.stdout == '"after"\n'
    assert result.stderr == "Error -20011 (4DRT): Division by zero\n    at line 1: 1\\0\n"
    assert result.returncode == 1


def test_errors_name_the_line_of_the_input_where_they_happened():
    result = repl('1+1\n\nIf (True)\n  $y:=1\\0\nEnd if\n$z:=)\n')
    assert result.stdout == "2\n"
    assert "Error -20011 (4DRT): Division by zero\n    at line 4: $y:=1\\0\n" in result.stderr
    assert "<stdin>:6:5: error: " in result.stderr
    assert result.returncode == 1


def test_an_unfinished_block_at_the_end_is_an_error():
    result = repl("If (True)\n  ALERT(\"never\")\n")
    assert result.stdout == ""
    assert result.stderr.startswith("<stdin>:") and ": error: " in result.stderr
    assert result.returncode == 1


def test_meta_commands(tmp_path):
    script = tmp_path / "setup.4dm"
    script.write_text("var $n : Integer\n$n:=7\n")
    result = repl(f".load {script}\n.vars\n.help\n")
    assert result.stdout.startswith("$n : Integer = 7\n")
    assert ".load FILE" in result.stdout and ".quit" in result.stdout
    assert result.returncode == 0


def test_reset_forgets_variables():
    result = repl("$x:=1\n.reset\n$x\n")
    assert result.stdout == "Variables forgotten, project reloaded.\nUndefined\n"


def test_unknown_meta_command_is_an_error():
    result = repl(".frobnicate\n")
    assert "unknown command .frobnicate" in result.stderr
    assert result.returncode == 1


def test_quit_stops_reading():
    result = repl('ALERT("one")\n.quit\nALERT("two")\n')
    assert result.stdout == "one\n"


def test_the_project_is_loaded_and_listeners_are_terminated_at_the_end():
    result = repl('$l:=4D.TCPListener.new(0; cs.EchoServer.new())\n$l.port>0\n', str(PROJECT))
    assert result.stdout == "True\nlistener terminated\n"
    assert result.returncode == 0
