"""Code that parses but cannot be compiled is reported like a syntax error: file, line,
column, the source line and a caret; exit status 1; never a Python traceback."""
import subprocess
import sys

import pytest


@pytest.mark.parametrize("source, line, column, message", [
    ('var $t : Texte:="x"\n', 1, 10, "unknown type: Texte"),
    ("$a:=1\n#DECLARE($a : Integer; $a : Text)\n", 2, 24, "the parameter $a is declared twice"),
    ("$x:=1" + "+1" * 400 + "\n", 1, 1, "too large or nested too deeply"),
])
def test_compile_error_is_positioned(tmp_path, source, line, column, message):
    path = tmp_path / "bad.4dm"
    path.write_text(source)
    result = subprocess.run([sys.executable, "-m", "fourd", "run", str(path)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert f"bad.4dm:{line}:{column}: error: " in result.stderr and message in result.stderr
    assert "^" in result.stderr and "Traceback" not in result.stderr
