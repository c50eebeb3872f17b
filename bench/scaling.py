"""Speed at real sizes: each common operation as a 4D program and a CPython twin,
timed at three sizes (N, 4N, 16N).

    python bench/scaling.py [--only NAME] [--target SECONDS] [--markdown]

N is chosen per operation so that the CPython twin takes about --target
seconds (default 0.25) at the largest size. For each size the table shows the
ratio 4D / CPython; then the growth exponent of each side (time ~ size^k,
from N to 16N: 1.0 is linear, 2.0 quadratic). Flags: ``>5x`` where the ratio
at the largest size is above 5, ``superlinear`` where 4D grows faster than
CPython by more than 0.25 in the exponent. A 4D program that would take more
than --cap seconds at the next size (predicted from its growth) is not run
there ("skipped").

Each 4D program is a method ``#DECLARE($n : Integer)->$r : Real`` whose body
is given below; its result must equal the twin's (a checksum of the work),
so both sides are seen doing the same work.
"""
from __future__ import annotations

import argparse
import base64
import bisect
import datetime
import json
import math
import sys
import tempfile
import time
from pathlib import Path

import interpreter
from fourd.runtime.errors import FourDError
from fourd.runtime.process import Process, set_current_process

# name -> (4D body, Python twin(n) -> number, methods {name: source}, classes {name: source})
OPERATIONS: dict[str, tuple[str, object, dict, dict]] = {}


def operation(name: str, body: str, methods: dict | None = None, classes: dict | None = None):
    def register(twin):
        OPERATIONS[name] = (body, twin, methods or {}, classes or {})
        return twin
    return register


# ---------------------------------------------------------------- text
@operation("text $t:=$t+x", """
var $t : Text
var $i : Integer
For ($i; 1; $n)
  $t:=$t+"ab"
End for
$r:=Length($t)""")
def _(n):
    t = ""
    for _ in range(n):
        t = t + "ab"
    return len(t)


@operation("text $t+=x", """
var $t : Text
var $i : Integer
For ($i; 1; $n)
  $t+="ab"
End for
$r:=Length($t)""")
def _(n):
    t = ""
    for _ in range(n):
        t += "ab"
    return len(t)


TEXT_1000 = "(\"abcdefghij\"*100)"


@operation("Substring", f"""
var $t : Text
var $i : Integer
$t:={TEXT_1000}
For ($i; 1; $n)
  $r:=$r+Length(Substring($t; ($i%100)+1; 10))
End for""")
def _(n):
    t, r = "abcdefghij" * 100, 0
    for i in range(1, n + 1):
        r += len(t[(i % 100):(i % 100) + 10])
    return r


@operation("Position", f"""
var $t : Text
var $i : Integer
$t:={TEXT_1000}+"XYZ"
For ($i; 1; $n)
  $r:=$r+Position("XYZ"; $t)
End for""")
def _(n):
    t, r = "abcdefghij" * 100 + "XYZ", 0
    for _ in range(n):
        r += t.find("XYZ") + 1
    return r


@operation("Replace string (text of size n)", """
var $t : Text
$t:="ab"*$n
$t:=Replace string($t; "b"; "cd")
$r:=Length($t)""")
def _(n):
    return len(("ab" * n).replace("b", "cd"))


@operation("Length", f"""
var $t : Text
var $i : Integer
$t:={TEXT_1000}
For ($i; 1; $n)
  $r:=$r+Length($t)
End for""")
def _(n):
    t, r = "abcdefghij" * 100, 0
    for _ in range(n):
        r += len(t)
    return r


@operation("Char + Character code", """
var $i : Integer
For ($i; 1; $n)
  $r:=$r+Character code(Char(65+($i%26)))
End for""")
def _(n):
    r = 0
    for i in range(1, n + 1):
        r += ord(chr(65 + i % 26))
    return r


@operation("String(number)", """
var $i : Integer
For ($i; 1; $n)
  $r:=$r+Length(String($i))
End for""")
def _(n):
    r = 0
    for i in range(1, n + 1):
        r += len(str(i))
    return r


