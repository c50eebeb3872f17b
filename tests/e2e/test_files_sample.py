"""samples/files: walks a folder tree, reads files line by line, writes a
report, lists it with a system command, zips a folder and reads the archive
back, through the real CLI."""
import subprocess
import sys
import tempfile
from pathlib import Path

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "files" / "files.4dm"


def run(*args):
    return subprocess.run([sys.executable, "-m", "fourd", "run", str(SAMPLE), *map(str, args)],
                          capture_output=True, text=True, timeout=60)


def test_files_sample_walks_reads_writes_and_zips():
    before = set(Path(tempfile.gettempdir()).glob("fourd-files-sample-*"))
    result = run()
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "Walked data: 3 files in 2 folders, 169 bytes",
        "poem.txt: 4 lines, first: Roses are red,",
        "ideas.md: 3 lines, first: # Ideas",
        "todo.txt: 4 lines, first: walk the tree",
        "Report: 95 bytes, copy: 3 files",
        "The system lists: notes, poem.txt (exit code 0)",
        "Zipped: True, 3 entries: /tree/notes/ideas.md, /tree/notes/todo.txt, /tree/poem.txt",
        "In the archive, /tree/notes/ideas.md begins with: # Ideas",
        "Scratch folder removed: True",
    ]
    assert set(Path(tempfile.gettempdir()).glob("fourd-files-sample-*")) == before


def test_files_sample_on_another_folder(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.txt").write_text("one\ntwo\n")
    (tmp_path / ".hidden.txt").write_text("secret")
    result = run(tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"Walked {tmp_path.name}: 1 files in 2 folders, 8 bytes"
    assert lines[1] == "x.txt: 2 lines, first: one"
    assert lines[-2:] == ["In the archive, /tree/a/x.txt begins with: one", "Scratch folder removed: True"]
    assert (tmp_path / ".hidden.txt").read_text() == "secret" and sorted(p.name for p in tmp_path.iterdir()) == \
        [".hidden.txt", "a"]
