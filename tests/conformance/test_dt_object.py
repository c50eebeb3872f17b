"""Concepts/dt_object.md: initialization, object literals, object notation,
pointers to objects, Null and Undefined properties, examples."""


def test_new_object(fourd):
    assert fourd.run("""
        var $obVar : Object
        $obVar:=New object
        var $obFilled : Object
        $obFilled:=New object("name";"Smith";"age";42)
        return [$obVar; $obFilled]""").value == [{}, {"name": "Smith", "age": 42}]


def test_object_literals(fourd):
    assert fourd.run("""
        var $o ; $o2 ; $o3 : Object
        $o := {}
        $o2 := {a: "foo"; b: 42; c: {}; d: ($toto) ? true : false }
        var $a : Text
        var $b : Number
        var $c : Object
        $a:="foo"
        $b:=42
        $c:={}
        $o3:={ a: $a; b: $b; c: $c }
        return [$o; $o2; $o3]""").value == [
        {}, {"a": "foo", "b": 42, "c": {}, "d": False}, {"a": "foo", "b": 42, "c": {}}]


def test_property_names_are_case_sensitive(fourd):
    assert fourd.value("[$o.name; $o.Name]", '$o:={name: "a"; Name: "b"}') == ["a", "b"]


def test_dot_and_bracket_access(fourd):
    assert fourd.run("""
        employee:={}
        employee.name:="Smith"
        $vName:=employee["name"]
        $property:="name"
        var $r:=[$vName; employee[$property]]
        employee.children:=[{age: 1}; {age: 2}; {age: 12}]
        $vAge:=employee.children[2].age
        $r.push($vAge)
        return $r""").value == ["Smith", "Smith", 12]


def test_project_method_returning_an_object(fourd):
    fourd.method("MyMethod1", """
        #DECLARE -> $o : Object
        $o:=New object("a";10;"b";20)""")
    assert fourd.value("MyMethod1.a") == 10
    assert fourd.value("MyMethod1().b") == 20


def test_collection_length(fourd):
    assert fourd.value("myColl.length", "myColl:=[1; 2; 3]") == 3


def test_pointer_to_object(fourd):
    assert fourd.run("""
        var vObj : Object
        var vPtr : Pointer
        vObj:=New object
        vObj.a:=10
        vPtr:=->vObj
        x:=vPtr->a
        return [x; vPtr->["a"]]""").value == [10, 10]


def test_null_property_and_element(fourd):
    assert fourd.run("""
        myObject:={address: {zip: "75000"}}
        myObject.address.zip:=Null
        myColl:=[1; 2; Null]
        return [myObject.address.zip=Null; myColl[2]=Null; myColl[1]=Null]""").value == [True, True, False]


def test_assigning_undefined_clears_a_variable(fourd):
    assert fourd.run("""
        var $o : Object
        var $val : Integer
        $val:=10
        var $before:=$val
        $val:=$o.a
        return [$before; $val]""").value == [10, 0]


def test_length_of_an_undefined_collection_is_zero(fourd):
    assert fourd.run("""
        var $c : Collection
        $size:=$c.length
        return $size""").value == 0


def test_undefined_parameter_becomes_the_declared_type_empty_value(fourd):
    fourd.method("mymethod", """
        #DECLARE ($myText : Text) -> $r : Text
        $r:="["+$myText+"]" """)
    assert fourd.run("""
        var $o : Object
        return mymethod($o.a)""").value == "[]"


def test_undefined_condition_is_false(fourd):
    assert fourd.alerts("""
        var $o : Object
        If($o.a)
          ALERT("if")
        End if
        Case of
           :($o.a)
             ALERT("case")
        Else
             ALERT("else")
        End case""") == ["else"]


def test_assigning_undefined_to_existing_properties(fourd):
    assert fourd.run("""
        var $o : Object
        $o:=New object("a";2)
        $o.a:=$o.b
        var $all:={n: 5; t: "x"; b: True; o: {}; c: []; nul: Null}
        For each ($name; $all)
          $all[$name]:=$o.missing
        End for each
        $o.created:=$o.missing
        return [$o; $all]""").value == [
        {"a": 0}, {"n": 0, "t": "", "b": False, "o": None, "c": None, "nul": None}]


def test_cast_commands_on_undefined(fourd):
    assert fourd.run("""
        $o:={}
        $myString:=Lowercase(String($o.a.b))
        return [$myString; Num($o.a); Bool($o.a)]""").value == ["", 0, False]


def test_object_and_command_notation(fourd):
    assert fourd.run("""
        var $myObj : Object
        $myObj:={}
        $myObj.age:=56
        $age:=$myObj.age
        var $r:=[$age]
        var $myObj2 : Object
        OB SET($myObj2;"age";42)
        $age:=OB Get($myObj2;"age")
        $r.push($age)
        var $myObj3 : Object
        OB SET($myObj3;"age";10)
        $age:=$myObj3.age
        $r.push($age)
        return $r""").value == [56, 42, 10]


def test_properties_and_sub_objects(fourd):
    assert fourd.run("""
        var $Emp : Object
        $Emp:=New object
        $Emp.city:="London"
        $Emp.city:="Paris"
        $Emp.phone:=New object("office";"123456789";"home";"0011223344")
        $vCity:=$Emp.city
        $vPhone:=$Emp.phone.home
        $Emp["city"]:="Berlin"
        var $addr : Text
        $addr:="address"
        For($i;1;4)
           $Emp[$addr+String($i)]:=""
        End for
        return [$vCity; $vPhone; $Emp]""").value == [
        "Paris", "0011223344",
        {"city": "Berlin", "phone": {"office": "123456789", "home": "0011223344"},
         "address1": "", "address2": "", "address3": "", "address4": ""}]


def test_objects_are_references(fourd):
    assert fourd.run("""
        $a:={n: 1}
        $b:=$a
        $b.n:=2
        return $a.n""").value == 2


def test_numbers_are_stored_as_reals(fourd):
    assert fourd.run("""
        var $i : Integer
        $i:=3
        $o:={i: $i}
        $o.j:=$i
        return [Value type($o.i); Value type($o.j)]""").value == [1, 1]
