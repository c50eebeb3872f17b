"""Concepts/operators.md: assignment, compound assignment, short-circuit
operators, ternary operator, truthy and falsy values."""
import pytest

from fourd.runtime.values import Date


def test_assignment_examples(fourd):
    assert fourd.run("""
        $myNumber:=3
        $myDate:=!2018/01/21!
        $myLength:=Length("Acme")
        $col:=New collection
        return [$myNumber; $myDate; $myLength; $col.length]""").value == [3, Date(2018, 1, 21), 4, 0]


def test_compound_assignment_examples(fourd):
    assert fourd.run("""
        $a:=1
        $a+=2
        $x:=2
        $x+=5
        $t:="Hello"
        $t+=" World"
        $d:=!2000-11-10!
        $d+=10
        $x1:=10
        $x1-=5
        $d1:=!2000-11-10!
        $d1-=10
        $x3:=10
        $x3/=2
        $x2:=10
        $x2*=5
        $t2:="Hello"
        $t2*=2
        return [$a; $x; $t; $d; $x1; $d1; $x3; $x2; $t2]""").value == [
        3, 7, "Hello World", Date(2000, 11, 20), 5, Date(2000, 10, 31), 5, 50, "HelloHello"]


def test_compound_assignment_on_properties_and_elements(fourd):
    assert fourd.run("""
        var $o:={n: 1; t: "a"}
        var $c:=[10; 20]
        $o.n+=4
        $o.t*=3
        $c[1]-=5
        return [$o.n; $o.t; $c[1]]""").value == [5, "aaa", 15]


def test_compound_assignment_evaluates_the_target_once(fourd):
    """'in such expression as getPointer()->+=1 the getPointer method is called only once'."""
    fourd.method("getObject", """
        #DECLARE() -> $o : Object
        <>calls+=1
        $o:=<>target""")
    assert fourd.run("""
        <>target:={n: 1}
        <>calls:=0
        getObject().n+=1
        return [<>target.n; <>calls]""").value == [2, 1]


def test_short_circuit_and_example_1(fourd):
    assert fourd.run("""
        var $v : Variant
        var $r:=[]
        $v:="Hello" && "World"
        $r.push($v)
        $v:=False && 0
        $r.push($v)
        $v:=0 && False
        $r.push($v)
        $v:=5 && !00-00-00!
        $r.push($v)
        $v:=5 && 10 && "hello"
        $r.push($v)
        return $r""").value == ["World", False, False, Date(0, 0, 0), "hello"]


def test_short_circuit_and_example_2_tax(fourd):
    assert fourd.run("""
        var $tax : Variant
        var $item:={price: 10; taxRate: Null}
        $tax:=$item.taxRate && ($item.price*$item.taxRate)
        var $r:=[$tax=Null]
        OB REMOVE($item; "taxRate")
        $tax:=$item.taxRate && ($item.price*$item.taxRate)
        $r.push($tax=Null)
        $item.taxRate:=0.5
        $tax:=$item.taxRate && ($item.price*$item.taxRate)
        $r.push($tax)
        return $r""").value == [True, True, 5]


def test_short_circuit_and_does_not_evaluate_second_operand(fourd):
    """Example 3: If $myObject is Null, the second argument is not executed."""
    assert fourd.run("""
        var $myObject : Object
        If (($myObject#Null) && ($myObject.value>10))
          return "in"
        End if
        return "out"
        """).value == "out"


def test_short_circuit_or_examples(fourd):
    assert fourd.run("""
        var $phone : Text
        var $emp:={}
        $phone:=$emp.phone || "n/a"
        var $r:=[$phone]
        $emp.phone:="555"
        $phone:=$emp.phone || "n/a"
        $r.push($phone)
        var $name : Text
        var $person:={name: "Smith"}
        $name:=$person.maidenName || $person.name
        $r.push($name)
        $person.maidenName:="Jones"
        $name:=$person.maidenName || $person.name
        $r.push($name)
        return $r""").value == ["n/a", "555", "Smith", "Jones"]


def test_short_circuit_precedence_left_to_right(fourd):
    """a || b && c is evaluated as (a || b) && c."""
    assert fourd.value('"a" || "b" && ""') == ""
    assert fourd.value('"" || "b" && "c"') == "c"


def test_ternary_simple_example(fourd):
    assert fourd.alerts("""
        var $age : Integer
        var $beverage : Text
        $age:=26
        $beverage:=($age>=21) ? "Beer" : "Juice"
        ALERT($beverage)""") == ["Beer"]


@pytest.mark.parametrize("person, expected", [
    ('{firstname: "John"; lastname: "Doe"}', "John Doe"),
    ('{firstname: "John"}', "John"),
    ('{lastname: "Doe"}', "Doe"),
    ('{}', ""),
])
def test_ternary_full_name_example(fourd, person, expected):
    assert fourd.run(f"""
        var $fullname : Text
        var $person:={person}
        $fullname:=($person.firstname && $person.lastname) ? ($person.firstname+" "+$person.lastname) : ($person.lastname || $person.firstname) || ""
        return $fullname""").value == expected


@pytest.mark.parametrize("falsy", [
    "False", "Null", "$undefined", "$nullObject", "$nullCollection", "$nullPointer",
    "!00-00-00!", '""', "[]", "{}"])
def test_falsy_values(fourd, falsy):
    prelude = """
        var $nullObject : Object
        var $nullCollection : Collection
        var $nullPointer : Pointer
        var $o:={}
        $undefined:=$o.missing"""
    assert fourd.value(f'{falsy} ? "truthy" : "falsy"', prelude) == "falsy"


@pytest.mark.parametrize("truthy", ["0", "0.0", "True", '" "', "[0]", "{a: 0}", "!2020-01-01!", "?00:00:00?"])
def test_truthy_values_include_zero(fourd, truthy):
    assert fourd.value(f'{truthy} ? "truthy" : "falsy"') == "truthy"


def test_default_value_idiom(fourd):
    assert fourd.run("""
        $defaultValue:="def"
        $object:={value: Null}
        var $r:=[$object.value || $defaultValue]
        $object.value:=0
        $r.push($object.value || $defaultValue)
        return $r""").value == ["def", 0]
