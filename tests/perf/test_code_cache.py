"""Compiled code cached on disk (fourd.cache, compiler.units) and the lazy
start-up path: a cached unit runs as a freshly compiled one does, entries go
stale with the source or with the #DECLARE of the methods they call, and an
unusable cache folder only costs speed.

Pages: Concepts/methods.md and parameters.md (#DECLARE, typed results),
Concepts/classes.md (class functions, computed properties, Class extends),
Concepts/error-handling.md (the method and line of an error).
"""
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from fourd.compiler import codegen
from fourd.runtime.errors import FourDError
from fourd.runtime.process import Process, set_current_process
from fourd.loader import Project
from fourd.runtime.locations import with_location

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("FOURD_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def compiles(monkeypatch):
    """The names of the units the code generator compiles from now on."""
    names = []
    original = codegen.UnitCompiler.__init__

    def counting(self, path, source, unit_id, **options):
        names.append(unit_id)
        original(self, path, source, unit_id, **options)

    monkeypatch.setattr(codegen.UnitCompiler, "__init__", counting)
    return names


def write(folder: Path, name: str, source: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.4dm"
    path.write_text(textwrap.dedent(source).strip() + "\n", encoding="utf-8")
    return path


def run(project_dir: Path, method: str, *args):
    """Load the project afresh (as a new `fourd run` would) and run *method*."""
    set_current_process(Process())
    project = Project.for_path(project_dir / "Methods").activate()
    return project.method(method)(None, *args)


def test_a_cached_method_runs_without_compiling(tmp_path, cache_dir, compiles):
    write(tmp_path / "Methods", "greet", """
        #DECLARE($name : Text) -> $greeting : Text
        $greeting:="Hello, "+$name+" "+String(!2024-02-29!+1)+" "+String(?01:02:03?+?00:00:01?)""")
    assert run(tmp_path, "greet", "you") == "Hello, you 03/01/2024 01:02:04"
    assert compiles == ["greet"]
    assert run(tmp_path, "greet", "again") == "Hello, again 03/01/2024 01:02:04"
    assert compiles == ["greet"]
    assert len(os.listdir(cache_dir / "code")) == 1


def test_an_edited_method_is_compiled_again(tmp_path, cache_dir, compiles):
    path = write(tmp_path / "Methods", "answer", "return 41")
    assert run(tmp_path, "answer") == 41
    path.write_text("return 42\n", encoding="utf-8")
    assert run(tmp_path, "answer") == 42
    assert compiles == ["answer", "answer"]


def test_a_caller_is_compiled_again_when_a_declaration_it_relies_on_changes(tmp_path, cache_dir, compiles):
    # A call to a method declaring an Integer parameter computes its argument
    # as an Integer (parameters.md): 7/2 arrives rounded, as 4 (3.5 rounds up).
    methods = tmp_path / "Methods"
    write(methods, "half", "#DECLARE($n : Integer) -> $r : Real\n$r:=$n")
    write(methods, "main", "return half(7/2)")
    assert run(tmp_path, "main") == 4
    assert run(tmp_path, "main") == 4
    assert compiles == ["main", "half"]
    write(methods, "half", "#DECLARE($n : Real) -> $r : Real\n$r:=$n")
    assert run(tmp_path, "main") == 3.5
    assert compiles == ["main", "half", "main", "half"]


def test_errors_in_cached_code_name_their_method_and_line(tmp_path, cache_dir):
    write(tmp_path / "Methods", "divide", """
        var $x : Real
        $x:=1
        $x:=$x\\0""")
    for _ in range(2):
        with pytest.raises(FourDError) as info:
            run(tmp_path, "divide")
        assert with_location(info.value).where == ("divide", str(tmp_path / "Methods" / "divide.4dm"), 3)


def test_cached_classes_keep_their_members(tmp_path, cache_dir, compiles):
    classes = tmp_path / "Classes"
    write(classes, "Shape", """
        property name : Text
        Class constructor($name : Text)
          This.name:=$name
        Function describe() : Text
          return This.name+" of area "+String(This.area)""")
    write(classes, "Square", """
        Class extends Shape
        property side : Real
        Class constructor($side : Real)
          Super("square")
          This.side:=$side
        Function get area() : Real
          return This.side*This.side
        Function set area($area : Real)
          This.side:=Square root($area)""")
    write(tmp_path / "Methods", "main", """
        $s:=cs.Square.new(3)
        $s.area:=16
        return $s.describe()+" "+OB Class($s).superclass.name""")
    assert run(tmp_path, "main") == "square of area 16 Shape"
    assert run(tmp_path, "main") == "square of area 16 Shape"
    assert sorted(compiles) == ["Shape", "Square", "main"]


@pytest.mark.parametrize("setting", ["", "file"])
def test_without_a_usable_cache_folder_code_still_runs(tmp_path, monkeypatch, compiles, setting):
    # An empty FOURD_CACHE_DIR turns the cache off; a file cannot hold it.
    if setting == "file":
        setting = str(tmp_path / "a-file")
        Path(setting).write_text("")
    monkeypatch.setenv("FOURD_CACHE_DIR", setting)
    write(tmp_path / "Methods", "answer", "return 6*7")
    assert run(tmp_path, "answer") == 42
    assert run(tmp_path, "answer") == 42
    assert compiles == ["answer", "answer"]


def test_damaged_entries_are_compiled_again(tmp_path, cache_dir, compiles):
    write(tmp_path / "Methods", "answer", "return 6*7")
    run(tmp_path, "answer")
    for entry in (cache_dir / "code").iterdir():
        entry.write_bytes(b"not marshal data")
    assert run(tmp_path, "answer") == 42
    assert compiles == ["answer", "answer"]


def test_fourd_run_from_the_cache_imports_neither_the_compiler_nor_every_command(tmp_path):
    # Start-up path: hello world from cached code needs no parser, no code
    # generator, only the command modules it calls, no REPL or test tools.
    env = dict(os.environ, FOURD_CACHE_DIR=str(tmp_path / "cache"))
    script = textwrap.dedent("""
        import sys
        from fourd.runner import run_target
        from pathlib import Path
        status = run_target(Path(sys.argv[1]), ["World"])
        loaded = [m for m in ("lark", "fourd.syntax.parser", "fourd.compiler.codegen", "fourd.repl",
                              "fourd.testing", "fourd.commands.blob", "fourd.commands.arrays") if m in sys.modules]
        print("loaded:", loaded, status)""")
    hello = str(ROOT / "samples" / "hello" / "hello.4dm")
    outputs = [subprocess.run([sys.executable, "-c", script, hello], env=env, capture_output=True, text=True,
                              check=True).stdout.splitlines()[-1] for _ in range(2)]
    assert outputs[0] != outputs[1]          # the first run compiled and filled the cache
    assert outputs[1] == "loaded: [] 0"


def test_cache_folder_choice(monkeypatch, tmp_path):
    from fourd import cache
    monkeypatch.setenv("FOURD_CACHE_DIR", str(tmp_path))
    assert cache.directory() == str(tmp_path)
    monkeypatch.setenv("FOURD_CACHE_DIR", "")
    assert cache.directory() is None
    monkeypatch.delenv("FOURD_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.directory() == str(tmp_path / "fourd")
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert cache.directory() == str(tmp_path / ".cache" / "fourd")
