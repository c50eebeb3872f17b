"""Entries of a REPL session, run in this thread's process (fourd.repl.session).

Pages: Concepts/variables.md (var, types), cf_looping.md (For counters,
"when the counter variable passes the End_Expression value, the loop
stops"), commands/formula.md ("If formulaExp uses local variables, their
values are copied ... when it is created"), error-handling.md (Try, error
codes), Concepts/classes.md (cs.), methods.md (project methods).
"""
from pathlib import Path

import pytest

from fourd.repl.session import Session
from fourd.runtime.process import current_process

PROJECT = Path(__file__).parent / "project"


@pytest.fixture
def session():
    current_process().vars.clear()
    return Session(PROJECT)


@pytest.fixture
def run(session, capsys):
    """Run entries; return what the last one printed: (stdout, stderr)."""
    def run_entries(*entries):
        for entry in entries:
            capsys.readouterr()
            session.run(entry)
        out, err = capsys.readouterr()
        return out.rstrip("\n"), err.rstrip("\n")
    return run_entries


def test_an_expression_shows_its_value(run):
    assert run("1+41") == ("42", "")
    assert run('"a"+"b"') == ('"ab"', "")
    assert run("Null") == ("Null", "")
    assert run("$never") == ("Undefined", "")


def test_statements_show_nothing_but_their_output(run):
    assert run("$x:=5") == ("", "")
    assert run("var $t : Text") == ("", "")
    assert run('ALERT("hi")') == ("hi", "")


def test_function_commands_show_their_result_even_null(run):
    assert run('JSON Parse("null")') == ("Null", "")
    assert run("String(12)") == ('"12"', "")


def test_local_variables_keep_their_values_between_entries(run):
    assert run("$x:=5", "$x+1") == ("6", "")
    assert run('$o:=New object("a"; 1)', "$o.b:=2", "$o") == ('{"a":1,"b":2}', "")


def test_declared_types_persist(run):
    assert run("var $n : Integer", "$n:=2.7", "$n") == ("3", "")
    assert run("Type($n)") == ("9", "")             # Is longint
    assert run("var $d : Date", "$d") == ("!00-00-00!", "")


def test_var_again_redeclares(run):
    run("var $v : Integer", "$v:=4")
    assert run("var $v : Text", "$v") == ('""', "")
    assert run('$v:="now text"', "$v") == ('"now text"', "")


def test_legacy_declarations_persist(run):
    assert run("C_TEXT($legacy)", "Type($legacy)") == ("2", "")     # Is text
    _, err = run("$legacy:=12")
    assert err.startswith("Error 54 (4DRT)")       # a Real cannot go into the Text


def test_for_loop_counters_and_totals_persist(run):
    run("var $sum : Real", "For ($i; 1; 4)\n  $sum:=$sum+$i\nEnd for")
    assert run("$sum") == ("10", "")
    assert run("$i") == ("5", "")                  # the counter passed the end value


def test_formulas_keep_the_locals_they_captured(run):
    run("$k:=10", "$f:=Formula($k*2)", "$k:=100")
    assert run("$f.call()") == ("20", "")
    assert run("$f") == ("Formula($k*2)", "")


def test_process_variables_persist(run):
    assert run("total:=3", "total*2") == ("6", "")


def test_pointers_to_locals_work_within_an_entry(run):
    assert run("$v:=1\n$p:=->$v\n$p->:=3\n$v") == ("3", "")


def test_an_error_is_shown_and_the_session_goes_on(run, session):
    assert run("1\\0") == ("", "Error -20011 (4DRT): Division by zero")
    assert run("2+2") == ("4", "")
    assert session.run("1\\0") is False
    assert session.run("2+2") is True


def test_an_error_names_its_line_in_a_block(run):
    _, err = run("$a:=1\nIf (True)\n  $b:=1\\0\nEnd if")
    assert err == "Error -20011 (4DRT): Division by zero\n    at line 3: $b:=1\\0"
    assert run("$a") == ("1", "")                   # what ran before the error is kept


def test_errors_can_be_caught_with_try(run):
    assert run("Try\n  $z:=1\\0\nCatch\n  $code:=Last errors[0].errCode\nEnd try", "$code") == ("-20011", "")


def test_a_syntax_error_shows_the_caret(run, session):
    _, err = run("$x:=(1+")
    assert err.startswith("<input>:1:8: error: ")   # the parser's message, then line and caret
    assert err.endswith("\n    $x:=(1+\n           ^")
    assert session.run("$x:=(1+") is False


def test_class_functions_cannot_be_declared_at_the_prompt(run):
    _, err = run("Function f\n$x:=1")
    assert "class functions belong in a class file" in err


def test_project_methods_and_classes_are_loaded(run):
    assert run("double(21)") == ("42", "")
    assert run('cs.Person.new("Ada")') == ('cs.Person {"name":"Ada"}', "")
    assert run('cs.Person.new("Ada").greeting()') == ('"Hello Ada"', "")


def test_an_error_in_a_method_names_the_method(run):
    _, err = run("divide(0)")
    assert err.startswith("Error -20011 (4DRT): Division by zero\n    in divide (")
    assert err.endswith("divide.4dm:3)")


def test_vars_lists_variables_with_types_and_values(run, session):
    run("var $count : Integer", "$count:=3", '$name:="Ada"', "visits:=2")
    listing = session.describe_variables().splitlines()
    assert "$count : Integer = 3" in listing
    assert '$name : Variant = "Ada"' in listing
    assert "visits = 2" in listing


def test_reset_forgets_every_variable(run, session):
    run("var $count : Integer", "$count:=3", "visits:=2")
    session.reset()
    assert run("$count") == ("Undefined", "")
    assert run("visits") == ("Undefined", "")
    assert session.describe_variables() == "(no variables)"


def test_a_loaded_file_runs_in_the_session_without_showing_values(tmp_path, session, capsys):
    script = tmp_path / "setup.4dm"
    script.write_text('var $greeting : Text\n$greeting:="hello"\n$greeting+" world"\n')
    assert session.run_file(script) is True
    assert capsys.readouterr().out == ""
    session.run("$greeting")
    assert capsys.readouterr().out == '"hello"\n'


def test_a_missing_file_is_reported(tmp_path, session, capsys):
    assert session.run_file(tmp_path / "missing.4dm") is False
    assert "Cannot read" in capsys.readouterr().err
