"""`fourd check PATH...` end to end, through `python -m fourd` (fourd/cli.py)."""
import subprocess
import sys
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def check(*paths):
    result = subprocess.run([sys.executable, "-m", "fourd", "check", *map(str, paths)],
                            capture_output=True, text=True, timeout=60)
    return result.returncode, result.stdout, result.stderr


@pytest.fixture
def project(tmp_path):
    methods = tmp_path / "Project" / "Sources" / "Methods"
    methods.mkdir(parents=True)
    (methods / "good.4dm").write_text("$a:=1\n")
    (methods / "bad.4dm").write_text("$a:=1\n$b:=Foo(1; 2\n")
    (tmp_path / "notes.txt").write_text("not 4D")
    return tmp_path


def test_a_valid_folder_succeeds():
    status, out, err = check(CORPUS)
    assert (status, err) == (0, "")
    assert out.strip().endswith("files checked, ok")


def test_errors_are_printed_with_position_line_and_caret(project):
    status, out, err = check(project)
    bad = project / "Project" / "Sources" / "Methods" / "bad.4dm"
    assert status == 1
    assert err.splitlines() == [f"{bad}:2:13: error: '(' opened at line 2, column 8 is not closed [syntax]",
                                "    $b:=Foo(1; 2",
                                "                ^"]
    assert out.strip() == "2 files checked, 1 with errors"


def test_files_and_folders_together(project):
    good = project / "Project" / "Sources" / "Methods" / "good.4dm"
    status, out, _ = check(good, CORPUS)
    assert status == 0 and out.startswith(f"{len(list(CORPUS.rglob('*.4dm'))) + 1} files checked")


def test_invalid_utf8_gives_a_positioned_error_not_a_traceback(tmp_path):
    path = tmp_path / "binary.4dm"
    path.write_bytes(b"$a:=1\n$b:=\xff\xfe\x00garbage\n")
    status, out, err = check(path)
    assert status == 1
    assert err.startswith(f"{path}:2:5: error: unexpected character")
    assert "Traceback" not in err


def test_random_bytes_never_give_a_traceback(tmp_path):
    import random
    rng = random.Random(4)
    for i in range(20):
        (tmp_path / f"f{i}.4dm").write_bytes(bytes(rng.randrange(256) for _ in range(200)))
    status, out, err = check(tmp_path)
    assert "Traceback" not in err
    assert out.strip().startswith("20 files checked")
