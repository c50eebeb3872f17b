"""Runtime guards, through ``fourd run``: runaway recursion, Ctrl-C and
SIGTERM during an endless loop, and very large values.

* Recursion: Concepts/methods.md, "Recursive Project Methods": a method that
  calls itself without end ends in a "Stack Full" error; under fourd it is
  the 4D error -10700 (``errors.Codes.STACK_OVERFLOW``), caught by ``Try``
  (Concepts/error-handling.md) like any other, never a Python traceback.
* Signals: README "Network": Ctrl-C or SIGTERM ends ``fourd run`` with
  status 130 or 143; 4D code still running (``While (True)``) is interrupted.
* Large values: Concepts/dt_blob.md, dt_string.md, dt_collection.md and the
  commands SET BLOB SIZE, TEXT TO BLOB, BLOB to text, BLOB size, Length,
  New collection and Collection.resize()/push(): 100 MB texts and blobs and
  10-million-element collections work, in memory proportional to the data
  (peak RSS of the process over that of an empty run, at most 10 times the
  data). The full-size runs are ``slow``; the default suite runs them at a
  tenth of the size.
"""
import signal
import textwrap
import time
import tracemalloc

import pytest

from fourd.loader import Project

# Each ALERT line names a way of recursing; the method ends with an uncaught overflow.
RECURSION = """
var $depth : Integer:=100000
var $r : Variant
Try
	$r:=deep($depth)
Catch
	ALERT("method: "+String(Last errors[0].errCode))
End try
$r:=Try(cs.Recursive.new().down($depth))
ALERT("class function: "+String(Last errors[0].errCode))
$r:=Try(cs.Recursive.new().endless)
ALERT("computed property: "+String(Last errors[0].errCode))
var $f : 4D.Function:=Formula($1.call(Null; $1)+1)
$r:=Try($f.call(Null; $f))
ALERT("formula: "+String(Last errors[0].errCode))
$r:=Try([1].map(Formula(deep($depth))))
ALERT("collection callback: "+String(Last errors[0].errCode))
ALERT("still running: "+String(deep(100)))
$r:=deep($depth)
ALERT("not reached")
"""

RECURSIVE_CLASS = """
Function down($n : Integer) : Integer
	return This.down($n-1)+1

Function get endless() : Integer
	return This.endless+1
"""

DEEP = """
#DECLARE($n : Integer) : Integer
If ($n<=0)
	return 0
End if
return deep($n-1)+1
"""


@pytest.fixture
def recursive(project):
    project.method("deep", DEEP)
    project.cls("Recursive", RECURSIVE_CLASS)
    return project


def test_runaway_recursion_is_a_4d_error_caught_by_try(recursive):
    recursive.method("main", RECURSION)
    result = recursive.run("main")
    assert result.stdout.splitlines() == [
        "method: -10700", "class function: -10700", "computed property: -10700", "formula: -10700",
        "collection callback: -10700", "still running: 100"]
    assert result.returncode == 1
    assert "deep.4dm:5: in deep: Error -10700 (4DRT)" in result.stderr
    assert "Traceback" not in result.stderr and "RecursionError" not in result.stderr


def test_runaway_recursion_in_a_worker_is_reported_and_the_worker_goes_on(recursive):
    recursive.method("main", """
        CALL WORKER("w"; "deep"; 100000)
        CALL WORKER("w"; Formula(ALERT("worker still serving")))
        """)
    result = recursive.run("main")
    assert (result.returncode, result.stdout) == (0, "worker still serving\n")
    assert "[w #2] " in result.stderr and "Error -10700 (4DRT)" in result.stderr
    assert "Traceback" not in result.stderr


SPIN = """
var $i : Integer
ALERT("spinning")
While (True)
	$i:=$i+1
End while
"""