@operation("Num(text)", """
var $i : Integer
For ($i; 1; $n)
  $r:=$r+Num("12.5")
End for""")
def _(n):
    r = 0.0
    for _ in range(n):
        r += float("12.5")
    return r


@operation("Uppercase", """
var $i : Integer
For ($i; 1; $n)
  $r:=$r+Length(Uppercase("hello world"))
End for""")
def _(n):
    r = 0
    for _ in range(n):
        r += len("hello world".upper())
    return r


@operation("text = (case-insensitive)", """
var $i : Integer
For ($i; 1; $n)
  If ("Hello World"="hello world")
    $r:=$r+1
  End if
End for""")
def _(n):
    r = 0
    for _ in range(n):
        if "Hello World".casefold() == "hello world".casefold():
            r += 1
    return r


# ---------------------------------------------------------------- blobs
@operation("INTEGER TO BLOB *", """
var $b : Blob
var $i : Integer
For ($i; 1; $n)
  INTEGER TO BLOB($i%1000; $b; Native byte ordering; *)
End for
$r:=BLOB size($b)""")
def _(n):
    b = bytearray()
    for i in range(1, n + 1):
        b += (i % 1000).to_bytes(2, "little")
    return len(b)


@operation("TEXT TO BLOB *", """
var $b : Blob
var $i : Integer
For ($i; 1; $n)
  TEXT TO BLOB("ab"; $b; UTF8 text without length; *)
End for
$r:=BLOB size($b)""")
def _(n):
    b = bytearray()
    for _ in range(n):
        b += "ab".encode()
    return len(b)


@operation("BLOB to longint (sequential)", """
var $b : Blob
var $i; $offset : Integer
SET BLOB SIZE($b; $n*4)
For ($i; 1; $n)
  $r:=$r+BLOB to longint($b; Native byte ordering; $offset)
End for
$r:=$r+$offset""")
def _(n):
    b, r, offset = bytes(n * 4), 0, 0
    for _ in range(n):
        r += int.from_bytes(b[offset:offset + 4], "little", signed=True)
        offset += 4
    return r + offset


@operation("4D.Blob.slice", """
var $b : 4D.Blob
var $blob : Blob
var $i : Integer
SET BLOB SIZE($blob; 1000)
$b:=4D.Blob.new($blob)
For ($i; 1; $n)
  $r:=$r+$b.slice($i%100; ($i%100)+10).size
End for""")
def _(n):
    b, r = bytes(1000), 0
    for i in range(1, n + 1):
        r += len(b[i % 100:i % 100 + 10])
    return r


# ---------------------------------------------------------------- collections
@operation("collection push", """
var $c : Collection
var $i : Integer
$c:=[]
For ($i; 1; $n)
  $c.push($i)
End for
$r:=$c.length""")
def _(n):
    c = []
    for i in range(1, n + 1):
        c.append(i)
    return len(c)


@operation("collection indexOf", """
var $c : Collection
var $i : Integer
$c:=[]
For ($i; 1; 1000)
  $c.push($i)
End for
For ($i; 1; $n)
  $r:=$r+$c.indexOf(500+($i%400))
End for""")
def _(n):
    c, r = list(range(1, 1001)), 0
    for i in range(1, n + 1):
        r += c.index(500 + i % 400)
    return r


@operation("collection distinct", """
var $c : Collection
var $i : Integer
$c:=[]
For ($i; 1; $n)
  $c.push($i%1000)
End for
$r:=$c.distinct().length""")
def _(n):
    c = [i % 1000 for i in range(1, n + 1)]
    return len(sorted(set(c)))


@operation("collection query", """
var $c : Collection
var $i : Integer
$c:=[]
For ($i; 1; $n)
  $c.push({value: $i%100; name: "x"})
End for
$r:=$c.query("value > :1 and name = :2"; 49; "x").length""")
def _(n):
    c = [{"value": i % 100, "name": "x"} for i in range(1, n + 1)]
    return len([o for o in c if o["value"] > 49 and o["name"].casefold() == "x"])


