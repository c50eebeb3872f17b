"""``fourd run`` end to end: a .4dm file with arguments, a project folder
(onStartup database method or --method), exit statuses (0 success, 1 a 4D
or syntax error, 2 usage), errors reported on stderr with file:line and
the 4D error code, and no Python traceback unless --debug."""
import subprocess
import sys
import textwrap

import pytest


def fourd_run(*args, timeout=60):
    return subprocess.run([sys.executable, "-m", "fourd", "run", *map(str, args)],
                          capture_output=True, text=True, timeout=timeout)


def write(path, source: str):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(source).lstrip("\n"), encoding="utf-8")
    return path


@pytest.fixture
def project(tmp_path):
    """A 4D project folder: Project/Sources/{Methods,Classes,DatabaseMethods}."""
    sources = tmp_path / "Project" / "Sources"
    write(sources / "Classes" / "Greeter.4dm", """
        property greeting : Text := "Hello"
        Function greet($who : Text) -> $text : Text
          $text:=This.greeting+", "+$who+"!"
        """)
    write(sources / "Methods" / "greet.4dm", """
        #DECLARE($who : Text)
        ALERT(cs.Greeter.new().greet($who))
        """)
    write(sources / "Methods" / "fails.4dm", """
        var $o : Object
        ALERT("before")
        $o:=Null
        $o.push(1)
        ALERT("after")
        """)
    write(sources / "DatabaseMethods" / "onStartup.4dm", """
        greet("startup")
        """)
    return tmp_path


def test_file_with_arguments(tmp_path):
    script = write(tmp_path / "args.4dm", """
        #DECLARE($first : Text; $second : Text)
        ALERT(String(Count parameters)+": "+$first+" and "+$second)
        ALERT(String(Value type($1)=Is text))
        """)
    result = fourd_run(script, "one", "two")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["2: one and two", "True"]
    assert result.stderr == ""


def test_file_of_a_project_sees_its_methods_and_classes(project):
    script = write(project / "Project" / "Sources" / "Methods" / "main.4dm", """
        greet($1)
        """)
    result = fourd_run(script, "World")
    assert (result.returncode, result.stdout) == (0, "Hello, World!\n")


def test_project_folder_runs_on_startup(project):
    result = fourd_run(project)
    assert (result.returncode, result.stdout) == (0, "Hello, startup!\n"), result.stderr


def test_4dproject_file_runs_on_startup(project):
    (project / "Project" / "App.4DProject").write_text("{}")
    result = fourd_run(project / "Project" / "App.4DProject")
    assert (result.returncode, result.stdout) == (0, "Hello, startup!\n"), result.stderr


def test_project_method_by_name(project):
    result = fourd_run(project, "--method", "greet", "you")
    assert (result.returncode, result.stdout) == (0, "Hello, you!\n"), result.stderr


def test_missing_method_is_a_usage_error(project):
    result = fourd_run(project, "--method", "nothing")
    assert result.returncode == 2
    assert "nothing" in result.stderr


def test_project_without_on_startup_is_a_usage_error(tmp_path):
    write(tmp_path / "Project" / "Sources" / "Methods" / "m.4dm", "ALERT(1)")
    assert fourd_run(tmp_path).returncode == 2


def test_bad_command_line_is_a_usage_error(tmp_path):
    assert fourd_run(tmp_path / "missing.4dm").returncode == 2


def test_uncaught_error_is_reported_with_its_location(project):
    result = fourd_run(project, "--method", "fails")
    assert result.returncode == 1
    assert result.stdout == "before\n"
    assert "fails.4dm:4" in result.stderr
    assert "-10738" in result.stderr or "Error" in result.stderr
    assert "Traceback" not in result.stderr


def test_error_in_a_class_function_names_the_function(tmp_path):
    write(tmp_path / "Project" / "Sources" / "Classes" / "Account.4dm", """
        property balance : Real := 0
        Function withdraw($amount : Real)
          If ($amount>This.balance)
            throw(1001; "Insufficient funds")
          End if
          This.balance-=$amount
        """)
    script = write(tmp_path / "Project" / "Sources" / "Methods" / "main.4dm", """
        $a:=cs.Account.new()
        $a.withdraw(10)
        """)
    result = fourd_run(script)
    assert result.returncode == 1
    assert "Account.4dm:4" in result.stderr and "Account.withdraw" in result.stderr
    assert "1001" in result.stderr and "Insufficient funds" in result.stderr


def test_syntax_error_is_positioned(tmp_path):
    script = write(tmp_path / "bad.4dm", """
        ALERT("ok")
        If (True
        End if
        """)
    result = fourd_run(script)
    assert result.returncode == 1
    assert result.stdout == ""
    assert "bad.4dm:2:" in result.stderr
    assert "Traceback" not in result.stderr


def test_syntax_error_in_a_method_called_later(tmp_path):
    write(tmp_path / "Project" / "Sources" / "Methods" / "broken.4dm", """
        $x:=(1
        """)
    script = write(tmp_path / "Project" / "Sources" / "Methods" / "main.4dm", """
        ALERT("first")
        broken
        """)
    result = fourd_run(script)
    assert result.returncode == 1
    assert result.stdout == "first\n"
    assert "broken.4dm:1:" in result.stderr


def test_wrong_number_of_command_parameters_is_a_syntax_error(tmp_path):
    script = write(tmp_path / "bad.4dm", """
        ALERT("a")
        $n:=Length("a"; "b")
        """)
    result = fourd_run(script)
    assert result.returncode == 1 and result.stdout == ""
    assert "bad.4dm:2:" in result.stderr and "Length" in result.stderr


def test_debug_keeps_4d_errors_on_one_line(tmp_path):
    """--debug adds the Python traceback of fourd's own bugs; 4D errors stay one line."""
    script = write(tmp_path / "err.4dm", """
        ASSERT(False)
        """)
    plain = fourd_run(script)
    debug = fourd_run("--debug", script)
    assert plain.returncode == debug.returncode == 1
    assert "-10518" in plain.stderr and "Traceback" not in debug.stderr


def test_deep_recursion_is_a_4d_error(tmp_path):
    script = write(tmp_path / "Project" / "Sources" / "Methods" / "deep.4dm", """
        #DECLARE($n : Integer) -> $r : Integer
        $r:=deep($n+1)
        """)
    result = fourd_run(script)
    assert result.returncode == 1
    assert "deep.4dm:2" in result.stderr and "-10700" in result.stderr
    assert "Traceback" not in result.stderr


def test_caught_errors_do_not_change_the_exit_status(tmp_path):
    script = write(tmp_path / "caught.4dm", """
        Try
          throw(5; "handled")
        Catch
          ALERT("caught "+Last errors[0].message)
        End try
        """)
    result = fourd_run(script)
    assert (result.returncode, result.stdout, result.stderr) == (0, "caught handled\n", "")
