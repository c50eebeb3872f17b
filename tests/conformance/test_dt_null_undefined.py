"""Concepts/dt_null_undefined.md: Null and Undefined values, assigning
undefined, Null and Undefined operators, examples."""
import pytest

from fourd.runtime.errors import Codes


def test_null_in_properties_elements_and_variables(fourd):
    assert fourd.run("""
        var $o : Object
        var $c : Collection
        var $p : Pointer
        var $v : Variant
        $v:=Null
        $obj:={a: Null}
        $col:=[Null]
        return [$o=Null; $c=Null; $p=Null; $v=Null; $obj.a=Null; $col[0]=Null]""").value == [True] * 6


def test_reading_a_property_of_undefined_returns_undefined(fourd):
    assert fourd.value("Undefined($o.a.b.c)", "$o:={}") is True


def test_assigning_undefined_clears_the_variable(fourd):
    assert fourd.run("""
         var $o : Object
         var $val : Integer
         $val:=10 //$val=10
         $val:=$o.a //$o.a is undefined (no error), and assigning this value clears the variable
         return $val""").value == 0


def test_assigning_undefined_to_an_existing_property(fourd):
    assert fourd.run("""
         var $o : Object
         $o:=New object("a";2)
         $o.a:=$o.b //$o.a=0
         return $o""").value == {"a": 0}


def test_undefined_parameter_is_converted(fourd):
    fourd.method("mymethod", """
        #Declare ($myText : Text) -> $r : Text
        $r:="<"+$myText+">" """)
    assert fourd.value("mymethod($o.a)", "var $o : Object") == "<>"


def test_undefined_condition(fourd):
    assert fourd.alerts("""
         var $o : Object
         If($o.a) // false
           ALERT("if")
         End if
         Case of
            :($o.a) // false
              ALERT("case")
         End case
         ALERT("end")""") == ["end"]


def test_cast_commands(fourd):
    assert fourd.value("Lowercase(String($o.a.b))", "$o:={}") == ""


@pytest.mark.parametrize("expression, expected", [
    ("a.nullProp = b.nullProp", True), ("a.nullProp = b.undefinedProp", True),
    ("a.nullProp = 42", False), ("a.nullProp # b.nullProp", False),
    ("a.nullProp # b.undefinedProp", False), ("a.nullProp # 42", True),
    ("a.undefinedProp = b.undefinedProp", True), ("a.undefinedProp = c.nullProp", True),
    ("a.undefinedProp = 42", False), ("a.undefinedProp # b.undefinedProp", False),
    ("a.undefinedProp # b.nullProp", False), ("a.undefinedProp # 42", True),
    ('a.undefinedProp > "abc"', False), ('a.undefinedProp < "abc"', False),
    ('a.undefinedProp >= "abc"', False), ('a.undefinedProp <= "abc"', False),
])
def test_null_and_undefined_operators(fourd, expression, expected):
    prelude = "a:={nullProp: Null}\nb:={nullProp: Null}\nc:={nullProp: Null}"
    assert fourd.value(expression, prelude) is expected


def test_ordering_null_is_an_error(fourd):
    error = fourd.error("""
        a:={nullProp: Null}
        $x:=a.nullProp > 42""")
    assert error.code == Codes.INCOMPATIBLE_ARGUMENTS


def test_default_values_null_or_not(fourd):
    assert fourd.value("[$object=Null; $text]", "var $object : Object\nvar $text : Text") == [True, ""]


def test_undefined_and_null_commands_example(fourd):
    assert fourd.run("""
        var $vEmp : Object
        var $result : Boolean
        $vEmp:=New object
        $vEmp.name:="Smith"
        $vEmp.children:=Null
        var $r:=[]
        $result:=Undefined($vEmp.name) //False
        $r.push($result)
        $result:=($vEmp.name=Null) //False
        $r.push($result)
        $result:=Undefined($vEmp.children) //False
        $r.push($result)
        $result:=($vEmp.children=Null) //True
        $r.push($result)
        $result:=Undefined($vEmp.parent) //True
        $r.push($result)
        $result:=($vEmp.parent=Null) //True
        $r.push($result)
        return $r""").value == [False, False, False, True, True, True]


def test_comparison_examples(fourd):
    assert fourd.run("""
        var $result : Boolean
        var $vObj : Object
        var $vVar : Variant
        $vObj:=New object
        $vObj.null:=Null
        var $r:=[]
        $result:=($vObj.undefined=42) //False
        $r.push($result)
        $result:=($vObj.undefined=$vObj.null) //True
        $r.push($result)
        $result:=($vObj.undefined=$vVar)  //True
        $r.push($result)
        $result:=($vObj.undefined#$vObj.null) //False
        $r.push($result)
        $result:=($vObj.undefined#42) //True
        $r.push($result)
        $result:=($vObj.undefined#$vVar) //False
        $r.push($result)
        $result:=($vObj.undefined>"hello") //False
        $r.push($result)
        $result:=($vVar < 42) //False
        $r.push($result)
        return $r""").value == [False, True, True, False, True, False, False, False]


@pytest.mark.parametrize("expression", ["$vObj.undefined>$vVar", "$vObj.undefined>$vObj.null"])
def test_comparison_errors(fourd, expression):
    error = fourd.error(f"""
        var $vObj : Object
        var $vVar : Variant
        $vObj:=New object
        $vObj.null:=Null
        $result:=({expression})""")
    assert error.code == Codes.INCOMPATIBLE_ARGUMENTS