@pytest.mark.parametrize("signum, status", [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
@pytest.mark.parametrize("where", ["main", "try", "worker"])
def test_a_signal_stops_an_endless_loop(project, signum, status, where):
    """Also inside Try (the interruption is not a 4D error) and in a worker."""
    project.method("spin", SPIN)
    project.method("try", 'Try\n\tspin\nCatch\n\tALERT("caught")\nEnd try\nALERT("after")')
    project.method("worker", 'CALL WORKER("w"; "spin")')
    proc = project.start("spin" if where == "main" else where)
    proc.wait_for("spinning")
    sent = time.monotonic()
    returncode, out, err = proc.stop(signum)
    assert time.monotonic() - sent < 2.0
    assert returncode == status
    assert out == "spinning\n"        # neither "caught" nor "after"
    assert err == ""


def _sized(scale: int) -> dict:
    return {"mb": 100 // scale, "elements": 10_000_000 // scale}


def _overhead(project, result) -> float:
    """Peak RSS over that of an empty run, in bytes."""
    project.method("empty", "ALERT(\"\")")
    return result.peak_rss - project.run("empty").peak_rss


LARGE_TEXT = """
#DECLARE($mb : Text)
// 25 characters doubled 22 times is 100 MB (104857600 characters); fewer for a smaller run.
var $size : Integer:=Num($mb)*1024*1024
var $t : Text:="abcdefghijklmnopqrstuvwxy"
While (Length($t)<$size)
	$t:=$t+$t
End while
$t:=Substring($t; 1; $size)
ALERT(String(Length($t)))
var $b : Blob
TEXT TO BLOB($t; $b; UTF8 text without length)
ALERT(String(BLOB size($b)))
var $back : Text:=BLOB to text($b; UTF8 text without length)
ALERT(String(Length($back))+" "+String($back=$t)+" "+$back[[$size]])
$back:=""
$t:=""
SET BLOB SIZE($b; 0)
SET BLOB SIZE($b; $size; 255)
ALERT(String(BLOB size($b))+" "+String($b{$size-1}))
var $shared : 4D.Blob:=4D.Blob.new($b)
ALERT(String($shared.slice($size-10).size))
"""


def _large_text_and_blob(project, mb):
    project.method("large", LARGE_TEXT)
    size = mb * 1024 * 1024
    result = project.run("large", str(mb), timeout=120)
    assert result.returncode == 0, result.stderr
    last = "abcdefghijklmnopqrstuvwxy"[(size - 1) % 25]
    assert result.stdout.splitlines() == [str(size), str(size), f"{size} True {last}", f"{size} 255", "10"]
    assert _overhead(project, result) <= 10 * size


def test_large_text_and_blob(project):
    _large_text_and_blob(project, _sized(10)["mb"])


@pytest.mark.slow
def test_100_mb_text_and_blob(project):
    _large_text_and_blob(project, _sized(1)["mb"])


LARGE_COLLECTION = """
#DECLARE($count : Text)
var $n : Integer:=Num($count)
var $c : Collection:=New collection
$c.resize($n; 0)
$c[$n-1]:=1
ALERT(String($c.length)+" "+String($c.sum()))
$c:=New collection
var $i : Integer
For ($i; 1; $n)
	$c.push($i)
End for
ALERT(String($c.length)+" "+String($c[$n-1])+" "+String($c.max()))
"""


def _large_collection(project, elements):
    project.method("large", LARGE_COLLECTION)
    result = project.run("large", str(elements), timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [f"{elements} 1", f"{elements} {elements} {elements}"]
    assert _overhead(project, result) <= 10 * 8 * elements      # a Real is 8 bytes


def test_large_collection(project):
    _large_collection(project, _sized(10)["elements"])


@pytest.mark.slow
def test_10_million_element_collection(project):
    _large_collection(project, _sized(1)["elements"])


def test_comparing_large_texts_keeps_no_copy_of_them(tmp_path):
    """dt_string.md: texts compare ignoring case and accents; once compared,
    the texts are garbage like any other value."""
    source = """
        var $base : Text:="é"
        While (Length($base)<500000)
        	$base:=$base+$base
        End while
        var $i : Integer
        For ($i; 1; 10)
        	$r:=($base+String($i))=($base+"x")
        End for
        """
    method = Project(None, None, tmp_path).activate().compile_method(textwrap.dedent(source), "texts.4dm", "texts")
    tracemalloc.start()
    try:
        method(None)
        retained, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert retained < 2 * 1024 * 1024, f"{retained / 1024 / 1024:.0f} MB retained"
