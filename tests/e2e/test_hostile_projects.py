"""Projects shaped to break fourd: ``fourd run`` reports a 4D error, never a
Python traceback, and never loops. Symbolic-link loops inside ``Methods/`` or
``Classes/`` are entered once (folders are recognised by device and inode)."""
import os

import pytest

from tests.e2e.test_cli_run import fourd_run, write


def _project(tmp_path):
    sources = tmp_path / "Project" / "Sources"
    write(sources / "Methods" / "main.4dm", """
        ALERT(cs.Greeter.new().hello)
        """)
    write(sources / "Classes" / "Greeter.4dm", """
        property hello : Text := "hello"
        """)
    return sources


@pytest.mark.parametrize("folder", ["Methods", "Classes"])
def test_symlink_loop_is_entered_once(tmp_path, folder):
    sources = _project(tmp_path)
    nested = sources / folder / "sub"
    nested.mkdir()
    os.symlink(sources / folder, nested / "loop")          # sub/loop -> the folder itself
    os.symlink(nested, sources / folder / "again")          # a second way into sub
    os.symlink(tmp_path / "missing", sources / folder / "dangling")
    result = fourd_run(tmp_path, "--method", "main", timeout=60)
    assert "Traceback" not in result.stderr
    assert result.returncode == 0, result.stderr
    assert "hello" in result.stdout


@pytest.mark.parametrize("extends, cycle", [
    ({"A": "A"}, "A → A"),
    ({"A": "B", "B": "A"}, "A → B → A"),
    ({"A": "B", "B": "C", "C": "B"}, "B → C → B"),
])
def test_class_extends_cycle_is_a_4d_error_naming_it(tmp_path, extends, cycle):
    sources = tmp_path / "Project" / "Sources"
    for name, parent in extends.items():
        write(sources / "Classes" / f"{name}.4dm", f"Class extends {parent}\n")
    write(sources / "Methods" / "main.4dm", """
        ALERT("before")
        $a:=cs.A.new()
        ALERT("after")
        """)
    result = fourd_run(tmp_path, "--method", "main", timeout=60)
    assert "Traceback" not in result.stderr
    assert "overflow" not in result.stderr.lower()
    assert result.returncode == 1
    assert result.stdout == "before\n"
    assert f"`Class extends` cycle: {cycle}" in result.stderr