@operation("collection orderBy", """
var $c : Collection
var $i : Integer
$c:=[]
For ($i; 1; $n)
  $c.push({value: ($i*7919)%$n})
End for
$r:=$c.orderBy("value desc")[0].value""")
def _(n):
    c = [{"value": (i * 7919) % n} for i in range(1, n + 1)]
    return sorted(c, key=lambda o: o["value"], reverse=True)[0]["value"]


@operation("collection sum", """
var $c : Collection
var $i : Integer
$c:=[]
For ($i; 1; $n)
  $c.push($i)
End for
$r:=$c.sum()+$c.sum()""")
def _(n):
    c = list(range(1, n + 1))
    return float(sum(c) + sum(c))


@operation("map/filter formulas", """
var $c : Collection
var $i : Integer
$c:=[]
For ($i; 1; $n)
  $c.push($i)
End for
$r:=$c.map(Formula($1.value*2)).filter(Formula($1.value%3=0)).length""")
def _(n):
    c = list(range(1, n + 1))
    return len([v for v in (x * 2 for x in c) if v % 3 == 0])


@operation("For each over collection", """
var $c : Collection
var $i : Integer
var $v : Variant
$c:=[]
For ($i; 1; $n)
  $c.push($i)
End for
For each ($v; $c)
  $r:=$r+$v
End for each""")
def _(n):
    c, r = list(range(1, n + 1)), 0
    for v in c:
        r += v
    return r


# ---------------------------------------------------------------- objects
@operation("$o[$k] write and read", """
var $o : Object
var $i : Integer
$o:={}
For ($i; 1; $n)
  $o[String($i%1000)]:=$i
End for
For ($i; 1; $n)
  $r:=$r+$o[String($i%1000)]
End for""")
def _(n):
    o, r = {}, 0
    for i in range(1, n + 1):
        o[str(i % 1000)] = i
    for i in range(1, n + 1):
        r += o[str(i % 1000)]
    return r


@operation("New object", """
var $o : Object
var $i : Integer
For ($i; 1; $n)
  $o:=New object("a"; $i; "b"; "x")
  $r:=$r+$o.a
End for""")
def _(n):
    r = 0
    for i in range(1, n + 1):
        o = {"a": i, "b": "x"}
        r += o["a"]
    return r


@operation("object literal + property update", """
var $o : Object
var $i : Integer
$o:={count: 0}
For ($i; 1; $n)
  $o.count:=$o.count+1
End for
$r:=$o.count""")
def _(n):
    o = {"count": 0}
    for _ in range(n):
        o["count"] = o["count"] + 1
    return o["count"]


@operation("OB Keys", """
var $o : Object
var $i : Integer
$o:={a: 1; b: 2; c: 3; d: 4}
For ($i; 1; $n)
  $r:=$r+OB Keys($o).length
End for""")
def _(n):
    o, r = {"a": 1, "b": 2, "c": 3, "d": 4}, 0
    for _ in range(n):
        r += len(list(o))
    return r


# ---------------------------------------------------------------- arrays
@operation("APPEND TO ARRAY", """
ARRAY LONGINT($a; 0)
var $i : Integer
For ($i; 1; $n)
  APPEND TO ARRAY($a; $i)
End for
$r:=Size of array($a)""")
def _(n):
    a = []
    for i in range(1, n + 1):
        a.append(i)
    return len(a)


@operation("Find in array", """
ARRAY LONGINT($a; 1000)
var $i : Integer
For ($i; 1; 1000)
  $a{$i}:=$i
End for
For ($i; 1; $n)
  $r:=$r+Find in array($a; 500+($i%400))
End for""")
def _(n):
    a, r = list(range(1, 1001)), 0
    for i in range(1, n + 1):
        r += a.index(500 + i % 400) + 1
    return r


