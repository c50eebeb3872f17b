"""Concepts/variables.md: declaring with var and C_ directives, default
values, assigning, local/process/interprocess scopes."""
from fourd.runtime.values import Date


def test_variable_created_by_assignment(fourd):
    assert fourd.value("MyDate-Current date", "MyDate:=Current date+30") == 30


def test_var_declarations(fourd):
    fourd.cls("MyClass", "")
    assert fourd.run("""
        var $myText : Text
        var myDate1; myDate2 : Date
        var $myVar
        var $myText2; myText; $vt : Text
        var myVar //variant
        var $o : Object
        var $o2 : 4D.Object
        var $myClass : cs.MyClass
        return [$myText; myDate1; myDate2; Undefined($myVar); $vt; myText; $o; $o2; $myClass]""").value == [
        "", Date(0, 0, 0), Date(0, 0, 0), True, "", "", None, None, None]


def test_default_values_of_every_type(fourd):
    assert fourd.run("""
        var $t : Text
        var $d : Date
        var $h : Time
        var $b : Boolean
        var $i : Integer
        var $r : Real
        var $p : Pointer
        var $x : Blob
        var $c : Collection
        var $v : Variant
        return [$t; $d; String($h); $b; $i; $r; $p; BLOB size($x); $c; Undefined($v)]""").value == [
        "", Date(0, 0, 0), "00:00:00", False, 0, 0, None, 0, None, True]


def test_typed_variables_convert_on_assignment(fourd):
    assert fourd.run("""
        var $i : Integer
        var $r : Real
        var $t : Time
        $i:=2.4
        $r:=$i
        $t:=3600
        return [$i; Value type($i); $r; Value type($r); String($t)]""").value == [2, 9, 2, 1, "01:00:00"]


def test_c_directives(fourd):
    assert fourd.run("""
         C_TEXT(myText)
         C_BLOB(vxMyBlob)
         C_DATE($vdCurDate)
         C_LONGINT(vg1;vg2;vg3)
         C_OBJECT($vObj)
         C_COLLECTION($vCol)
         ARRAY LONGINT(alAnArray;10)
         return [$vdCurDate; $vObj; $vCol; Size of array(alAnArray); Type(alAnArray)]""").value == [
        Date(0, 0, 0), None, None, 10, 16]


def test_legacy_declared_local_converts(fourd):
    assert fourd.run("""
        C_LONGINT($n)
        $n:=7.6
        return [$n; Value type($n)]""").value == [8, 9]


def test_assignment_creates_and_replaces(fourd):
    assert fourd.run("""
        MyNumber:=3
        $first:=MyNumber
        MyNumber:=4
        return [$first; MyNumber]""").value == [3, 4]


def test_array_element_assignment(fourd):
    assert fourd.value("atNames{1}", 'ARRAY TEXT(atNames;2)\natNames{1}:="Richard"') == "Richard"


def test_local_variables_are_local_to_their_method(fourd):
    fourd.method("other", """
        $v:="other"
        return Undefined($shared)""")
    assert fourd.value("[$v; other; $v]", '$v:="mine"\n$shared:=1') == ["mine", True, "mine"]


def test_process_variables_are_visible_to_called_methods(fourd):
    fourd.method("reader", "return vProcess")
    assert fourd.value("reader", 'vProcess:="set by caller"') == "set by caller"


def test_process_variables_are_per_process(fourd):
    fourd.method("worker", """
        <>seen:=String(vValue)""")
    fourd.run("""
        vValue:="main"
        $p:=New process("worker"; 0; "other")""", scheduled=True)
    assert fourd.value("<>seen") == ""


def test_interprocess_variables_are_shared_by_processes(fourd):
    fourd.method("worker", """
        <>seen:=<>vShared""")
    fourd.run("""
        <>vShared:="everywhere"
        $p:=New process("worker"; 0; "other")""", scheduled=True)
    assert fourd.value("<>seen") == "everywhere"
