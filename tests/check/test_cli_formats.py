"""``fourd check`` on the command line: text, GitHub annotations, JSON;
exit status 1 on errors only."""
import json
import subprocess
import sys

from .project_files import write_project


def run_check(*args):
    result = subprocess.run([sys.executable, "-m", "fourd", "check", *map(str, args)],
                            capture_output=True, text=True, timeout=60)
    return result.returncode, result.stdout, result.stderr


def test_text_lines_name_path_line_column_severity_and_code(tmp_path):
    sources = write_project(tmp_path, methods={"main": 'ALERTT("x")\n'})
    status, out, err = run_check(sources)
    path = sources / "Methods" / "main.4dm"
    assert status == 1
    assert err == f"{path}:1:1: error: unknown command or method 'ALERTT'; did you mean 'ALERT'? [unknown-command]\n"
    assert out == "1 file checked, 1 with errors\n"


def test_warnings_alone_exit_0(tmp_path):
    sources = write_project(tmp_path, methods={"main": "$x:=$y\n"})
    status, out, err = run_check(sources)
    assert status == 0
    assert "warning: $y is used before it is assigned [used-before-assignment]" in err
    assert out == "1 file checked, 1 warning\n"


def test_github_annotations(tmp_path):
    sources = write_project(tmp_path, methods={"main": 'ALERTT("x")\n'})
    status, out, _ = run_check("--format", "github", sources)
    assert status == 1
    path = str(sources / "Methods" / "main.4dm")
    assert out == (f"::error file={path},line=1,col=1,title=fourd check unknown-command::"
                   "unknown command or method 'ALERTT'; did you mean 'ALERT'? [unknown-command]\n")


def test_json(tmp_path):
    sources = write_project(tmp_path, methods={"main": 'ALERTT("x")\n$x:=$y\n'})
    status, out, _ = run_check("--format", "json", sources)
    assert status == 1
    found = json.loads(out)
    assert [(d["line"], d["severity"], d["code"]) for d in found] == [
        (1, "error", "unknown-command"), (2, "warning", "used-before-assignment")]
    assert set(found[0]) == {"path", "line", "column", "severity", "message", "code", "detail"}


def test_a_clean_project_prints_ok(tmp_path):
    sources = write_project(tmp_path, methods={"main": 'var $t : Text\n$t:="x"\nALERT($t)\n'})
    assert run_check(sources) == (0, "1 file checked, ok\n", "")
