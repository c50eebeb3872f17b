"""Array commands added for real projects: Find in sorted array, MULTI SORT ARRAY,
ARRAY STRING, OB SET ARRAY / OB GET ARRAY, JSON Stringify array / JSON PARSE ARRAY
(commands-legacy pages of the same names), run as 4D code through the CLI."""
from __future__ import annotations

from system.system_helpers import alerts


def test_find_in_sorted_array(tmp_path):
    assert alerts(tmp_path, """
        var $first; $last : Integer
        ARRAY LONGINT($a; 0)
        APPEND TO ARRAY($a; 1)
        APPEND TO ARRAY($a; 3)
        APPEND TO ARRAY($a; 3)
        APPEND TO ARRAY($a; 7)
        ALERT(String(Find in sorted array($a; 3; >; $first; $last))+" "+String($first)+" "+String($last))
        ALERT(String(Find in sorted array($a; 5; >; $first; $last))+" "+String($first)+" "+String($last))
        ALERT(String(Find in sorted array($a; 0; >; $first))+" "+String($first))
        SORT ARRAY($a; <)
        ALERT(String(Find in sorted array($a; 5; <; $first; $last))+" "+String($first)+" "+String($last))
        ARRAY TEXT($t; 0)
        APPEND TO ARRAY($t; "apple")
        APPEND TO ARRAY($t; "test1")
        APPEND TO ARRAY($t; "Test2")
        APPEND TO ARRAY($t; "zoo")
        ALERT(String(Find in sorted array($t; "test@"; >; $first; $last))+" "+String($first)+" "+String($last))
        ALERT(String(Find in sorted array($t; "@o"; >; $first; $last))+" "+String($first)+" "+String($last))
        ALERT(String(Find in sorted array($t; "@x@"; >; $first; $last))+" "+String($first)+" "+String($last))
    """) == ["True 2 3", "False 4 4", "False 1", "False 2 2", "True 2 3", "True 4 4", "False -1 -1"]


def test_multi_sort_array(tmp_path):
    assert alerts(tmp_path, """
        ARRAY TEXT($names; 0)
        ARRAY LONGINT($ages; 0)
        ARRAY TEXT($ids; 0)
        APPEND TO ARRAY($names; "b")
        APPEND TO ARRAY($names; "a")
        APPEND TO ARRAY($names; "b")
        APPEND TO ARRAY($ages; 1)
        APPEND TO ARRAY($ages; 2)
        APPEND TO ARRAY($ages; 3)
        APPEND TO ARRAY($ids; "x")
        APPEND TO ARRAY($ids; "y")
        APPEND TO ARRAY($ids; "z")
        MULTI SORT ARRAY($names; >; $ages; <; $ids; *)
        ALERT($names{1}+$names{2}+$names{3}+" "+String($ages{1})+String($ages{2})+String($ages{3})+" "+$ids{1}+$ids{2}+$ids{3})
        ARRAY LONGINT($short; 1)
        Try
            MULTI SORT ARRAY($names; >; $short; >)
        Catch
            ALERT("sizes")
        End try
    """) == ["abb 231 yzx", "sizes"]


def test_array_string_is_a_text_array(tmp_path):
    assert alerts(tmp_path, """
        ARRAY STRING(10; $s; 2)
        $s{1}:="longer than ten characters"
        ALERT($s{1}+" "+String(Size of array($s))+" "+String(Type($s)=Text array))
    """) == ["longer than ten characters 2 True"]


def test_arrays_in_objects_and_json(tmp_path):
    assert alerts(tmp_path, """
        var $o : Object
        ARRAY LONGINT($ages; 3)
        $ages{1}:=2
        $ages{2}:=3
        $ages{3}:=1
        $o:={}
        OB SET ARRAY($o; "ages"; $ages)
        ALERT(JSON Stringify($o))
        ARRAY REAL($r; 0)
        OB GET ARRAY($o; "ages"; $r)
        ALERT(String(Size of array($r))+" "+String($r{3}))
        OB GET ARRAY($o; "missing"; $r)
        ALERT(String(Size of array($r)))
        ARRAY TEXT($names; 2)
        $names{1}:="a"
        $names{2}:="b\\"c"
        ALERT(JSON Stringify array($names))
        JSON PARSE ARRAY("[\\"x\\",\\"y\\",\\"z\\"]"; $names)
        ALERT(String(Size of array($names))+$names{3})
    """) == ['{"ages":[2,3,1]}', "3 1", "0", '["a","b\\"c"]', "3z"]
