"""File API speed: 4D programs using File/Folder/FileHandle against plain
Python doing the same work on the same files.

    python bench/files.py [--repeat N] [--megabytes M]

Builds a scratch tree in a temporary folder (one large file of M MB, 2,000
small files in 20 folders), then times each workload as a 4D method
(compiled once, best of N rounds) and as Python (best of N rounds). The goal
(issue 12) is a ratio 4D / Python of at most 1.5 for copying, listing and
reading. Prints a Markdown table; exit status 1 if a ratio is above the goal.
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import textwrap
import time
from pathlib import Path

from fourd.runtime.process import Process, set_current_process
from fourd.loader import Project

GOAL = 1.5
SMALL_FILES, FOLDERS, SMALL_SIZE = 2000, 20, 2048

# name -> (4D source of the method, Python function(root) doing the same)
WORKLOADS = {}


def workload(name: str, source: str):
    def register(python):
        WORKLOADS[name] = (textwrap.dedent(source), python)
        return python
    return register


@workload("copy a large file", """
    $big:=File("/PACKAGE/tree/big.bin")
    $copy:=$big.copyTo(Folder("/PACKAGE/out"); "big copy.bin"; fk overwrite)
    return $copy.size""")
def copy_large(root: Path):
    shutil.copy2(root / "tree" / "big.bin", root / "out" / "big copy.bin")
    return os.path.getsize(root / "out" / "big copy.bin")


@workload("copy a folder of small files", """
    $copy:=Folder("/PACKAGE/tree/small").copyTo(Folder("/PACKAGE/out"); "small copy"; fk overwrite)
    return $copy.exists""")
def copy_folder(root: Path):
    shutil.copytree(root / "tree" / "small", root / "out" / "small copy", symlinks=True, dirs_exist_ok=True)
    return True


def small_files(root: Path):
    """The paths of the small files, as os.walk finds them, names sorted."""
    for top, _dirs, names in os.walk(root / "tree" / "small"):
        for name in sorted(names):
            yield os.path.join(top, name)


@workload("list files recursively with sizes", """
    var $total : Real
    var $f : 4D.File
    For each ($f; Folder("/PACKAGE/tree/small").files(fk recursive))
        $total:=$total+$f.size
    End for each
    return $total""")
def list_files(root: Path):
    return sum(os.stat(path).st_size for path in small_files(root))


@workload("read small files as text", """
    var $chars : Integer
    var $f : 4D.File
    For each ($f; Folder("/PACKAGE/tree/small").files(fk recursive))
        $chars:=$chars+Length($f.getText())
    End for each
    return $chars""")
def read_small(root: Path):
    chars = 0
    for path in small_files(root):
        with open(path, encoding="utf-8", errors="replace", newline="") as f:
            chars += len(f.read().replace("\r\n", "\n").replace("\r", "\n"))
    return chars


@workload("read a large file whole", """
    return File("/PACKAGE/tree/big.bin").getContent().size""")
def read_large(root: Path):
    return len((root / "tree" / "big.bin").read_bytes())


@workload("stream a large file by 1 MB blobs", """
    $h:=File("/PACKAGE/tree/big.bin").open("read")
    var $total : Real
    While (Not($h.eof))
        $total:=$total+$h.readBlob(1048576).size
    End while
    return $total""")
def stream_large(root: Path):
    total = 0
    with open(root / "tree" / "big.bin", "rb") as f:
        while chunk := f.read(1 << 20):
            total += len(chunk)
    return total


def build_tree(root: Path, megabytes: int) -> None:
    tree = root / "tree"
    (root / "out").mkdir(parents=True)
    (tree / "small").mkdir(parents=True)
    with open(tree / "big.bin", "wb") as f:
        block = os.urandom(1 << 20)
        for _ in range(megabytes):
            f.write(block)
    line = ("lorem ipsum dolor sit amet " * 3 + "\n").encode()
    content = (line * (SMALL_SIZE // len(line) + 1))[:SMALL_SIZE]
    for i in range(SMALL_FILES):
        folder = tree / "small" / f"folder{i % FOLDERS:02}"
        folder.mkdir(exist_ok=True)
        (folder / f"file{i:04}.txt").write_bytes(content)


def best_of_both(first, second, repeat: int) -> tuple[tuple[float, object], tuple[float, object]]:
    """The best time (and result) of each function, their rounds interleaved so
    that both meet the same disk state (write-back of earlier copies…)."""
    times: list[list[float]] = [[], []]
    results: list[object] = [None, None]
    for _ in range(repeat):
        for index, function in enumerate((first, second)):
            started = time.perf_counter()
            results[index] = function()
            times[index].append(time.perf_counter() - started)
    return (min(times[0]), results[0]), (min(times[1]), results[1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--megabytes", type=int, default=64)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="fourd-bench-files-") as scratch:
        root = Path(scratch)
        build_tree(root, options.megabytes)
        methods = root / "Project" / "Sources" / "Methods"
        methods.mkdir(parents=True)
        for index, (source, _) in enumerate(WORKLOADS.values()):
            (methods / f"bench{index}.4dm").write_text(source, encoding="utf-8")
        project = Project.for_path(root).activate()
        set_current_process(Process())
        print(f"| workload ({options.megabytes} MB file, {SMALL_FILES} files of {SMALL_SIZE} B) "
              f"| 4D (ms) | Python (ms) | ratio |")
        print("|---|---:|---:|---:|")
        failed = False
        for index, (name, (_, python)) in enumerate(WORKLOADS.items()):
            method = project.method(f"bench{index}")
            method(None)                                   # compile and warm the caches
            (fourd_time, fourd_result), (python_time, python_result) = best_of_both(
                lambda: method(None), lambda: python(root), options.repeat)
            if fourd_result != python_result:
                print(f"{name}: 4D gave {fourd_result!r}, Python {python_result!r}", file=sys.stderr)
                failed = True
            ratio = fourd_time / python_time
            failed |= ratio > GOAL
            print(f"| {name} | {fourd_time * 1000:.1f} | {python_time * 1000:.1f} | {ratio:.2f} |")
        print(f"\ngoal: ratio <= {GOAL}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