@operation("SORT ARRAY", """
ARRAY LONGINT($a; $n)
var $i : Integer
For ($i; 1; $n)
  $a{$i}:=($i*7919)%$n
End for
SORT ARRAY($a; <)
$r:=$a{1}""")
def _(n):
    a = [(i * 7919) % n for i in range(1, n + 1)]
    a.sort(reverse=True)
    return a[0]


# ---------------------------------------------------------------- JSON
@operation("JSON Stringify", """
var $c : Collection
var $i : Integer
$c:=[]
For ($i; 1; $n)
  $c.push({id: $i; name: "item"; tags: ["a"; "b"]})
End for
$r:=Length(JSON Stringify($c))""")
def _(n):
    c = [{"id": i, "name": "item", "tags": ["a", "b"]} for i in range(1, n + 1)]
    return len(json.dumps(c, separators=(",", ":"), ensure_ascii=False))


@operation("JSON Parse", """
var $t : Text
var $i : Integer
$t:="["
For ($i; 1; $n)
  $t:=$t+"{\\"id\\":"+String($i)+",\\"name\\":\\"item\\"},"
End for
$t:=$t+"{}]"
$r:=JSON Parse($t).length""")
def _(n):
    t = "["
    for i in range(1, n + 1):
        t = t + '{"id":' + str(i) + ',"name":"item"},'
    t = t + "{}]"
    return len(json.loads(t))


# ---------------------------------------------------------------- dates
@operation("date + days", """
var $d : Date
var $i : Integer
$d:=!2000-01-01!
For ($i; 1; $n)
  $d:=$d+1
End for
$r:=Year of($d)""")
def _(n):
    d = datetime.date(2000, 1, 1)
    for _ in range(n):
        d = d + datetime.timedelta(days=1)
    return d.year


@operation("Day of / Month of", """
var $d : Date
var $i : Integer
$d:=!2024-03-15!
For ($i; 1; $n)
  $r:=$r+Day of($d)+Month of($d)
End for""")
def _(n):
    d, r = datetime.date(2024, 3, 15), 0
    for _ in range(n):
        r += d.day + d.month
    return r


@operation("Add to date", """
var $d : Date
var $i : Integer
$d:=!2000-01-15!
For ($i; 1; $n)
  $r:=$r+Month of(Add to date($d; 0; $i%12; 0))
End for""")
def _(n):
    d, r = datetime.date(2000, 1, 15), 0
    for i in range(1, n + 1):
        r += d.replace(month=d.month + i % 12).month
    return r


@operation("String(date)", """
var $d : Date
var $i : Integer
$d:=!2024-03-15!
For ($i; 1; $n)
  $r:=$r+Length(String($d; ISO date))
End for""")
def _(n):
    d, r = datetime.datetime(2024, 3, 15), 0
    for _ in range(n):
        r += len(d.strftime("%Y-%m-%dT%H:%M:%S"))
    return r


# ---------------------------------------------------------------- formulas, Try, calls
@operation("Formula.call", """
var $f : 4D.Function
var $i : Integer
$f:=Formula($1+1)
For ($i; 1; $n)
  $r:=$r+$f.call(Null; $i)
End for""")
def _(n):
    f, r = (lambda x: x + 1), 0
    for i in range(1, n + 1):
        r += f(i)
    return r


@operation("Try without error", """
var $i; $x : Integer
For ($i; 1; $n)
  Try
    $x:=$x+1
  Catch
    $x:=0
  End try
End for
$r:=$x""")
def _(n):
    x = 0
    for _ in range(n):
        try:
            x = x + 1
        except ValueError:
            x = 0
    return x


@operation("Try with error", """
var $i; $x : Integer
For ($i; 1; $n)
  Try
    throw(1; "boom")
  Catch
    $x:=$x+1
  End try
End for
$r:=$x""")
def _(n):
    x = 0
    for _ in range(n):
        try:
            raise ValueError("boom")
        except ValueError:
            x = x + 1
    return x


