"""Speed of ``fourd check``: a generated 4D project of about 100,000 lines
checked from the command line, as a pre-commit hook would run it.

    python bench/check.py [--lines N] [--keep DIR]

The project is written to a temporary folder: methods with #DECLARE calling
each other, classes extending each other with typed functions, legacy
C_xxx declarations, loops, Case of, formulas, collections; a few mistakes of
each kind so that every family of diagnostics does some work. The figure is
the wall time of ``python -m fourd check`` (Python start-up, parsing and all
checks), best of 3; the goal is under 10 s for 100,000 lines.
"""
import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

GOAL_SECONDS = 10.0

METHOD = """\
//%attributes = {{"invisible":true}}
#DECLARE($count : Integer; $label : Text) : Text
var $result : Text
var $items : Collection
var $i : Integer
$items:=New collection()
For ($i; 1; $count)
	$items.push({{index: $i; label: $label+String($i)}})
End for
$result:=$items.map(Formula($1.value.label)).join(",")
Case of
	: ($count>10)
		$result:=Uppercase($result)
	: ($count<0)
		return ""
	Else
		$result:=method_{previous}($count-1; $label)
End case
If (Length($result)>1000)
	$result:=Substring($result; 1; 1000)
End if
var $shape : cs.Shape_{klass}
$shape:=cs.Shape_{klass}.new(2)
$result:=$result+String($shape.area())
{mistake}
return $result
"""

CLASS = """\
Class extends {parent}
property side : Real
Class constructor($side : Real)
	{super}
	This.side:=$side
Function area() : Real
	var $value : Real
	$value:=This.side*This.side
	return $value
Function describe($prefix : Text) : Text
	return $prefix+String(This.area())
"""

MISTAKES = ['ALERTT("typo")', "$unknown:=$missing+1", '$result:=method_0(1; "a"; "extra")', "$n:=Lenght($result)", ""]


def write_project(root: Path, lines: int) -> int:
    methods = root / "Project" / "Sources" / "Methods"
    classes = root / "Project" / "Sources" / "Classes"
    methods.mkdir(parents=True)
    classes.mkdir(parents=True)
    class_count = 50
    for k in range(class_count):
        parent = "Object" if k == 0 else f"Shape_{k - 1}"
        text = CLASS.format(parent=parent, super="Super($side)" if k else "")
        (classes / f"Shape_{k}.4dm").write_text(text)
    written = class_count * CLASS.count("\n")
    n = 0
    while written < lines:
        text = METHOD.format(previous=max(n - 1, 0), klass=n % class_count, mistake=MISTAKES[n % len(MISTAKES)])
        (methods / f"method_{n}.4dm").write_text(text)
        written += text.count("\n")
        n += 1
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=100_000)
    parser.add_argument("--keep", type=Path, help="write the project here and keep it")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        root = options.keep or Path(scratch)
        written = write_project(root, options.lines)
        times = []
        for _ in range(3):
            start = time.perf_counter()
            result = subprocess.run([sys.executable, "-m", "fourd", "check", str(root / "Project")],
                                    capture_output=True, text=True)
            times.append(time.perf_counter() - start)
        best = min(times)
        print(result.stdout.strip())
        print(f"fourd check: {written:,} lines in {best:.2f} s ({written / best:,.0f} lines/s), "
              f"goal < {GOAL_SECONDS:.0f} s: {'met' if best < GOAL_SECONDS else 'NOT met'}")


if __name__ == "__main__":
    main()
