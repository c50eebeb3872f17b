"""Speed of the XML DOM commands on an SVG-sized workload, as 4D-SVG does it.

    python bench/xml_dom.py [--elements N]

Runs one 4D program with ``fourd run`` that builds a tree of N elements with
attributes (DOM Create XML element), finds each of 200 of them by ID and by
XPath (4D's former relative paths, which try the standard reading first),
exports it (DOM EXPORT TO VAR), parses the export back and matches a regex
on every attribute value it reads; prints the milliseconds of each phase.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

PROGRAM = textwrap.dedent('''\
    #DECLARE($count : Text)
    var $n; $i; $t0 : Integer
    var $root; $svg; $x : Text
    $n:=Num($count)
    $t0:=Milliseconds
    $root:=DOM Create XML Ref("svg";"http://www.w3.org/2000/svg")
    For ($i;1;$n)
      $r:=DOM Create XML element($root;"rect";"id";"r"+String($i);"x";$i;"y";$i*2;"fill";"red")
    End for
    $build:=Milliseconds-$t0
    $t0:=Milliseconds
    For ($i;1;200)
      $f:=DOM Find XML element by ID($root;"r"+String($n-$i))
    End for
    $byID:=Milliseconds-$t0
    $t0:=Milliseconds
    For ($i;1;200)
      $f:=DOM Find XML element($root;"svg/rect["+String($i)+"]")
    End for
    $xpath:=Milliseconds-$t0
    $t0:=Milliseconds
    DOM EXPORT TO VAR($root;$svg)
    $export:=Milliseconds-$t0
    $t0:=Milliseconds
    $x:=DOM Parse XML variable($svg)
    $parse:=Milliseconds-$t0
    $t0:=Milliseconds
    ARRAY TEXT($rects;0)
    $f:=DOM Find XML element($x;"/svg/rect";$rects)
    ARRAY LONGINT($pos;0)
    ARRAY LONGINT($len;0)
    var $value : Text
    For ($i;1;Size of array($rects))
      DOM GET XML ATTRIBUTE BY NAME($rects{$i};"id";$value)
      $ok:=Match regex("r(\\\\d+)";$value;1;$pos;$len)
    End for
    $read:=Milliseconds-$t0
    ALERT("build "+String($build)+" ms, 200 by ID "+String($byID)+" ms, 200 XPath "+String($xpath)\\
      +" ms, export "+String($export)+" ms ("+String(Length($svg))+" chars), parse "+String($parse)\\
      +" ms, find all + read + regex "+String($read)+" ms")
    ''')


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--elements", type=int, default=5000)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        script = Path(folder) / "xml_bench.4dm"
        script.write_text(PROGRAM, encoding="utf-8")
        result = subprocess.run([sys.executable, "-m", "fourd", "run", str(script), str(options.elements)],
                                capture_output=True, text=True)
    print(f"{options.elements} elements: {result.stdout.strip() or result.stderr.strip()}")
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())
