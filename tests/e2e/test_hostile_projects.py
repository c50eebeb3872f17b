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