@operation("typed method call", """
var $i : Integer
For ($i; 1; $n)
  $r:=add($r; $i)
End for""", methods={"add": """
#DECLARE($a : Real; $b : Integer)->$s : Real
$s:=$a+$b"""})
def _(n):
    def add(a, b):
        return a + b
    r = 0.0
    for i in range(1, n + 1):
        r = add(r, i)
    return r


@operation("class function call", """
var $acc : cs.Accumulator
var $i : Integer
$acc:=cs.Accumulator.new()
For ($i; 1; $n)
  $acc.add($i)
End for
$r:=$acc.total""", classes={"Accumulator": """
property total : Real
Class constructor()
  This.total:=0
Function add($v : Integer)
  This.total:=This.total+$v"""})
def _(n):
    class Accumulator:
        def __init__(self):
            self.total = 0.0

        def add(self, v):
            self.total = self.total + v
    acc = Accumulator()
    for i in range(1, n + 1):
        acc.add(i)
    return acc.total


@operation("recursion (sum to n by halves)", """
$r:=sumTo(1; $n)""", methods={"sumTo": """
#DECLARE($low : Integer; $high : Integer)->$s : Real
var $mid : Integer
If ($low=$high)
  $s:=$low
Else
  $mid:=($low+$high)\\2
  $s:=sumTo($low; $mid)+sumTo($mid+1; $high)
End if"""})
def _(n):
    def sum_to(low, high):
        if low == high:
            return low
        mid = (low + high) // 2
        return sum_to(low, mid) + sum_to(mid + 1, high)
    return sum_to(1, n)


@operation("BASE64 ENCODE", """
var $t; $e : Text
$t:="x"*$n
BASE64 ENCODE($t; $e)
$r:=Length($e)""")
def _(n):
    return len(base64.b64encode(("x" * n).encode()))


@operation("sorted insert (Find in sorted array)", """
ARRAY LONGINT($a; $n)
var $i; $pos : Integer
For ($i; 1; $n)
  $a{$i}:=$i*2
End for
For ($i; 1; $n)
  If (Find in sorted array($a; $i*2; >; $pos))
    $r:=$r+$pos
  End if
End for""")
def _(n):
    a, r = [i * 2 for i in range(1, n + 1)], 0
    for i in range(1, n + 1):
        r += bisect.bisect_left(a, i * 2) + 1
    return r


# ---------------------------------------------------------------- measuring
def _method_source(body: str) -> str:
    return "#DECLARE($n : Integer)->$r : Real\n" + body.strip("\n") + "\n"


def _compiled(root: Path, name: str):
    body, _, methods, classes = OPERATIONS[name]
    key = f"scaling {name}"
    interpreter.PROGRAMS[key] = ({"main": _method_source(body), **methods}, classes, None)
    folder = "".join(ch if ch.isalnum() else "_" for ch in name)
    return interpreter.compile_program(root / folder, key)


def _timed(func, n, repeat):
    best, result = math.inf, None
    for _ in range(repeat):
        start = time.perf_counter()
        result = func(n)
        best = min(best, time.perf_counter() - start)
    return best, result


def _size_for(twin, target: float) -> int:
    """N such that the twin takes about *target* seconds at 16N."""
    n = 1000
    while True:
        elapsed, _ = _timed(twin, n, 1)
        if elapsed > 0.02 or n > 10_000_000:
            break
        n *= 4
    return max(16, int(n * target / (16 * elapsed)))


def exponent(small: float, large: float, factor: int = 16) -> float:
    return math.log(max(large, 1e-9) / max(small, 1e-9)) / math.log(factor)


def measure(names, target: float, cap: float, repeat: int):
    """Rows: (name, N, [(4D s or None, Python s)] per size, 4D exponent, Python exponent)."""
    set_current_process(Process())
    sys.setrecursionlimit(10000)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            try:
                rows.append(_measure_one(Path(tmp), name, target, cap, repeat))
            except FourDError as error:             # an operation fourd lacks
                print(f"  {name}: {error}", file=sys.stderr, flush=True)
            else:
                print(f"  {name}: done", file=sys.stderr, flush=True)
    return rows


def _measure_one(root: Path, name: str, target: float, cap: float, repeat: int):
    main = _compiled(root, name)
    main(16)                                    # warm: commands' modules imported, caches filled
    twin = OPERATIONS[name][1]
    base = _size_for(twin, target)
    timings = []
    for factor in (1, 4, 16):
        n = base * factor
        python_time, expected = _timed(twin, n, repeat)
        if timings and (timings[-1][0] is None or timings[-1][0] * 4 ** 2 > cap):
            timings.append((None, python_time))     # predicted too slow (quadratic growth)
            continue
        fourd_time, got = _timed(main, n, repeat if factor < 16 else 1)
        if float(got) != float(expected):
            raise SystemExit(f"{name} at n={n}: 4D gave {got!r}, Python {expected!r}")
        timings.append((fourd_time, python_time))
    fourd_exp = exponent(timings[0][0], timings[2][0]) if timings[2][0] else math.inf
    python_exp = exponent(timings[0][1], timings[2][1])
    return name, base, timings, fourd_exp, python_exp


def flags(row) -> str:
    _, _, timings, fourd_exp, python_exp = row
    found = []
    last_4d, last_py = timings[-1]
    if last_4d is None:
        found.append("skipped")
    elif last_4d / last_py > 5:
        found.append(">5x")
    if fourd_exp > python_exp + 0.25:
        found.append("superlinear")
    return " ".join(found)


def ratio_at_largest(row) -> float | None:
    fourd_time, python_time = row[2][-1]
    return None if fourd_time is None else fourd_time / python_time


def table(rows, markdown: bool) -> str:
    header = ("operation", "N", "ratio N", "ratio 4N", "ratio 16N", "CPython 16N", "exp 4D", "exp Py", "flags")
    lines = []
    cells = []
    for row in rows:
        name, base, timings, fourd_exp, python_exp = row
        ratios = [("-" if f is None else f"{f / p:.2f}") for f, p in timings]
        cells.append((name, f"{base:,}", *ratios, f"{timings[-1][1] * 1000:.0f} ms",
                      f"{fourd_exp:.2f}", f"{python_exp:.2f}", flags(row)))
    measured = [r for r in map(ratio_at_largest, rows) if r is not None]
    mean = math.exp(sum(map(math.log, measured)) / len(measured)) if measured else math.nan
    widths = [max(len(str(c[i])) for c in [header, *cells]) for i in range(len(header))]
    if markdown:
        lines.append("| " + " | ".join(h.ljust(w) for h, w in zip(header, widths)) + " |")
        lines.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
        lines += ["| " + " | ".join(str(c).ljust(w) for c, w in zip(cell, widths)) + " |" for cell in cells]
    else:
        lines.append("  ".join(h.ljust(w) for h, w in zip(header, widths)))
        lines += ["  ".join(str(c).ljust(w) for c, w in zip(cell, widths)) for cell in cells]
    over = sum(1 for r in measured if r > 5)
    superlinear = sum(1 for row in rows if "superlinear" in flags(row))
    lines.append("")
    lines.append(f"geometric mean of the ratios at 16N: {mean:.2f} (target <= 2.5); "
                 f"{over} above 5x; {superlinear} superlinear; "
                 f"{len(rows) - len(measured)} skipped as too slow")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", action="append", help="run only operations whose name contains this")
    parser.add_argument("--target", type=float, default=0.25, help="CPython seconds at the largest size")
    parser.add_argument("--cap", type=float, default=30.0, help="skip a 4D run predicted to take longer")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args()
    names = [n for n in OPERATIONS if not args.only or any(o.lower() in n.lower() for o in args.only)]
    rows = measure(names, args.target, args.cap, args.repeat)
    print(table(rows, args.markdown))


if __name__ == "__main__":
    main()
